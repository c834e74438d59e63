#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# into build-fuzz/, seeds each from fixtures/ and runs each for SECONDS (default 60).
#   ci/fuzz.sh [SECONDS] [TARGET...]
# The working corpora stay in build-fuzz/corpus/<target> and grow from run to run. A crash,
# leak or hang (an input over 10 s) stops the run with the input saved as
# build-fuzz/artifacts/<target>/crash-* (or leak-*, timeout-*); once fixed, copy it into
# fuzz/regressions/<target>/, which the test suite replays. FUZZ_SEED fixes libFuzzer's seed
# (CI uses one so that a run can be repeated); 0, the default, picks a new one.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true

ci/setup.sh --fuzz
flags="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CC=clang CXX=clang++ BUILD_DIR=build-fuzz BUILD_TYPE=RelWithDebInfo ci/build.sh \
  -DSHIPSHAPE_FUZZ=ON -DSHIPSHAPE_TESTS=OFF -DCMAKE_CXX_FLAGS="$flags"

all=(compose config env fixes inventory kubernetes values yaml)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

# Seeds by kind, from our own fixtures (the file name carries the kind).
seeds() {
  case "$1" in
    compose) find fixtures tests/golden -name '*.compose.yaml' -o -name 'compose*.yaml' ;;
    kubernetes) find fixtures tests/golden -name '*.k8s.yaml' -o -path '*/k8s/*.yaml' ;;
    values) find fixtures -name '*.values.yaml' -o -name 'values*.yaml' ;;
    inventory) find fixtures -name '*.inventory.yaml' -o -name '*.inventory.ini' -o -path '*inventory/*.yaml' ;;
    env) find fixtures -name '.env' -o -name '*.env' ;;
    config) find fixtures -name 'shipshape.yaml' -o -name '.shipshape.yaml' ;;
  esac
}
seed_kinds() {
  case "$1" in
    fixes) echo compose kubernetes ;;
    yaml) echo compose kubernetes values inventory config ;;
    *) echo "$1" ;;
  esac
}

# A shallower malloc stack and a smaller quarantine: about twice the executions per second.
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:malloc_context_size=8:quarantine_size_mb=64
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t artifacts=build-fuzz/artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  for kind in $(seed_kinds "$t"); do
    while IFS= read -r f; do cp "$f" "$corpus/seed-$(sha256sum "$f" | cut -c1-16)"; done < <(seeds "$kind")
  done
  # The regression inputs are seeds too.
  [[ -d fuzz/regressions/$t ]] && cp fuzz/regressions/"$t"/* "$corpus"/ 2>/dev/null || true
  echo "== fuzz_$t: ${seconds}s, $(ls "$corpus" | wc -l) inputs in the corpus"
  if ! build-fuzz/fuzz_"$t" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -seed="${FUZZ_SEED:-0}" \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" \
       -dict=fuzz/yaml.dict 2>&1 | tee build-fuzz/fuzz_"$t".log | grep -E '(DONE|stat::|==[0-9]+==ERROR|SUMMARY|INFO: Seed|.*Test unit written)'; then
    :
  fi
  if grep -qE '==[0-9]+==ERROR|Test unit written|fuzz property violated|deadly signal|ALARM' build-fuzz/fuzz_"$t".log; then
    echo "fuzz_$t: FAILED, see build-fuzz/fuzz_$t.log and $artifacts/"
    status=1
  fi
done
exit $status
