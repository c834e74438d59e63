#!/usr/bin/env bash
# Quick start 2: install, build, and run the whole test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/setup.sh --test
ci/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
