#!/usr/bin/env bash
# The main job on a fresh Debian/Ubuntu machine (as root): install what the lab needs, build,
# then run the original project's recommended sequence against a local lab cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm run demo -- "$@"
