#!/usr/bin/env bash
# Quick start 1: install, build, and lint the bundled demo stack (fixtures/demo).
set -euo pipefail
cd "$(dirname "$0")/.."
ci/setup.sh
ci/build.sh
set +e
build/shipshape lint --config fixtures/demo/.shipshape.yaml fixtures/demo
status=$?
set -e
echo
if [[ $status -eq 1 ]]; then
  echo "shipshape exited 1: the demo stack has findings at or above --fail-on error, as intended."
  exit 0
fi
exit $status
