#!/usr/bin/env bash
# Runs the README's two commands (.ci/readme-commands.sh) in a fresh root, as root:
#   1. a minimal root file system of this machine's distribution and release
#      (debootstrap --variant=minbase from the mirror named in the machine's own apt sources),
#      built once and cached under /var/cache/azswarm-ci, keyed by what defines it;
#   2. a copy of it for this run, with the commit under test cloned in under /tmp, in a folder
#      whose name has a space (the two places that once broke the lab);
#   3. what belongs to the machine and not to the project carried in: its DNS configuration, its
#      CA certificates and npm's global configuration, with the environment variables that
#      point at them; ../shared (ARM schemas) bound read-only beside the clone when present;
#   4. the commands run under chroot in private mount and pid namespaces (`/` a mount point,
#      /proc, /sys, /dev and a tmpfs /run inside); when they are done, any process still running
#      in the root, network namespace, lab interface, cgroup or iptables rule left behind fails
#      the run (the root's own are removed by the lab's `destroy-cluster --all` and the end of
#      the pid namespace; nothing else on the machine is touched);
#      downloads are cached across runs (apt's archives, npm's cache: every package is still
#      installed afresh), and so are the lab's real-boot node images (built once per definition);
#   5. the run's root is deleted; the time of each phase is printed.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cache=/var/cache/azswarm-ci
# the clone's place inside the root
checkout_parent='/tmp/ci checkout'
checkout="${checkout_parent}/azure-swarm-toolkit"

declare -a split=()
phase_started=$SECONDS
end_phase() {
  split+=("$(printf '%-12s %5d s' "$1" $((SECONDS - phase_started)))")
  phase_started=$SECONDS
}
say() { echo "::: fresh root: $*"; }

if [ "$(id -u)" != 0 ]; then
  echo "the fresh-root CI run needs root (namespaces, chroot, the lab inside)" >&2
  exit 1
fi
for tool in unshare chroot git tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "the fresh-root CI run needs $tool on the machine" >&2; exit 1; }
done
if ! command -v debootstrap >/dev/null; then
  say "installing debootstrap on the machine (it builds the root)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

# --- 1. the cached root ------------------------------------------------------------------
# shellcheck source=/dev/null
. /etc/os-release
suite=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}
# The first mirror of the machine's apt sources that serves its release: deb822 files first
# (Types/URIs/Suites stanzas), then the one-line format.
mirror_of_machine() {
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    # shellcheck disable=SC2016 # awk's own $ fields
    awk -v suite="$suite" '
      function flush() { if (uri != "" && (" " suites " ") ~ (" " suite " ")) { print uri; found = 1; exit } uri = ""; suites = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { $1 = ""; suites = $0 }
      END { if (!found) flush() }
    ' "$file"
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    # shellcheck disable=SC2016 # awk's own $ fields
    sed -E 's/\[[^]]*\]//' "$file" | awk -v suite="$suite" '$1 == "deb" && $3 == suite { print $2 }'
  done
}
mirror=$(mirror_of_machine | head -n 1)
[ -n "$mirror" ] || { echo "no mirror for ${suite} in the machine's apt sources" >&2; exit 1; }
arch=$(dpkg --print-architecture)
# bump the last word when the way the root is made changes
key=$(printf '%s\n' "$ID" "$suite" "$arch" "$mirror" minbase root-v1 | sha256sum | cut -c1-16)
image="${cache}/root-${suite}-${arch}-${key}.tar"
mkdir -p "$cache"
(
  flock 9
  if [ -f "$image" ]; then
    say "cached root $image"
  else
    say "building a minimal ${ID} ${suite} root from the machine's mirror (debootstrap --variant=minbase)"
    build=$(mktemp -d "${cache}/build.XXXXXX")
    trap 'rm -rf "$build"' EXIT
    if ! debootstrap --variant=minbase --arch="$arch" "$suite" "$build/root" "$mirror" >"$build/debootstrap.log" 2>&1; then
      tail -n 30 "$build/debootstrap.log" >&2
      exit 1
    fi
    tar -C "$build/root" -cf "$image.part" .
    mv "$image.part" "$image"
    find "$cache" -maxdepth 1 -name 'root-*.tar' ! -name "${image##*/}" -delete
  fi
) 9>"${cache}/lock"
end_phase root

# --- 2. this run's root and the clone ----------------------------------------------------
root=$(mktemp -d /var/tmp/azswarm-ci-root.XXXXXX)
# shellcheck disable=SC2317 # called by the trap
cleanup() { rm -rf --one-file-system "$root"; }
trap cleanup EXIT
tar -C "$root" -xf "$image"
commit=$(git -C "$repo" rev-parse HEAD)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  say "note: uncommitted changes in $repo are not part of this run (it tests commit ${commit})"
fi
mkdir -p "${root}${checkout_parent}"
git clone -q --no-hardlinks "$repo" "${root}${checkout}"
git -C "${root}${checkout}" checkout -q --detach "$commit"
say "commit ${commit} cloned to '${checkout}' inside the root"

# --- 3. what belongs to the machine --------------------------------------------------------
carry() {
  local path=$1
  [ -e "$path" ] || return 0
  mkdir -p "${root}$(dirname "$path")"
  cp -rL "$path" "${root}${path}"
}
carry /etc/resolv.conf
carry /etc/hosts
ca_variables=(NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR REQUESTS_CA_BUNDLE CURL_CA_BUNDLE)
declare -a environment=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 CI=true TERM=dumb)
for variable in "${ca_variables[@]}"; do
  value=${!variable:-}
  [ -n "$value" ] || continue
  carry "$value"
  environment+=("${variable}=${value}")
done
# npm's configuration: global files, and the variables npm reads (npm_config_*), proxies
for file in /etc/npmrc /usr/etc/npmrc /usr/local/etc/npmrc; do carry "$file"; done
if [ -d /usr/local/share/ca-certificates ]; then carry /usr/local/share/ca-certificates; fi
while IFS='=' read -r name _; do
  case "$name" in
    npm_config_* | NPM_CONFIG_* | http_proxy | https_proxy | no_proxy | HTTP_PROXY | HTTPS_PROXY | NO_PROXY) environment+=("${name}=${!name}") ;;
  esac
done < <(env)
# A root has no init: packages must not start their services while they install (Debian's
# convention for chroots), or a docker.io install would start a dockerd on the machine.
printf '#!/bin/sh\nexit 101\n' >"${root}/usr/sbin/policy-rc.d"
chmod 755 "${root}/usr/sbin/policy-rc.d"
for absent in /etc/sudoers.d /usr/bin/sudo /usr/bin/node /usr/bin/git /usr/sbin/dockerd; do
  if [ -e "${root}${absent}" ]; then echo "the fresh root is not minimal: it has ${absent}" >&2; exit 1; fi
done
say "the root has no sudo, /etc/sudoers.d, git, node or docker"
end_phase prepare

# --- 4. the run --------------------------------------------------------------------------
lab_links() { ip -o link show | awk -F': ' '{ print $2 }' | sed 's/@.*//' | grep '^azs-' | sort || true; }
lab_cgroups() { find /sys/fs/cgroup -maxdepth 2 -name 'azs-*' 2>/dev/null | sort || true; }
lab_rules() { iptables -S 2>/dev/null | grep -- 'azs-' | sort || true; }
before_links=$(lab_links) before_cgroups=$(lab_cgroups) before_rules=$(lab_rules)

shared_source=$(cd "$repo/.." && pwd)/shared
mkdir -p "${cache}/apt-archives/partial" "${cache}/npm" "${cache}/node-images"
status=0
unshare --mount --propagation private --pid --fork -- \
  bash "$repo/.ci/enter-root.sh" "$root" "$checkout" "$shared_source" "$cache" "${environment[@]}" || status=$?
end_phase "in root"

# What appeared on the machine during the run. On CI nothing else runs, so it is the run's own
# (the lab inside the root has already tried `destroy-cluster --all` if it left anything); on a
# busy developer machine another lab may show here too, so it is reported, never removed.
appeared=$(
  comm -13 <(echo "$before_links") <(lab_links) | sed 's/^/interface /'
  comm -13 <(echo "$before_cgroups") <(lab_cgroups) | sed 's/^/cgroup /'
  comm -13 <(echo "$before_rules") <(lab_rules) | sed 's/^/iptables /'
)
if [ -n "$appeared" ]; then
  echo "these lab resources appeared on the machine during the run and are still there:" >&2
  while read -r line; do echo "  $line" >&2; done <<<"$appeared"
  [ "$status" != 0 ] || status=1
fi

echo "::: fresh root: time per phase"
printf '  %s\n' "${split[@]}"
exit "$status"
