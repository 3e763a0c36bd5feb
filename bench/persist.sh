#!/usr/bin/env bash
# Persisted messages per second and POST latency, on embedded H2 and on PostgreSQL.
# The server runs pinned to core 0, the load generator (bench/PersistBench.java, a separate JVM) to core 1.
#   bash bench/persist.sh [concurrency] [chats] [seconds] [warmup seconds]
# A JVM pinned to one core keeps compiling for minutes: the default warm-up is 60 s, so the figures are of a
# warm server (say 5 for what a fresh one does).
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=${1:-32}
CHATS=${2:-16}
SECONDS_MEASURED=${3:-15}
WARMUP=${4:-60}
PORT=18080
WORK=$(mktemp -d)
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

mvn -q -B package -DskipTests
JAR=$(ls target/realtime-server-*.jar | grep -v original | head -1)

run() {
  local name=$1; shift
  taskset -c 0 java -jar "$JAR" --server.port=$PORT --management.server.port=0 \
    --realtime.limits.messages-per-second=1000000000 --realtime.limits.message-burst=2000000000 --realtime.limits.events-per-second=1000000000 --realtime.limits.events-burst=2000000000 --realtime.limits.connections-per-user=1000000 --realtime.limits.handshakes-per-second=0 \
    --realtime.jwt.secret=bench-secret-bench-secret-bench-secret "$@" >"$WORK/$name.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break
    sleep 0.5
  done
  echo "== $name"
  taskset -c 1 java bench/PersistBench.java "http://127.0.0.1:$PORT" "$CONCURRENCY" "$CHATS" "$WARMUP" "$SECONDS_MEASURED"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
}

run h2 --spring.datasource.url="jdbc:h2:file:$WORK/h2/rt;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000"

SCHEMA="bench_$(date +%s)"
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $SCHEMA"
run postgresql --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" \
  --spring.datasource.username=postgres --spring.datasource.password=
psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA $SCHEMA CASCADE"
