#!/usr/bin/env bash
# Installs what shipshape needs on Debian/Ubuntu, from Debian packages only.
#   ci/setup.sh          build dependencies
#   ci/setup.sh --test   build dependencies plus the real tools the test suite drives
#   ci/setup.sh --fuzz   build dependencies plus clang and libFuzzer (ci/fuzz.sh)
set -euo pipefail

test=0 fuzz=0
for arg in "$@"; do
  case "$arg" in
    --test) test=1 ;;
    --fuzz) fuzz=1 ;;
    *) echo "usage: ci/setup.sh [--test] [--fuzz]" >&2; exit 2 ;;
  esac
done

packages=(g++ cmake ninja-build pkg-config libyaml-cpp-dev libre2-dev libcli11-dev
          nlohmann-json3-dev libfmt-dev doctest-dev)
if ((test)); then
  # The real tools the tests drive: pre-commit, a JSON Schema validator, npm for the SARIF
  # multitool.
  packages+=(git python3 python3-jsonschema python3-yaml pre-commit docker-compose chromium)
  # A Node.js that bundles npm may already be installed; Debian's npm would conflict with it.
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi
if ((fuzz)); then
  # libFuzzer ships in clang's runtime package, named after clang's major version.
  packages+=(clang)
  if command -v clang >/dev/null 2>&1; then
    packages+=("libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev")
  elif apt-cache show libclang-rt-dev >/dev/null 2>&1; then
    packages+=(libclang-rt-dev)
  else
    packages+=(libclang-rt-14-dev)
  fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  echo "ci/setup.sh: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ((test)); then
  # The official SARIF multitool and schema (npm, runs offline once installed), kept in .cache/.
  cache="$(cd "$(dirname "$0")/.." && pwd)/.cache/sarif"
  if [[ ! -x "$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ]]; then
    mkdir -p "$cache"
    (cd "$cache" && npm install --no-audit --no-fund --silent @microsoft/sarif-multitool-linux@5.7.0)
  fi
fi
