#!/usr/bin/env bash
# Cross-node fan-out beside single-node fan-out of the Java server, in one run and with the same parameters.
#   1. one node (cluster mode memory) on core 0;
#   2. two nodes (cluster mode redis) sharing one H2 file (AUTO_SERVER) and a redis-server of this script's own,
#      all three pinned to core 0; senders on node 1, receivers half and half on nodes 1 and 2, so every delivery
#      to node 2 crosses Redis pub/sub.
# Then the same two steps with the plain Node socket.io peer (copied from ../shared/peers/node-socketio or
# $PEER_DIR, unmodified; for two nodes bench/fanout/redis-adapter.cjs gives it @socket.io/redis-adapter).
# The load generator (bench/fanout/fanout.js, the official npm socket.io-client over WebSocket) runs on core 1.
# Prints deliveries and sends per second, latency, the CPU of the nodes, of Redis and of the generator, and the
# two-node/one-node ratios.
#   bash bench/cluster-fanout.sh [receivers] [senders] [window] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
RECEIVERS=${1:-200}
SENDERS=${2:-4}
WINDOW=${3:-4}
SECONDS_MEASURED=${4:-15}
PEER_DIR=${PEER_DIR:-../shared/peers/node-socketio}
NODE1_PORT=18091
NODE2_PORT=18092
# The first free one of these is the bench's own Redis; never the shared 6379.
REDIS_PORTS=$(seq 16379 16399)
STARTUP_SECONDS=120
STOP_SECONDS=30
# Generous: registration (BCrypt) of up to 500 users on one core, connections, warmup, the window and drains.
GENERATOR_SECONDS=$((600 + SECONDS_MEASURED))

for value in "$RECEIVERS" "$SENDERS" "$WINDOW" "$SECONDS_MEASURED"; do
  [[ $value =~ ^[1-9][0-9]{0,5}$ ]] || { echo "cluster-fanout.sh: '$value' is not a positive integer" >&2; exit 2; }
done
for tool in mvn java node npm curl taskset timeout redis-server redis-cli; do
  command -v "$tool" >/dev/null || { echo "cluster-fanout.sh: $tool is not on PATH" >&2; exit 1; }
done
[[ -f $PEER_DIR/server.js ]] || { echo "cluster-fanout.sh: no Node peer at $PEER_DIR" >&2; exit 1; }

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

WORK=$(mktemp -d)
PIDS=()
# SIGTERM, then SIGKILL after STOP_SECONDS; last started, first stopped (the nodes before their Redis).
stop_all() {
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 $((STOP_SECONDS * 2))); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap 'stop_all; rm -rf "$WORK"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mvn -q -B package -DskipTests
JAR=$(ls target/realtime-server-*.jar | grep -v original | head -1)
(cd bench/fanout && npm ci --no-audit --no-fund --silent)
cp -R "$PEER_DIR" "$WORK/peer"
chmod -R u+w "$WORK/peer"
# The adapter's versions are those the e2e suite runs its cluster interop tests with.
(cd "$WORK/peer" && npm ci --no-audit --no-fund --silent &&
  npm install --no-save --no-audit --no-fund --silent @socket.io/redis-adapter@8.3.0 redis@4.7.1)

refuse_busy() {
  if port_answers "$1"; then
    echo "cluster-fanout.sh: port $1 is already in use; refusing to measure whatever listens there" >&2
    exit 1
  fi
}

node_ready() {
  curl -sf "http://127.0.0.1:$1/api/health" >/dev/null
}

peer_ready() {
  curl -sf "http://127.0.0.1:$1/health" >/dev/null
}

redis_ready() {
  [[ $(redis-cli -p "$1" ping 2>/dev/null) == PONG ]]
}

# start NAME READY PORT COMMAND...: the command on core 0, then waits until `READY PORT` succeeds.
start() {
  local name=$1 ready=$2 port=$3
  shift 3
  taskset -c 0 "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 $((STARTUP_SECONDS * 2))); do
    "$ready" "$port" && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  echo "cluster-fanout.sh: $name was not ready within ${STARTUP_SECONDS}s; its log:" >&2
  tail -50 "$WORK/$name.log" >&2
  exit 1
}

# start_node NAME PORT DATABASE_DIR ARGS...: one Java node; every node of a run shares DATABASE_DIR.
start_node() {
  local name=$1 port=$2 db=$3
  shift 3
  refuse_busy "$port"
  # AUTO_SERVER: the first node opens the file embedded and serves it to the second, as one database would be
  # shared by two machines. The one-node run uses the same URL so that the database is not what differs.
  start "$name" node_ready "$port" java -jar "$JAR" --server.port="$port" --management.server.port=0 \
    --spring.datasource.url="jdbc:h2:file:$db/rt;AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000" \
    --realtime.jwt.secret=bench-cluster-secret-bench-cluster-secret \
    --realtime.limits.messages-per-second=1000000 --realtime.limits.message-burst=1000000 --realtime.limits.events-per-second=1000000000 --realtime.limits.events-burst=2000000000 --realtime.limits.connections-per-user=1000000 --realtime.limits.handshakes-per-second=0 \
    --realtime.gateway.pending-per-socket=1024 "$@"
}

start_redis() {
  local port
  for port in $REDIS_PORTS; do
    port_answers "$port" && continue
    REDIS_PORT=$port
    start redis redis_ready "$port" redis-server --port "$port" --bind 127.0.0.1 \
      --save "" --appendonly no --dir "$WORK"
    return 0
  done
  echo "cluster-fanout.sh: no free port for Redis among $(echo $REDIS_PORTS)" >&2
  exit 1
}

# start_peer NAME PORT [node options...]: one Node peer.
start_peer() {
  local name=$1 port=$2
  shift 2
  refuse_busy "$port"
  start "$name" peer_ready "$port" node "$@" "$WORK/peer/server.js" --port "$port"
}

# measure NAME SERVER PIDS [fanout.js options...]: the generator on core 1 against the nodes started last.
measure() {
  local name=$1 server=$2 pids=$3
  shift 3
  timeout --kill-after=10 "$GENERATOR_SECONDS" taskset -c 1 node bench/fanout/fanout.js run \
    --server "$server" --url "http://127.0.0.1:$NODE1_PORT" --pid "$pids" --out "$WORK/$name.json" \
    --connections 0 --receivers "$RECEIVERS" --senders "$SENDERS" --window "$WINDOW" \
    --seconds "$SECONDS_MEASURED" --clock-ticks "$(getconf CLK_TCK)" "$@"
  stop_all
}

PREFIX="bench-$$"

echo "== java, one node (cluster mode memory)"
start_node java-one "$NODE1_PORT" "$WORK/h2-one" --realtime.cluster.mode=memory
measure java-one java "${PIDS[0]}"

echo "== java, two nodes (cluster mode redis)"
start_redis
CLUSTER=(--realtime.cluster.mode=redis --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT"
  --realtime.cluster.prefix="$PREFIX")
start_node java-node1 "$NODE1_PORT" "$WORK/h2-two" "${CLUSTER[@]}"
start_node java-node2 "$NODE2_PORT" "$WORK/h2-two" "${CLUSTER[@]}"
measure java-two java "${PIDS[1]},${PIDS[2]}" --url2 "http://127.0.0.1:$NODE2_PORT" --redis-pid "${PIDS[0]}"

echo "== node peer, one node (in-memory adapter)"
start_peer node-one "$NODE1_PORT"
measure node-one node "${PIDS[0]}"

echo "== node peer, two nodes (@socket.io/redis-adapter)"
start_redis
export BENCH_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" BENCH_ADAPTER_KEY="$PREFIX"
start_peer node-node1 "$NODE1_PORT" -r "$PWD/bench/fanout/redis-adapter.cjs"
start_peer node-node2 "$NODE2_PORT" -r "$PWD/bench/fanout/redis-adapter.cjs"
measure node-two node "${PIDS[1]},${PIDS[2]}" --url2 "http://127.0.0.1:$NODE2_PORT" --redis-pid "${PIDS[0]}"

echo
node bench/fanout/fanout.js cluster-report "$WORK"/{java,node}-{one,two}.json
