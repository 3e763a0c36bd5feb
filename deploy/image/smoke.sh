#!/usr/bin/env bash
# Starts the image built by `mvn -Pimage package` without a container engine, to prove it runs: unpacks
# target/jib-image.tar's layers into a root file system, then runs the image's own entrypoint there, with its
# environment, working directory and user, as a container runtime would (a mount namespace with /proc and /dev, a
# chroot). Checks /api/health and that / serves the web client, then stops it. Needs root (CI runs as root).
# Configured through the environment (SERVER_PORT, REALTIME_JWT_SECRET), as README.md documents.
# Usage: deploy/image/smoke.sh [port=3490]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
PORT=${1:-3490}
TAR=target/jib-image.tar
WORK=$(realpath -m target/image-smoke)
ROOTFS=$WORK/rootfs
LOG=$WORK/server.log

[[ -f "$TAR" ]] || { echo "smoke.sh: $TAR is missing: run mvn -Pimage package first" >&2; exit 1; }
rm -rf "$WORK"
mkdir -p "$ROOTFS"
tar -xf "$TAR" -C "$WORK"
# The image's layers in order, then its entrypoint, environment, working directory and user (config.json).
read_config() {
  node -e '
    const [dir, what] = process.argv.slice(1);
    const manifest = require(dir + "/manifest.json")[0];
    const config = require(dir + "/" + manifest.Config).config;
    const out = { layers: manifest.Layers, entrypoint: config.Entrypoint, env: config.Env,
      workdir: [config.WorkingDir], user: [config.User] }[what];
    console.log(out.join("\n"));' "$WORK" "$1"
}
while read -r layer; do
  tar --warning=no-unknown-keyword -xzf "$WORK/$layer" -C "$ROOTFS"
done < <(read_config layers)
mapfile -t entrypoint < <(read_config entrypoint)
mapfile -t env < <(read_config env)
workdir=$(read_config workdir)
user=$(read_config user)

# Inside a mount namespace of its own, so the mounts vanish with it.
cat >"$WORK/run.sh" <<'INNER'
set -euo pipefail
rootfs=$1 workdir=$2 user=$3 envs=$4; shift 4
image_env=("${@:1:envs}"); shift "$envs"
mkdir -p "$rootfs/proc" "$rootfs/dev"
mount -t proc proc "$rootfs/proc"
mount --rbind /dev "$rootfs/dev"
touch "$rootfs/etc/hosts"
mount --bind /etc/hosts "$rootfs/etc/hosts"
exec /usr/bin/env -i "${image_env[@]}" \
  /usr/bin/unshare --root="$rootfs" --wd="$workdir" --setuid="${user%%:*}" --setgid="${user##*:}" "$@"
INNER
echo "smoke.sh: starting the image's entrypoint as user $user in $workdir: ${entrypoint[*]}"
# Configured as README.md documents for the image: environment variables, not arguments.
# Management (actuator) on a free port, not its default 9090, which another server here may hold.
env+=("SERVER_PORT=$PORT" "MANAGEMENT_SERVER_PORT=0" "REALTIME_JWT_SECRET=smoke-test-only-secret-0123456789abcdef")
/usr/bin/unshare --mount --fork bash "$WORK/run.sh" "$ROOTFS" "$workdir" "$user" "${#env[@]}" "${env[@]}" \
  "${entrypoint[@]}" >"$LOG" 2>&1 &
pid=$!
# unshare --fork passes no signal on: stop its child, the server, which shuts down gracefully.
stop() {
  pkill -TERM -P "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
trap stop EXIT

for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1; then break; fi
  kill -0 "$pid" 2>/dev/null || { echo "smoke.sh: the image's process exited" >&2; cat "$LOG" >&2; exit 1; }
  sleep 0.5
done
health=$(curl -fsS "http://127.0.0.1:$PORT/api/health") || { echo "smoke.sh: no health answer" >&2; cat "$LOG" >&2; exit 1; }
page=$(curl -fsS "http://127.0.0.1:$PORT/")
[[ "$page" == *"<title>Realtime chat</title>"* ]] || { echo "smoke.sh: / is not the web client" >&2; exit 1; }
[[ -f "$ROOTFS$workdir/data/realtime.mv.db" ]] || { echo "smoke.sh: no H2 file in $workdir/data" >&2; exit 1; }
if grep -q "realtime.jwt.secret is not set" "$LOG"; then
  echo "smoke.sh: REALTIME_JWT_SECRET in the environment did not reach the server" >&2
  exit 1
fi
echo "smoke.sh: the image answers $health on /api/health, serves the web client at /, and wrote its H2 file in $workdir/data"
