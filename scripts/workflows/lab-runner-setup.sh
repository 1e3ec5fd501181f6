#!/usr/bin/env bash
# The step before a lab on a GitHub runner (ubuntu-24.04: the user `runner`, passwordless sudo,
# docker-ce running). Installs what the lab needs with apt (sudo; docker-ce's dockerd and
# containerd are used as they are) and points the lab's state at the job's temporary folder
# (unless AZSWARM_LAB_ROOT is set already). The actions stay unprivileged: the lab runs its
# privileged part (network, cgroups, the nodes' processes, destroy) through `sudo -n` itself,
# and prints what it changed on the runner.
set -euo pipefail
cd "$(dirname "$0")/../.."

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! sudo -n true 2>/dev/null; then
    echo "error: the lab needs root or passwordless sudo: $(id -un) is not root and sudo -n true failed" >&2
    exit 1
  fi
  as_root=(sudo -n)
fi
"${as_root[@]}" scripts/install-deps.sh --lab
root="${AZSWARM_LAB_ROOT:-${RUNNER_TEMP:?RUNNER_TEMP is not set}/azswarm-labs}"
echo "AZSWARM_LAB_ROOT=$root" >>"${GITHUB_ENV:?GITHUB_ENV is not set}"
echo "lab state: $root; the lab's privileged part runs as root through ${as_root[*]:-(already root)}"
