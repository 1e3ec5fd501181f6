#!/usr/bin/env bash
# Installs what the lab and the tests need on a fresh Debian/Ubuntu machine (run as root):
# Docker Engine (dockerd), sshd, cloud-init (for `cloud-init schema`), shellcheck, redis and
# busybox for the lab's images, then the project's npm packages (which bring Node 24).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(docker.io openssh-server cloud-init systemd-container debootstrap shellcheck redis-server busybox-static iproute2 iptables util-linux python3 ca-certificates)
# npm only has to run `npm ci`: the Node 24 that runs everything comes from the `node` dev dependency.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian package starts a dockerd in the machine's own namespace; the lab runs its own
# daemons and never needs that one.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker 2>/dev/null; then
  echo "note: a system dockerd is running; the lab does not use it"
fi

npm ci --no-audit --no-fund
