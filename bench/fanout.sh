#!/usr/bin/env bash
# Connection cost and room fan-out of the Java server beside the plain Node socket.io peer, in one run.
# Each server in turn runs pinned to core 0; the load generator (bench/fanout/fanout.js, the official npm
# socket.io-client over WebSocket, a separate process) runs pinned to core 1. Prints both and the Java/Node ratios.
#   bash bench/fanout.sh [connections] [receivers] [senders] [window] [seconds]
# The Node peer is copied from ../shared/peers/node-socketio (or $PEER_DIR) and installed with npm ci.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${1:-1000}
RECEIVERS=${2:-200}
SENDERS=${3:-4}
WINDOW=${4:-4}
SECONDS_MEASURED=${5:-15}
PEER_DIR=${PEER_DIR:-../shared/peers/node-socketio}
JAVA_PORT=18090
NODE_PORT=3100
STARTUP_SECONDS=120
STOP_SECONDS=30
# Generous: registration (BCrypt) of up to 500 users on one core, connections, warmup, the window and drains.
GENERATOR_SECONDS=$((600 + SECONDS_MEASURED))

for value in "$CONNECTIONS" "$RECEIVERS" "$SENDERS" "$WINDOW" "$SECONDS_MEASURED"; do
  [[ $value =~ ^[1-9][0-9]{0,5}$ ]] || { echo "fanout.sh: '$value' is not a positive integer" >&2; exit 2; }
done
for tool in mvn java node npm curl taskset timeout; do
  command -v "$tool" >/dev/null || { echo "fanout.sh: $tool is not on PATH" >&2; exit 1; }
done
[[ -f $PEER_DIR/server.js ]] || { echo "fanout.sh: no Node peer at $PEER_DIR" >&2; exit 1; }

WORK=$(mktemp -d)
SERVER=
stop_server() {
  [[ -n $SERVER ]] || return 0
  kill "$SERVER" 2>/dev/null || true
  for _ in $(seq 1 $((STOP_SECONDS * 2))); do
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.5
  done
  kill -9 "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  SERVER=
}
trap 'stop_server; rm -rf "$WORK"' EXIT

mvn -q -B package -DskipTests
JAR=$(ls target/realtime-server-*.jar | grep -v original | head -1)
cp -R "$PEER_DIR" "$WORK/peer"
chmod -R u+w "$WORK/peer"
(cd "$WORK/peer" && npm ci --no-audit --no-fund --silent)
(cd bench/fanout && npm ci --no-audit --no-fund --silent)

# start NAME PORT HEALTH_PATH COMMAND...: the command on core 0, then waits for its health check.
start() {
  local name=$1 port=$2 health=$3
  shift 3
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "fanout.sh: port $port is already in use; refusing to measure whatever listens there" >&2
    exit 1
  fi
  taskset -c 0 "$@" >"$WORK/$name.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 $((STARTUP_SECONDS * 2))); do
    curl -sf "http://127.0.0.1:$port$health" >/dev/null && return 0
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.5
  done
  echo "fanout.sh: $name did not answer $health within ${STARTUP_SECONDS}s; its log:" >&2
  tail -50 "$WORK/$name.log" >&2
  exit 1
}

measure() {
  local name=$1 port=$2
  timeout --kill-after=10 "$GENERATOR_SECONDS" taskset -c 1 node bench/fanout/fanout.js run \
    --server "$name" --url "http://127.0.0.1:$port" --pid "$SERVER" --out "$WORK/$name.json" \
    --connections "$CONNECTIONS" --receivers "$RECEIVERS" --senders "$SENDERS" --window "$WINDOW" \
    --seconds "$SECONDS_MEASURED" --clock-ticks "$(getconf CLK_TCK)"
  stop_server
}

start java "$JAVA_PORT" /api/health java -jar "$JAR" --server.port=$JAVA_PORT --management.server.port=0 \
  --spring.datasource.url="jdbc:h2:file:$WORK/h2/rt;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000" \
  --realtime.jwt.secret=bench-fanout-secret-bench-fanout-secret \
  --realtime.limits.messages-per-second=1000000 --realtime.limits.message-burst=1000000 --realtime.limits.events-per-second=1000000000 --realtime.limits.events-burst=2000000000 --realtime.limits.connections-per-user=1000000 --realtime.limits.handshakes-per-second=0 \
  --realtime.gateway.pending-per-socket=1024
measure java "$JAVA_PORT"

start node "$NODE_PORT" /health node "$WORK/peer/server.js" --port "$NODE_PORT"
measure node "$NODE_PORT"

echo
node bench/fanout/fanout.js report "$WORK/java.json" "$WORK/node.json"
