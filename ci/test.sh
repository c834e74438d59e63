#!/usr/bin/env bash
# Quick start 2: install what the tests need, build everything, and run the whole test suite
# with ctest.
#   ci/test.sh              the suite in build/ (BUILD_DIR overrides)
#   ci/test.sh --sanitize   the suite built with AddressSanitizer and UndefinedBehaviorSanitizer,
#                           in build-sanitize/ (BUILD_DIR-sanitize/ when BUILD_DIR is set), less
#                           the GitHub Action's test, which builds and runs no sanitized code
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
ci/setup.sh --test
if [[ "${1:-}" == "--sanitize" ]]; then
  dir=$dir-sanitize
  flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
  BUILD_DIR=$dir BUILD_TYPE=Debug ci/build.sh -DSHIPSHAPE_TESTS=ON -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # github-action runs action.yml's shell steps, with a Release build of its own: no code of
  # ours runs under the sanitizers there, and the plain suite runs it already.
  ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" -E '^github-action$'
  exit
fi
# The same folder ci/demo.sh builds the binary in: turn the tests back on; what it built stays.
BUILD_DIR=$dir ci/build.sh -DSHIPSHAPE_TESTS=ON
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
