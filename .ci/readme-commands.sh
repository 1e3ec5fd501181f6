#!/usr/bin/env bash
# The README's two commands with the time each takes: the installs (scripts/install-deps.sh,
# which scripts/demo.sh would otherwise run first), the demo, then the tests. Ends with the
# jest summary as one plain line ("jest: N passed, N failed").
set -euo pipefail
cd "$(dirname "$0")/.."

declare -a split=()
print_split() {
  echo "::: ci: time per phase"
  printf '  %s\n' "${split[@]}"
}
# Runs a phase and records its time; a failed phase ends the run (with the split so far).
timed() {
  local name=$1 started=$SECONDS status=0
  shift
  echo "::: ci: ${name}: $*"
  "$@" || status=$?
  split+=("$(printf '%-10s %5d s%s' "$name" $((SECONDS - started)) "$([ "$status" = 0 ] || echo "  (failed: exit $status)")")")
  if [ "$status" != 0 ]; then
    print_split
    exit "$status"
  fi
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
run_tests() {
  local status=0
  bash scripts/test.sh 2>&1 | tee "$log" || status=$?
  local summary
  summary=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^Tests:' | tail -n 1 || true)
  local passed failed skipped
  passed=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
  failed=$(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
  skipped=$(grep -oE '[0-9]+ skipped' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
  echo "jest: ${passed} passed, ${failed} failed, ${skipped} skipped"
  return "$status"
}

timed installs bash scripts/install-deps.sh
timed demo bash scripts/demo.sh
timed tests run_tests
print_split
