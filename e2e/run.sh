#!/usr/bin/env bash
# Runs the Node end-to-end suite against the conformance fixture: builds the test classpath, starts the
# fixture on port 3300, waits for it, runs `npm ci` and `npm test` in e2e/, stops the fixture, and exits
# with the test status. Any step that cannot run fails the script; none is skipped.
set -euo pipefail

PORT=3300
STARTUP_SECONDS=60

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
LOG="$ROOT/target/e2e-fixture.log"

for tool in mvn java node npm; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not on PATH" >&2; exit 1; }
done

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

if port_answers; then
  echo "run.sh: port $PORT is already in use; refusing to test whatever listens there" >&2
  exit 1
fi

echo "run.sh: building the test classpath"
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt

echo "run.sh: starting the conformance fixture on port $PORT (log: $LOG)"
java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" \
  dev.realtime.conformance.ConformanceFixture "$PORT" >"$LOG" 2>&1 &
FIXTURE_PID=$!

stop_fixture() {
  kill "$FIXTURE_PID" 2>/dev/null || true
  wait "$FIXTURE_PID" 2>/dev/null || true
}
trap stop_fixture EXIT

deadline=$((SECONDS + STARTUP_SECONDS))
until port_answers; do
  if ! kill -0 "$FIXTURE_PID" 2>/dev/null; then
    echo "run.sh: the fixture exited before listening; its log:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "run.sh: the fixture did not listen on port $PORT within ${STARTUP_SECONDS}s; its log:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 0.5
done
echo "run.sh: fixture is listening"

cd "$ROOT/e2e"
npm ci --no-audit --no-fund

status=0
E2E_URL="http://localhost:$PORT" npm test || status=$?
if ((status != 0)); then
  echo "run.sh: the suite failed (status $status); fixture log:" >&2
  cat "$LOG" >&2
fi
exit "$status"
