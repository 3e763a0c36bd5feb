#!/usr/bin/env bash
# What BENCHMARKS.md says about the run's machine and software, as "key<TAB>value" lines.
#   bash bench/rt/environment.sh JAR JVM_OPTS COMMAND
set -uo pipefail
JAR=$1 JVM_OPTS=$2 COMMAND=$3
line() { printf '%s\t%s\n' "$1" "$2"; }
line date "$(date -u '+%Y-%m-%d %H:%M UTC')"
line commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml bench || echo ' (with uncommitted changes)')"
line command "$COMMAND"
line cores "$(nproc)"
line cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
line kernel "$(uname -r)"
line memory "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
line load "$(cut -d' ' -f1-3 /proc/loadavg)"
line nofile "$(ulimit -n)"
line java "$(java -version 2>&1 | head -2 | paste -sd' ')"
line jar "$(basename "$JAR")"
line jvmOpts "${JVM_OPTS:-none}"
# shellcheck disable=SC2086 # JVM_OPTS is a list of flags
line jvmFlags "$(taskset -c 0 java $JVM_OPTS -XX:+PrintCommandLineFlags -version 2>&1 | head -1)"
line node "$(node --version)"
line peerSocketIo "$(node -p "require('${PEER_DIR:-/work/shared/peers/node-socketio}/package.json').dependencies['socket.io']")"
line ws "$(node -p "require('./bench/rt/package.json').dependencies.ws")"
line postgresql "$(psql -h 127.0.0.1 -U postgres -d test -tAXc 'SHOW server_version' 2>/dev/null || echo unreachable)"
