#!/usr/bin/env bash
# Checks the tracked C++ sources with clang-format (.clang-format) and src/**/*.cpp with
# clang-tidy (.clang-tidy), using the compile database in build/ (BUILD_DIR overrides; configured
# here, not built, when it has none). Changes no file and needs no network.
# Exits 1 when either tool finds something, 2 when a tool is missing or the configure fails.
# The configs are tuned for Debian 12's clang-format and clang-tidy (14); other versions may
# disagree about a few lines.
set -euo pipefail
cd "$(dirname "$0")/.."
me=ci/lint.sh
dir=${BUILD_DIR:-build}
ci/setup.sh --lint
for tool in clang-format clang-tidy git; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$me: $tool is not installed; on Debian: apt-get install clang-format clang-tidy git" >&2
    exit 2
  fi
done
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
# Tracked files only, and only those still there (a deletion not yet staged).
tracked() { git ls-files -- "$@" | while read -r f; do [[ -f $f ]] && echo "$f"; done; }
status=0

# clang-format: the first difference in each file that is not formatted.
mapfile -t sources < <(tracked '*.cpp' '*.hpp' '*.cc' '*.h')
if ! clang-format --dry-run -Werror --ferror-limit=1 "${sources[@]}" 2>"$log/format"; then
  cat "$log/format"
  n=$(grep -c 'code should be clang-formatted' "$log/format" || true)
  echo "$me: clang-format: $n of ${#sources[@]} files need formatting (clang-format -i FILE)"
  status=1
else
  echo "$me: clang-format: ${#sources[@]} files formatted"
fi

# clang-tidy needs each file's flags: configure (CMake writes compile_commands.json) if need be.
if [[ ! -f $dir/compile_commands.json ]] &&
   ! cmake -S . -B "$dir" -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$log/cmake" 2>&1; then
  cat "$log/cmake" >&2
  echo "$me: configuring $dir/ failed (above); run ci/setup.sh, then this again" >&2
  exit 2
fi
mapfile -t units < <(tracked 'src/*.cpp')
tidy=0
if command -v run-clang-tidy >/dev/null 2>&1; then
  # run-clang-tidy has no --warnings-as-errors: add it on top of .clang-tidy. Its arguments are
  # regexes on the database's absolute paths.
  mapfile -t regexes < <(printf '/%s$\n' "${units[@]}" | sed 's/[.+]/\\&/g')
  run-clang-tidy -p "$dir" -quiet -j "$(nproc)" \
    -config="{InheritParentConfig: true, WarningsAsErrors: '*'}" "${regexes[@]}" \
    >"$log/tidy" 2>&1 || tidy=1
else
  printf '%s\0' "${units[@]}" |
    xargs -0 -n 4 -P "$(nproc)" clang-tidy -p "$dir" --quiet --warnings-as-errors='*' \
    >"$log/tidy" 2>&1 || tidy=1
fi
# Without run-clang-tidy's colours and its echo of each command, and clang's per-file tallies.
sed 's/\x1b\[[0-9;]*m//g' "$log/tidy" |
  grep -v -e '^clang-tidy[^ ]* --use-color ' -e 'warnings\? generated\.$' >"$log/tidy.txt" || true
cat "$log/tidy.txt"
# A header's warning comes once per file that includes it: count each once.
n=$(grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' "$log/tidy.txt" | sort -u | wc -l || true)
if ((tidy || n)); then
  echo "$me: clang-tidy: $n warning(s) in ${#units[@]} files of src/ (above)"
  status=1
else
  echo "$me: clang-tidy: ${#units[@]} files of src/ clean"
fi
exit $status
