#!/usr/bin/env bash
# Runs inside the private mount and pid namespaces that .ci/fresh-root.sh creates (this shell is
# their pid 1, so every process of the run ends with it): makes the root a mount point (`ip netns`
# needs `/` to be one) with /proc, /sys, /dev and a tmpfs /run, binds ../shared read-only beside
# the clone and the download caches in, runs the README's commands under chroot with only the environment given, then fails
# when a process still runs or a network namespace is left in the root.
set -euo pipefail
root=$1 checkout=$2 shared=$3 cache=$4
shift 4
environment=("$@")

mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o mode=755 tmpfs "$root/run"
# caches across runs: apt's archives and npm's downloads (every package is still installed
# afresh), and the lab's real-boot node images (baked once per definition, like a VM image)
mkdir -p "$root/var/cache/apt/archives" "$root/root/.npm" "$root/var/cache/azswarm/images"
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
mount --bind "$cache/npm" "$root/root/.npm"
mount --bind "$cache/node-images" "$root/var/cache/azswarm/images"
if [ -d "$shared" ]; then
  beside="${root}$(dirname "$checkout")/shared"
  mkdir -p "$beside"
  mount --bind "$shared" "$beside"
  mount -o remount,bind,ro "$beside"
fi

# Runs a command line in the clone inside the root (the clone's path reaches bash as its $1).
in_root() {
  local command_line=$1
  chroot "$root" /usr/bin/env -i "${environment[@]}" /bin/bash -c "cd \"\$1\" && ${command_line}" in-root "$checkout"
}

status=0
in_root 'exec bash .ci/readme-commands.sh' || status=$?

declare -a left=()
for entry in "$root"/proc/[0-9]*; do
  pid=${entry##*/}
  [ "$pid" != 1 ] || continue
  command=$(tr '\0' ' ' <"$entry/cmdline" 2>/dev/null) || continue
  [ -n "$command" ] && left+=("process ${pid}: ${command}")
done
for netns in "$root"/run/netns/*; do
  [ -e "$netns" ] && left+=("network namespace ${netns##*/}")
done
if [ "${#left[@]}" -gt 0 ]; then
  echo "the run left these behind in the root:" >&2
  printf '  %s\n' "${left[@]}" >&2
  echo "removing them: destroy-cluster --all, then the end of this pid namespace" >&2
  in_root 'node_modules/.bin/node bin/azswarm.js destroy-cluster --all' || true
  [ "$status" != 0 ] || status=1
fi
exit "$status"
