#!/usr/bin/env bash
# Quick start 1: install the build dependencies, build the binary alone (no test suite), and
# lint the bundled demo stack (fixtures/demo). BUILD_DIR overrides build/.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
ci/setup.sh
BUILD_DIR=$dir BUILD_TARGET=shipshape ci/build.sh -DSHIPSHAPE_TESTS=OFF
set +e
"$dir/shipshape" lint --config fixtures/demo/.shipshape.yaml fixtures/demo
status=$?
set -e
echo
if [[ $status -eq 1 ]]; then
  echo "shipshape exited 1: the demo stack has findings at or above --fail-on error, as intended."
  exit 0
fi
exit $status
