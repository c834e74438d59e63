#!/usr/bin/env bash
# Benchmark: shipshape against the parse floor (yaml-cpp LoadAll + a walk over every scalar,
# file by file) on generated corpora, alternating runs in one go on the same machine, and
# printing medians: wall time, MB/s, peak RSS, shipshape ÷ floor, and the -j 1 -> -j 2
# speed-up; then dclint on a compose-only corpus, the one-small-file (pre-commit) case and
# the Google Benchmark micro-benchmarks. Prints figures; asserts nothing (machines are noisy:
# compare the ratios of one run).
#   ci/bench.sh [sizes...]     sizes in MB, default: 1 10 100;  RUNS=5 to repeat more
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
gen="$root/../shared/bench/gen-corpus"
if [[ ! -x "$gen" && ! -f "$gen" ]]; then
  echo "ci/bench.sh: ../shared/bench/gen-corpus not found; skipping the benchmark"
  exit 0
fi
ci/setup.sh
command -v /usr/bin/time >/dev/null || { sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo); "${sudo[@]}" apt-get install -y -qq time libbenchmark-dev >/dev/null; }
dpkg-query -W -f='${Status}' libbenchmark-dev 2>/dev/null | grep -q "ok installed" ||
  { sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo); "${sudo[@]}" apt-get install -y -qq libbenchmark-dev >/dev/null; }
# Its own Release build, so a developer's build/ (with tests) is left alone.
BUILD_DIR=build-bench BUILD_TYPE=Release ci/build.sh -DSHIPSHAPE_TESTS=OFF >/dev/null
cmake --build build-bench --target shipshape_parse_floor shipshape_micro_bench >/dev/null
bin=build-bench/shipshape floor=build-bench/shipshape_parse_floor
work=build-bench/corpora
mkdir -p "$work"
runs=${RUNS:-3}
sizes=("${@:-1 10 100}")
read -r -a sizes <<< "${sizes[*]}"

measure() {  # prints "seconds peak_kb" of one run (the program's exit status is ignored)
  /usr/bin/time -o "$work/.time" -f "%e %M" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$work/.time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

command -v bc >/dev/null || { sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo); "${sudo[@]}" apt-get install -y -qq bc >/dev/null; }
printf '\n%-8s %-14s %9s %9s %10s %10s\n' corpus program "wall s" "MB/s" "peak MB" "÷ floor"
for mb in "${sizes[@]}"; do
  corpus="$work/c$mb"
  [[ -f "$corpus/MANIFEST.json" ]] || python3 "$gen" "$corpus" --target-mb "$mb" --seed 1 >/dev/null
  bytes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bytes"]["yaml_bytes"] if "yaml_bytes" in json.load(open(sys.argv[1]))["bytes"] else sum(v for k,v in json.load(open(sys.argv[1]))["bytes"].items() if k!="side_files"))' "$corpus/MANIFEST.json")
  declare -A t=() m=()
  for ((i = 0; i < runs; i++)); do
    for p in floor j1 j2; do
      case $p in
        floor) r=$(measure "$floor" "$corpus") ;;
        j1) r=$(measure "$bin" lint -j 1 -q --config /dev/null --fail-on never "$corpus") ;;
        j2) r=$(measure "$bin" lint -j 2 -q --config /dev/null --fail-on never "$corpus") ;;
      esac
      t[$p]+="${r% *} "; m[$p]+="${r#* } "
    done
  done
  fl=$(tr ' ' '\n' <<<"${t[floor]}" | grep . | median)
  for p in floor j1 j2; do
    s=$(tr ' ' '\n' <<<"${t[$p]}" | grep . | median)
    k=$(tr ' ' '\n' <<<"${m[$p]}" | grep . | sort -n | tail -n 1)
    name=$p; [[ $p == j1 ]] && name="shipshape -j1"; [[ $p == j2 ]] && name="shipshape -j2"
    printf '%-8s %-14s %9.2f %9.1f %10.1f %10.2f\n' "${mb}MB" "$name" "$s" "$(echo "$bytes / 1048576 / $s" | bc -l)" \
      "$(echo "$k / 1024" | bc -l)" "$(echo "$s / $fl" | bc -l)"
  done
  j1=$(tr ' ' '\n' <<<"${t[j1]}" | grep . | median); j2=$(tr ' ' '\n' <<<"${t[j2]}" | grep . | median)
  largest=$(find "$corpus" -name '*.y*ml' -printf '%s\n' | sort -n | tail -n 1 || true)
  printf '%-8s -j1 -> -j2 speed-up %.2fx; largest input %.1f MB (RSS goal: 64 MB + 3x that = %.0f MB)\n' \
    "${mb}MB" "$(echo "$j1 / $j2" | bc -l)" "$(echo "$largest / 1048576" | bc -l)" "$(echo "64 + 3 * $largest / 1048576" | bc -l)"
  unset t m
done

# The output formats on the largest corpus, once each (-j 2): findings are written as they go,
# so a format should cost little beyond the findings themselves.
last="$work/c${sizes[-1]}"
printf '\n%sMB output formats (-j2, default text includes source lines):' "${sizes[-1]}"
for f in text json sarif github; do
  r=$(measure "$bin" lint -j 2 --format "$f" --config /dev/null --fail-on never "$last")
  printf '  %s %.2f s %.0f MB;' "$f" "${r% *}" "$(echo "${r#* } / 1024" | bc -l)"
done
echo

# dclint, a compose-only peer, on ~1 MB of compose files.
compose="$work/compose1"
[[ -f "$compose/MANIFEST.json" ]] || python3 "$gen" "$compose" --services 1070 --manifests 0 --seed 1 >/dev/null
if [[ ! -x "$work/dclint/node_modules/.bin/dclint" ]]; then
  (mkdir -p "$work/dclint" && cd "$work/dclint" && npm install --no-audit --no-fund --silent dclint >/dev/null 2>&1) || true
fi
ours=$(for ((i = 0; i < runs; i++)); do r=$(measure "$bin" lint -q --config /dev/null --fail-on never "$compose/compose"); echo "${r% *}"; done | median)
if [[ -x "$work/dclint/node_modules/.bin/dclint" ]]; then
  theirs=$(r=$(measure "$work/dclint/node_modules/.bin/dclint" -r "$compose/compose"); echo "${r% *}")
  printf '\ncompose-only 1 MB: shipshape %.2f s, dclint %.2f s: %.0fx dclint'"'"'s throughput\n' "$ours" "$theirs" "$(echo "$theirs / $ours" | bc -l)"
else
  printf '\ncompose-only 1 MB: shipshape %.2f s; dclint could not be installed from npm, skipped\n' "$ours"
fi

# The pre-commit case: one small compose file, process start included.
small=$(find "$compose/compose" -name compose.yaml -print -quit)
# Timed with bash's own clock ($EPOCHREALTIME): `$(date ...)` would add two process starts
# to every sample. /bin/true's time is what any process start costs on this machine.
wall_us() {
  local s e
  s=$EPOCHREALTIME
  "$@" >/dev/null
  e=$EPOCHREALTIME
  echo $(( (10#${e/./} - 10#${s/./}) ))
}
ms=$(for i in $(seq 1 21); do wall_us "$bin" lint -q --config /dev/null --fail-on never "$small"; done | median)
true_ms=$(for i in $(seq 1 21); do wall_us /bin/true; done | median)
printf 'one small compose file (%s bytes): median %.1f ms wall over 21 runs (starting /bin/true: %.1f ms)\n\n' \
  "$(stat -c %s "$small")" "$(echo "$ms / 1000" | bc -l)" "$(echo "$true_ms / 1000" | bc -l)"

build-bench/shipshape_micro_bench --benchmark_min_time=0.2 2>/dev/null | grep -E '^(BM_|Benchmark|-)'
