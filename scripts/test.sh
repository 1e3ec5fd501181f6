#!/usr/bin/env bash
# The test command on a fresh Debian/Ubuntu machine (as root): install what the tests need, then
# `npm test` (lint, build, the dist check, every jest test on Node 24).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm test
