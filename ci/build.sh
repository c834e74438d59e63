#!/usr/bin/env bash
# Configures and builds shipshape into build/ (binary: build/shipshape); BUILD_DIR overrides
# the folder, BUILD_TYPE the build type, BUILD_TARGET builds one target instead of all.
# Arguments go to CMake's configure step, e.g. -DSHIPSHAPE_TESTS=OFF (no test suite: needs only
# what ci/setup.sh installs without --test).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
if ! cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null; then
  echo "ci/build.sh: configuring $dir/ failed (CMake's error is above)." >&2
  echo "  A missing dependency? Run ci/setup.sh (ci/setup.sh --test for the test suite, or" >&2
  echo "  configure with -DSHIPSHAPE_TESTS=OFF to build shipshape alone), then run this again." >&2
  exit 1
fi
cmake --build "$dir" ${BUILD_TARGET:+--target "$BUILD_TARGET"}
