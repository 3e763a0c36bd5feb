#!/usr/bin/env bash
# Runs the web client's tests: the unit tests of its plain modules, then the browser tests in Debian's headless
# Chromium against the application on port 3500 with a fresh H2 database under target/. Builds the jar unless it
# is newer than every source, starts the server, waits for it, runs `npm ci` and `npm test` in e2e/browser/, stops
# the server on exit and exits with the test status. Screenshots of every step: target/browser-screenshots/.
set -euo pipefail

PORT=3500
STARTUP_SECONDS=120
STOP_SECONDS=20

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
WORK="$ROOT/target/browser-e2e"
LOG="$WORK/server.log"
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}

for tool in mvn java node npm; do
  command -v "$tool" >/dev/null || { echo "browser/run.sh: $tool is not on PATH" >&2; exit 1; }
done
[[ -x "$CHROMIUM" ]] || { echo "browser/run.sh: no Chromium at $CHROMIUM (Debian: apt-get install chromium)" >&2; exit 1; }
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "browser/run.sh: port $PORT is already in use; refusing to test whatever listens there" >&2
  exit 1
fi

shopt -s nullglob
jars=(target/realtime-server-*.jar)
shopt -u nullglob
if ((${#jars[@]} != 1)) || [[ -n "$(find src pom.xml -newer "${jars[0]}" -print -quit)" ]]; then
  echo "browser/run.sh: building the application jar"
  mvn -q -B package -DskipTests
  jars=(target/realtime-server-*.jar)
fi
APP_JAR=${jars[0]}

rm -rf "$WORK" "$ROOT/target/browser-screenshots"
mkdir -p "$WORK"
SERVER_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] || return 0
  kill "$SERVER_PID" 2>/dev/null || return 0
  local deadline=$((SECONDS + STOP_SECONDS))
  while kill -0 "$SERVER_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A short presence grace period, so that "last seen" shows a second after a connection is lost.
echo "browser/run.sh: starting the application on port $PORT (log: $LOG)"
java -jar "$APP_JAR" \
  --server.port="$PORT" --management.server.port=0 \
  --spring.datasource.url="jdbc:h2:file:$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  --realtime.presence.grace-period=1s \
  >"$LOG" 2>&1 &
SERVER_PID=$!

deadline=$((SECONDS + STARTUP_SECONDS))
until node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$PORT/api/health" 2>/dev/null; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null || ((SECONDS >= deadline)); then
    echo "browser/run.sh: the application did not start" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 0.5
done
echo "browser/run.sh: the application is ready"

cd "$ROOT/e2e/browser"
# --prefer-offline: packages already in npm's cache are taken from it without asking the registry again, so a
# run on a machine that has run the suite before does not depend on the network.
npm ci --prefer-offline --no-audit --no-fund
status=0
E2E_WEB_URL="http://localhost:$PORT" E2E_SCREENSHOTS="$ROOT/target/browser-screenshots" CHROMIUM_PATH="$CHROMIUM" \
  npm test || status=$?
if ((status != 0)); then
  echo "browser/run.sh: the browser tests failed (status $status); screenshots in target/browser-screenshots" >&2
  tail -n 50 "$LOG" >&2
fi
exit "$status"
