#!/usr/bin/env bash
# Builds the container image localhost/setpoint:VERSION from Debian packages only: no registry is
# needed. debootstrap makes a minimal Debian root file system with openjdk-17-jre-headless and a
# non-root user, which buildah makes the base image localhost/setpoint-base:SUITE; the image adds the
# setpoint jar and its entry point on top, in a layer of their own.
#
#   deploy/image/build.sh                    # image localhost/setpoint:VERSION (and :latest)
#   deploy/image/build.sh --fresh            # debootstrap again instead of reusing the cached root fs
#   deploy/image/build.sh --save FILE.tar    # also write the image as an OCI archive (to load elsewhere)
#
# Needs root, debootstrap, buildah and curl (apt-get install debootstrap buildah curl), a Debian mirror:
# SETPOINT_DEBIAN_MIRROR (default http://deb.debian.org/debian), SETPOINT_DEBIAN_SUITE (bookworm).
# The root file system is cached in deploy/image/target/; the jar is built by ./setpoint when stale.
# Fails with a non-zero exit and one line saying which step failed (the step's output is in
# deploy/image/target/build.log).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="$here/target"
log="$target/build.log"
suite="${SETPOINT_DEBIAN_SUITE:-bookworm}"
mirror="${SETPOINT_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
packages="openjdk-17-jre-headless"
rootfs="$target/rootfs-$suite"
uid=10001
fresh=false
save=""

fail() {
  echo "deploy/image/build.sh: FAILED: $*" >&2
  exit 1
}

# Any other command that fails ends the script too, with the line it failed on.
trap 'echo "deploy/image/build.sh: FAILED at line $LINENO (exit $?; output: $log)" >&2' ERR

while [[ $# -gt 0 ]]; do
  case "$1" in
    --fresh) fresh=true; shift ;;
    --save) [[ $# -ge 2 ]] || fail "--save needs a file name"; save="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument '$1' (see --help)" ;;
  esac
done

step=""
# Runs one step with its output in the log; on failure shows the log's end and the step's name.
run() {
  step="$1"; shift
  echo "== $step" >>"$log"
  if ! "$@" >>"$log" 2>&1; then
    tail -n 15 "$log" >&2
    fail "$step (full output: $log)"
  fi
}

[[ $(id -u) -eq 0 ]] || fail "needs root (debootstrap and buildah's storage), run it with sudo"
for tool in debootstrap buildah curl; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install debootstrap buildah curl)"
done
mkdir -p "$target"
: >"$log"
started=$(date +%s)

# 1. The jar: ./setpoint rebuilds setpoint-cli/target/setpoint.jar when a source is newer.
run "building the setpoint jar (./setpoint --version)" "$repo/setpoint" --version
jar="$repo/setpoint-cli/target/setpoint.jar"
version="$(java -jar "$jar" --version | awk 'NR == 1 {print $2}')"
[[ -n "$version" ]] || fail "reading the version from $jar"

# 2. The root file system, from Debian's packages (cached: debootstrap takes a few minutes).
if $fresh || [[ ! -f "$rootfs/.setpoint-rootfs" ]]; then
  rm -rf "$rootfs" "$rootfs.partial"
  run "debootstrap $suite ($packages) from $mirror" \
    debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs.partial" "$mirror"
  # Slim it: package caches and lists, documentation, manual pages, translations and logs.
  run "removing caches, documentation and logs from the root file system" \
    sh -c "cd '$rootfs.partial' && rm -rf var/cache/apt/* var/lib/apt/lists/* usr/share/doc/* \
      usr/share/man/* usr/share/info/* usr/share/locale/* var/log/* var/cache/debconf/*-old"
  run "adding the user setpoint ($uid)" chroot "$rootfs.partial" useradd --uid "$uid" --user-group \
    --home-dir /var/lib/setpoint --no-create-home --shell /usr/sbin/nologin setpoint
  run "recording the packages of the root file system" \
    sh -c "chroot '$rootfs.partial' dpkg-query -W -f='\${Package} \${Version}\n' > '$target/packages-$suite.txt'"
  date -u +%Y-%m-%dT%H:%M:%SZ >"$rootfs.partial/.setpoint-rootfs"
  mv "$rootfs.partial" "$rootfs"
fi
stamp="$(cat "$rootfs/.setpoint-rootfs")"

container=""
proc=""
training=""
cleanup() {
  if [[ -n "$training" ]]; then kill -KILL "$training" >/dev/null 2>&1 || true; fi
  if [[ -n "$proc" ]]; then umount "$proc" >/dev/null 2>&1 || true; fi
  if [[ -n "$container" ]]; then buildah rm "$container" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# 3. The base image, one layer: the root file system. Made again only when the root file system is,
# so a new jar changes only the small layer on top (what a registry or a node has to fetch again).
base="localhost/setpoint-base:$suite"
if [[ "$(buildah inspect --type image --format '{{index .ImageAnnotations "dev.setpoint.rootfs"}}' \
    "$base" 2>/dev/null)" != "$stamp" ]]; then
  step="creating the base's working container (buildah from scratch)"
  container="$(buildah from scratch 2>>"$log")" || fail "$step (full output: $log)"
  step="mounting the base's working container"
  mnt="$(buildah mount "$container" 2>>"$log")" || fail "$step (full output: $log)"
  run "copying the root file system into the base" cp -a "$rootfs/." "$mnt/"
  run "removing the cache marker" rm -f "$mnt/.setpoint-rootfs"
  run "creating /var/lib/setpoint and /etc/setpoint" sh -c "install -d -m 0750 -o $uid -g $uid \
    '$mnt/var/lib/setpoint' && install -d -m 0755 '$mnt/etc/setpoint'"
  run "unmounting the base's working container" buildah umount "$container"
  run "marking the base with its root file system's date" buildah config \
    --annotation "dev.setpoint.rootfs=$stamp" "$container"
  old_base="$(buildah images --quiet --no-trunc "$base" 2>/dev/null || true)"
  run "committing $base" buildah commit --format oci --rm "$container" "$base"
  container=""
  if [[ -n "$old_base" ]]; then buildah rmi "$old_base" >/dev/null 2>&1 || true; fi
fi

# 4. The image: the base, and on it the jar and the entry point, and the configuration.
step="creating the working container (buildah from $base)"
container="$(buildah from "$base" 2>>"$log")" || fail "$step (full output: $log)"
run "copying the jar" buildah copy --chmod 0644 "$container" "$jar" /opt/setpoint/setpoint.jar
run "copying the entry point" buildah copy --chmod 0755 "$container" "$here/setpoint-entrypoint" \
  /usr/local/bin/setpoint

# 5. Class data sharing: the server runs once in the image (chroot, as root, on this machine's
# loopback), starts, answers a decision and stops; its JVM writes the classes it loaded to an archive
# that the image's JVM maps at start instead of loading and verifying them again (docs/operations.md:
# a third less CPU to ready). The archive belongs to this jar and this JVM, so it is made with them.
step="mounting the working container"
mnt="$(buildah mount "$container" 2>>"$log")" || fail "$step (full output: $log)"
run "mounting /proc for the training run" mount -t proc proc "$mnt/proc"
proc="$mnt/proc"
echo "== training run for the class data sharing archive" >>"$log"
chroot "$mnt" /usr/bin/java -XX:ArchiveClassesAtExit=/opt/setpoint/setpoint.jsa -XX:+UseG1GC \
  -jar /opt/setpoint/setpoint.jar serve --demo --port 0 --data-dir /tmp/setpoint-training \
  >>"$log" 2>&1 &
training=$!
url=""
for _ in $(seq 600); do
  url="$(grep -o -m 1 'serving on http://[^ ]*' "$log" | cut -d ' ' -f 3 || true)"
  [[ -n "$url" ]] && break
  kill -0 "$training" 2>/dev/null || break
  sleep 0.2
done
[[ -n "$url" ]] || { tail -n 15 "$log" >&2; fail "the training run did not start (full output: $log)"; }
step="the training run's requests"
{ curl -sf -o /dev/null "$url/healthz" && curl -sf -o /dev/null "$url/readyz" \
  && curl -sf -o /dev/null "$url/v1/decide" -H 'Content-Type: application/json' \
    -d '{"policy": "card-fraud", "score": 0.9, "attributes": {"jurisdiction": "EU", "tier": "premium"}}' \
  && curl -sf -o /dev/null "$url/metrics"; } >>"$log" 2>&1 || fail "$step failed at $url (full output: $log)"
kill -TERM "$training"
wait "$training" || true
training=""
[[ -s "$mnt/opt/setpoint/setpoint.jsa" ]] || fail "the training run wrote no class data sharing archive (full output: $log)"
run "removing the training run's files and /proc" sh -c \
  "umount '$mnt/proc' && rm -rf '$mnt'/tmp/* && chmod 0644 '$mnt/opt/setpoint/setpoint.jsa'"
proc=""
run "unmounting the working container" buildah umount "$container"

arch="$(dpkg --print-architecture)"
java_version="$(awk '$1 == "openjdk-17-jre-headless" {print $2}' "$target/packages-$suite.txt")"
run "configuring the image" buildah config \
  --os linux --arch "$arch" \
  --user "$uid:$uid" \
  --workingdir /var/lib/setpoint \
  --port 8080/tcp \
  --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env LANG=C.UTF-8 \
  --env SETPOINT_JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError" \
  --entrypoint '["/usr/local/bin/setpoint"]' \
  --cmd '["serve", "--host", "0.0.0.0", "--port", "8080", "--data-dir", "/var/lib/setpoint", "--config", "/etc/setpoint/tokens.yaml"]' \
  --stop-signal SIGTERM \
  --label org.opencontainers.image.title=setpoint \
  --label org.opencontainers.image.description="Setpoint decision service (setpoint serve)" \
  --label org.opencontainers.image.version="$version" \
  --label org.opencontainers.image.licenses=Apache-2.0 \
  --label org.opencontainers.image.base.name="debian $suite (debootstrap minbase, openjdk-17-jre-headless $java_version)" \
  --label org.opencontainers.image.revision="$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)" \
  --annotation dev.setpoint.rootfs- \
  --label org.opencontainers.image.created="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  "$container"
previous="$(buildah images --quiet --no-trunc "localhost/setpoint:$version" 2>/dev/null || true)"
run "committing localhost/setpoint:$version" buildah commit --format oci --rm "$container" \
  "localhost/setpoint:$version"
container=""
run "tagging localhost/setpoint:latest" buildah tag "localhost/setpoint:$version" localhost/setpoint:latest
# The image this build replaced, now without a name: removed unless a container still uses it.
current="$(buildah images --quiet --no-trunc "localhost/setpoint:$version")"
if [[ -n "$previous" && "$previous" != "$current" ]]; then
  buildah rmi "$previous" >/dev/null 2>&1 || true
fi
if [[ -n "$save" ]]; then
  rm -f "$save"
  run "saving the image to $save" buildah push "localhost/setpoint:$version" "oci-archive:$save:setpoint:$version"
fi

size="$(buildah images --format '{{.Size}}' "localhost/setpoint:$version" | awk 'NR == 1')"
echo "built localhost/setpoint:$version ($size, $(($(date +%s) - started)) s; root fs of $stamp)"
