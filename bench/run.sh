#!/usr/bin/env bash
# The benchmark of issue 10, point 5, in one command: this server on embedded H2, on PostgreSQL, and the plain Node
# socket.io peer, each in turn pinned to core 0, under the same raw-WebSocket generator (bench/rt, pinned to
# core 1, loopback only). Writes BENCHMARKS.md at the repository root (or --report FILE) and keeps the raw JSON and
# the server logs under bench/out/RUN/.
#
#   bash bench/run.sh [--quick] [--targets h2,pg,node] [--scenarios cold,fanout,acks,connect,soak]
#                     [--soak-minutes M] [--jvm-opts "..."] [--server-args "--realtime.x=y ..."] [--report FILE]
#                     [--GENERATOR-OPTION VALUE ...]
#
# Default scenarios: cold,fanout,acks,connect (about 6-7 minutes a target). --soak-minutes M adds the soak (10,000
# idle connections by default); the soak alone, as the issue asks: --scenarios soak --soak-minutes 10. --quick: every scenario small and short, a smoke run of 2-3 minutes a target.
# Any other --name value goes to the generator (see FULL in bench/rt/main.js), e.g. --connections 2000,
# --rates 20000,50000,100000, --soak-connections 5000.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

TARGETS=h2,pg,node
SCENARIOS=
SOAK_MINUTES=
QUICK=
JVM_OPTS=
SERVER_ARGS=
REPORT=$ROOT/BENCHMARKS.md
GENERATOR_ARGS=()
COMMAND="bash bench/run.sh $*"
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) QUICK=--quick; shift ;;
    --targets) TARGETS=$2; shift 2 ;;
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --soak-minutes) SOAK_MINUTES=$2; shift 2 ;;
    --jvm-opts) JVM_OPTS=$2; shift 2 ;;
    --server-args) SERVER_ARGS=$2; shift 2 ;;
    --report) REPORT=$(realpath -m "$2"); shift 2 ;;
    --*) [[ $# -ge 2 ]] || { echo "run.sh: $1 needs a value" >&2; exit 2; }
      GENERATOR_ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "run.sh: unexpected argument $1 (see the header of bench/run.sh)" >&2; exit 2 ;;
  esac
done
if [[ -z $SCENARIOS ]]; then
  SCENARIOS=cold,fanout,acks,connect
  [[ -n $QUICK || -n $SOAK_MINUTES ]] && SCENARIOS+=,soak
fi
[[ -n $SOAK_MINUTES ]] && GENERATOR_ARGS+=(--soak-minutes "$SOAK_MINUTES")

JAVA_PORT=18100
NODE_PORT=3100
JWT_SECRET=bench-run-secret-bench-run-secret-0123456789
PEER_DIR=${PEER_DIR:-$ROOT/../shared/peers/node-socketio}
# client_min_messages: DROP SCHEMA ... CASCADE lists every table it drops otherwise.
PG="env PGOPTIONS=--client-min-messages=warning psql -h 127.0.0.1 -U postgres -d test -qX"
STARTUP_SECONDS=300
STOP_SECONDS=30
if [[ -n $QUICK ]]; then GENERATOR_SECONDS=900; else GENERATOR_SECONDS=2400; fi
if [[ -n $SOAK_MINUTES ]]; then
  [[ $SOAK_MINUTES =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "run.sh: --soak-minutes $SOAK_MINUTES is not a number" >&2; exit 2; }
  GENERATOR_SECONDS=$(awk -v base="$GENERATOR_SECONDS" -v minutes="$SOAK_MINUTES" 'BEGIN { printf "%d", base + minutes * 60 }')
fi

for tool in mvn java jcmd node npm curl taskset timeout psql; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not on PATH" >&2; exit 1; }
done
[[ $(nproc) -ge 2 ]] || { echo "run.sh: needs 2 cores (server on 0, generator on 1)" >&2; exit 1; }
[[ -f $PEER_DIR/server.js ]] || { echo "run.sh: no Node peer at $PEER_DIR" >&2; exit 1; }
for port in $JAVA_PORT $NODE_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "run.sh: port $port is already in use; refusing to measure whatever listens there" >&2
    exit 1
  fi
done

OUT=$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)
WORK=$(mktemp -d)
mkdir -p "$OUT"
SERVER=
GENERATOR=
SCHEMA=
# A server that exited stays a zombie until waited for, and kill -0 still finds it: look at its state instead.
running() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]
}
stop_server() {
  [[ -n $SERVER ]] || return 0
  kill "$SERVER" 2>/dev/null || true
  for _ in $(seq 1 $((STOP_SECONDS * 2))); do
    running "$SERVER" || break
    sleep 0.5
  done
  kill -9 "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  SERVER=
}
drop_schema() {
  [[ -n $SCHEMA ]] || return 0
  $PG -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" || true
  SCHEMA=
}
trap '[[ -z $GENERATOR ]] || kill "$GENERATOR" 2>/dev/null; stop_server; drop_schema; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM # through the EXIT trap: an interrupted run leaves no server and no schema behind

echo "== building the jar and installing the generator and the Node peer"
mvn -q -B package -DskipTests
JAR=$(ls target/realtime-server-*.jar | grep -v original | head -1)
(cd bench/rt && npm ci --no-audit --no-fund --silent)
node bench/rt/main.js --check yes --scenarios "$SCENARIOS" $QUICK "${GENERATOR_ARGS[@]}"
cp -R "$PEER_DIR" "$WORK/peer"
chmod -R u+w "$WORK/peer"
(cd "$WORK/peer" && npm ci --no-audit --no-fund --silent)

# start NAME PORT HEALTH_PATH COMMAND...: the command on core 0, then waits for its health check.
start() {
  local name=$1 port=$2 health=$3
  shift 3
  echo "taskset -c 0 $*" >"$OUT/$name.command"
  taskset -c 0 "$@" >"$OUT/$name.log" 2>&1 &
  SERVER=$!
  local started=$SECONDS
  for _ in $(seq 1 $((STARTUP_SECONDS * 2))); do
    if curl -sf "http://127.0.0.1:$port$health" >/dev/null; then
      echo $((SECONDS - started)) >"$OUT/$name.startup"
      return 0
    fi
    running "$SERVER" || break
    sleep 0.5
  done
  echo "run.sh: $name did not answer $health within ${STARTUP_SECONDS}s; see $OUT/$name.log" >&2
  return 1
}

# measure NAME KIND PORT: the generator on core 1 against the server just started; a failure is in its JSON.
measure() {
  local name=$1 kind=$2 port=$3 status=0
  echo "== $name"
  local generator=(node bench/rt/main.js --kind "$kind" --label "$name" --port "$port" --pid "$SERVER" --out "$OUT/$name.json"
    --jwt-secret "$JWT_SECRET" --clock-ticks "$(getconf CLK_TCK)" --scenarios "$SCENARIOS" $QUICK "${GENERATOR_ARGS[@]}")
  echo "taskset -c 1 ${generator[*]}" >"$OUT/$name.generator"
  # In the background and waited for: bash runs a trap only between commands, and wait is one it can interrupt.
  timeout --kill-after=10 "$GENERATOR_SECONDS" taskset -c 1 "${generator[@]}" &
  GENERATOR=$!
  wait "$GENERATOR" || status=$?
  GENERATOR=
  [[ $status -eq 0 ]] || echo "run.sh: the generator for $name ended with status $status (124: timed out)" | tee "$OUT/$name.failed" >&2
  running "$SERVER" || echo "run.sh: the $name server was gone at the end" | tee -a "$OUT/$name.failed" >&2
  sleep 5 # the generator's connections close with it: let the server see them go before it is told to stop
  stop_server
}

java_server() {
  local name=$1
  shift
  # shellcheck disable=SC2086 # JVM_OPTS is a list of flags
  start "$name" "$JAVA_PORT" /api/health java $JVM_OPTS -jar "$JAR" --server.port=$JAVA_PORT --management.server.port=0 \
    --realtime.jwt.secret="$JWT_SECRET" \
    --realtime.limits.messages-per-second=1000000000 --realtime.limits.message-burst=2000000000 --realtime.limits.events-per-second=1000000000 --realtime.limits.events-burst=2000000000 --realtime.limits.connections-per-user=1000000 --realtime.limits.handshakes-per-second=0 "$@" $SERVER_ARGS \
    && measure "$name" java "$JAVA_PORT"
}

PEER_DIR=$PEER_DIR bash bench/rt/environment.sh "$JAR" "$JVM_OPTS" "$COMMAND" >"$OUT/environment.tsv"
for target in ${TARGETS//,/ }; do
  case $target in
    h2) java_server h2 \
      --spring.datasource.url="jdbc:h2:file:$WORK/h2/rt;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000" \
      || echo "h2: did not start" >"$OUT/h2.failed"; stop_server ;;
    pg) SCHEMA="bench_$(date +%s)"
      $PG -c "CREATE SCHEMA $SCHEMA"
      java_server pg --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" \
        --spring.datasource.username=postgres --spring.datasource.password= \
        || echo "pg: did not start" >"$OUT/pg.failed"
      stop_server; drop_schema ;;
    node) { start node "$NODE_PORT" /health node "$WORK/peer/server.js" --port "$NODE_PORT" --jwt-secret "$JWT_SECRET" \
        && measure node node "$NODE_PORT"; } || echo "node: did not start" >"$OUT/node.failed"
      stop_server ;;
    *) echo "run.sh: unknown target $target (h2, pg, node)" >&2; exit 2 ;;
  esac
done

node bench/rt/report.js "$OUT" >"$REPORT"
echo "== wrote $REPORT (raw figures and server logs in $OUT)"
