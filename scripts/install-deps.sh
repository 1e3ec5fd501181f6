#!/usr/bin/env bash
# Installs what the lab and the tests use on a fresh Debian 12 / Ubuntu 24.04 machine (run as
# root; nothing needs to be there first, not even git, sudo, node or docker): Docker Engine
# (dockerd), sshd, cloud-init (for `cloud-init schema`), shellcheck, redis and busybox for the
# lab's images, the network and namespace tools, then the project's npm packages (which bring
# the Node 24 that runs everything). Run again, it only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  docker.io openssh-server cloud-init systemd systemd-container debootstrap shellcheck
  redis-server busybox-static iproute2 iptables kmod util-linux python3 ca-certificates
)
# npm only has to run `npm ci`: the Node 24 that runs everything comes from the `node` dev dependency.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  # a mirror hiccup should cost a retry, not the run
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o Acquire::Retries=3 "${missing[@]}" >/dev/null
fi
# The Debian package starts a dockerd in the machine's own namespace; the lab runs its own
# daemons and never needs that one.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker 2>/dev/null; then
  echo "note: a system dockerd is running; the lab does not use it"
fi

# npm ci starts from an empty node_modules: skip it when the installed tree came from this lock.
stamp=node_modules/.installed-from-lock
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  # errors only: the machine's older npm/node (Debian's, only there to run this) warns about
  # the engines of packages that run on the project's Node 24
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" >"$stamp"
else
  echo "npm packages: installed from this package-lock.json already"
fi
