#!/usr/bin/env bash
# Installs what shipshape needs on Debian/Ubuntu, from Debian packages only.
#   ci/setup.sh          build dependencies
#   ci/setup.sh --test   build dependencies plus the real tools the test suite drives
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config libyaml-cpp-dev libre2-dev libcli11-dev
          nlohmann-json3-dev libfmt-dev doctest-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(git python3 python3-jsonschema python3-yaml)
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
