#!/usr/bin/env bash
# Installs what the lab and the tests use on a fresh Debian 12 / Ubuntu 24.04 machine (run as
# root; nothing needs to be there first, not even git, sudo, node or docker): Docker Engine
# (dockerd), sshd, cloud-init (for `cloud-init schema`), shellcheck, redis and busybox for the
# lab's images, the network and namespace tools, curl (tests ask the metadata service with it),
# systemd-container and debootstrap (real-boot lab nodes), sudo (the lab's test as an unprivileged
# user), then the project's npm packages (which bring the Node 24 that runs everything). Run again,
# it only checks.
#   --lab  only what an (emulated) lab needs on a machine that runs the actions' bundles, e.g. a
#          GitHub runner as `sudo scripts/install-deps.sh --lab`: no npm packages, no test tools.
# Where Docker's own docker-ce is installed (GitHub's ubuntu-24.04 runners), its dockerd and
# containerd are used: docker.io would conflict with it and is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."

lab_only=false
case "${1:-}" in
  --lab) lab_only=true ;;
  '') ;;
  *) echo "usage: $0 [--lab]" >&2; exit 2 ;;
esac

packages=(openssh-server redis-server busybox-static iproute2 iptables util-linux)
if ! dpkg-query -W -f='${Status}' docker-ce 2>/dev/null | grep -q 'install ok installed'; then
  packages+=(docker.io)
fi
if [ "$lab_only" = false ]; then
  packages+=(cloud-init systemd systemd-container debootstrap shellcheck kmod python3 ca-certificates curl sudo)
  # npm only has to run `npm ci`: the Node 24 that runs everything comes from the `node` dev dependency.
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing packages (apt): ${missing[*]}"
  apt-get update -qq
  # a mirror hiccup should cost a retry, not the run
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o Acquire::Retries=3 "${missing[@]}" >/dev/null
  # the lab copies redis-server's binary into its image; the service apt just started is not needed
  if [[ " ${missing[*]} " == *" redis-server "* ]] && command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
    systemctl disable --now --quiet redis-server && echo "stopped and disabled the redis-server service apt started (the lab only uses the binary)"
  fi
else
  echo "packages (apt): all installed already"
fi
# The Debian package starts a dockerd in the machine's own namespace; the lab runs its own
# daemons and never needs that one.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker 2>/dev/null; then
  echo "note: a system dockerd is running; the lab does not use it (each lab node runs its own)"
fi
[ "$lab_only" = true ] && exit 0

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
