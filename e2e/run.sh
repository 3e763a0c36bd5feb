#!/usr/bin/env bash
# Runs the Node end-to-end suite against two servers: the conformance fixture (port 3300) and the application
# itself as two nodes (ports 3400 and 3401, sharing a fresh H2 database, rooms on the Redis at 127.0.0.1:6379
# under a prefix of this run's own, which the cluster interop tests share with their Node peers). Builds once, starts both, waits for both, runs `npm ci` and
# `npm test` in e2e/, stops both on exit, and exits with the test status. The load-balancer test starts HAProxy
# (which must be on PATH) in front of the two nodes itself. Any step that cannot run fails the
# script; none is skipped.
set -euo pipefail

FIXTURE_PORT=3300
APP_PORT=3400
APP2_PORT=3401
STARTUP_SECONDS=90
STOP_SECONDS=20
CLUSTER_PREFIX="e2e-$$-$RANDOM"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
FIXTURE_LOG="$ROOT/target/e2e-fixture.log"
APP_LOG="$ROOT/target/e2e-app.log"
APP2_LOG="$ROOT/target/e2e-app2.log"
# The load-balancer test starts HAProxy itself and appends its output here.
HAPROXY_LOG="$ROOT/target/e2e-haproxy.log"

for tool in mvn java node npm haproxy; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not on PATH" >&2; exit 1; }
done

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

refuse_busy_ports() {
  for port in "$FIXTURE_PORT" "$APP_PORT" "$APP2_PORT"; do
    if port_answers "$port"; then
      echo "run.sh: port $port is already in use; refusing to test whatever listens there" >&2
      exit 1
    fi
  done
}
refuse_busy_ports

FIXTURE_PID=""
APP_PID=""
APP2_PID=""
DATA_DIR=""

print_logs() {
  for log in "$FIXTURE_LOG" "$APP_LOG" "$APP2_LOG" "$HAPROXY_LOG"; do
    if [[ -f "$log" ]]; then
      echo "run.sh: ---- $log ----" >&2
      cat "$log" >&2
    fi
  done
}

# SIGTERM first (the application shuts down gracefully), SIGKILL if it is still there after STOP_SECONDS.
stop() {
  local pid=$1
  [[ -n "$pid" ]] || return 0
  kill "$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + STOP_SECONDS))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  stop "$FIXTURE_PID"
  stop "$APP_PID"
  stop "$APP2_PID"
  if [[ -n "$DATA_DIR" ]]; then
    rm -rf "$DATA_DIR"
  fi
}
trap cleanup EXIT
# An interrupted run still stops both servers: exiting runs the EXIT trap.
trap 'exit 130' INT
trap 'exit 143' TERM

echo "run.sh: building the application jar and the test classpath"
mvn -q -B package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/cp.txt

shopt -s nullglob
jars=(target/realtime-server-*.jar)
shopt -u nullglob
if ((${#jars[@]} != 1)); then
  echo "run.sh: expected exactly one target/realtime-server-*.jar, found ${#jars[@]}: ${jars[*]:-none}" >&2
  exit 1
fi
APP_JAR=${jars[0]}

# Again, now that the build is done: something may have started listening meanwhile.
refuse_busy_ports

echo "run.sh: starting the conformance fixture on port $FIXTURE_PORT (log: $FIXTURE_LOG)"
# No e2e test is about the heartbeat: the official suites' 300 ms + 200 ms would let a busy machine's late ping
# end a client ("ping timeout") in the middle of a test about something else.
java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" \
  dev.realtime.conformance.ConformanceFixture "$FIXTURE_PORT" 5000 20000 >"$FIXTURE_LOG" 2>&1 &
FIXTURE_PID=$!

DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/realtime-e2e.XXXXXX")
# Two nodes of the application share one H2 file (AUTO_SERVER: the first to open it serves it to the other) and
# one Redis, as two machines would share their database and Redis.
DB_URL="jdbc:h2:file:$DATA_DIR/rt;AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000"

# Short presence grace and typing timeout so the tests that wait for them stay quick; a rate limit the suite's
# bursts never reach. The JWT secret is fixed so that both nodes accept the same tokens (and a failing run can be
# replayed with them).
start_app() {
  local port=$1 log=$2
  java -jar "$APP_JAR" \
    --server.port="$port" --management.server.port=0 \
    --spring.datasource.url="$DB_URL" \
    --realtime.jwt.secret=e2e-only-jwt-secret-0123456789abcdef \
    --realtime.presence.grace-period=500ms \
    --realtime.typing.timeout=500ms \
    --realtime.limits.messages-per-second=1000 \
    --realtime.limits.message-burst=1000 \
    --realtime.cluster.mode=redis \
    --realtime.cluster.prefix="$CLUSTER_PREFIX" \
    >"$log" 2>&1 &
}
echo "run.sh: starting the application on port $APP_PORT, database in $DATA_DIR (log: $APP_LOG)"
start_app "$APP_PORT" "$APP_LOG"
APP_PID=$!

fixture_ready() {
  port_answers "$FIXTURE_PORT"
}

health_ok() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$1/api/health" 2>/dev/null
}

app_ready() {
  health_ok "$APP_PORT"
}

app2_ready() {
  health_ok "$APP2_PORT"
}

# Waits for one server, failing as soon as it exits or when STARTUP_SECONDS have passed since the builds ended.
deadline=$((SECONDS + STARTUP_SECONDS))
await_server() {
  local name=$1 pid=$2 ready=$3
  until "$ready"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: the $name exited before it was ready" >&2
      print_logs
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "run.sh: the $name was not ready within ${STARTUP_SECONDS}s" >&2
      print_logs
      exit 1
    fi
    sleep 0.5
  done
  echo "run.sh: the $name is ready"
}
await_server "conformance fixture" "$FIXTURE_PID" fixture_ready
await_server application "$APP_PID" app_ready
# The second node starts once the first has migrated the schema.
echo "run.sh: starting a second node of the application on port $APP2_PORT (log: $APP2_LOG)"
start_app "$APP2_PORT" "$APP2_LOG"
APP2_PID=$!
deadline=$((SECONDS + STARTUP_SECONDS))
await_server "second application node" "$APP2_PID" app2_ready

cd "$ROOT/e2e"
# --prefer-offline: packages already in npm's cache are taken from it without asking the registry again, so a
# run on a machine that has run the suite before does not depend on the network.
npm ci --prefer-offline --no-audit --no-fund

status=0
rm -f "$HAPROXY_LOG"
E2E_HAPROXY_LOG="$HAPROXY_LOG" \
E2E_URL="http://localhost:$FIXTURE_PORT" E2E_APP_URL="http://localhost:$APP_PORT" E2E_CLUSTER_PREFIX="$CLUSTER_PREFIX" \
  E2E_APP2_URL="http://localhost:$APP2_PORT" \
  npm test || status=$?
if ((status != 0)); then
  echo "run.sh: the suite failed (status $status)" >&2
  print_logs
fi
exit "$status"
