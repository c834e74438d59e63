#!/usr/bin/env bash
# Quick start 2: install, build, and run the whole test suite with ctest.
#   ci/test.sh              the suite in build/
#   ci/test.sh --sanitize   the suite built with AddressSanitizer and UndefinedBehaviorSanitizer,
#                           in build-sanitize/
set -euo pipefail
cd "$(dirname "$0")/.."
ci/setup.sh --test
if [[ "${1:-}" == "--sanitize" ]]; then
  flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
  BUILD_DIR=build-sanitize BUILD_TYPE=Debug ci/build.sh -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ctest --test-dir build-sanitize --output-on-failure -j "$(nproc)"
  exit
fi
ci/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
