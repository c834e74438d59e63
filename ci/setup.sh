#!/usr/bin/env bash
# Installs what shipshape needs on Debian/Ubuntu, from Debian packages only.
#   ci/setup.sh          build dependencies
#   ci/setup.sh --test   build dependencies plus the real tools the test suite drives
#   ci/setup.sh --fuzz   build dependencies plus clang and libFuzzer (ci/fuzz.sh)
#   ci/setup.sh --lint   build dependencies plus clang-format and clang-tidy (ci/lint.sh)
# Installing packages needs root: run it as root, or as a user who has sudo. Each step that
# fails says what failed and how to fix it, and the script exits non-zero.
set -euo pipefail

me=ci/setup.sh
fail() {
  echo "$me: $1" >&2
  shift
  for line in "$@"; do echo "  $line" >&2; done
  exit 1
}

test=0 fuzz=0 lint=0
for arg in "$@"; do
  case "$arg" in
    --test) test=1 ;;
    --fuzz) fuzz=1 ;;
    --lint) lint=1 ;;
    *) echo "usage: ci/setup.sh [--test] [--fuzz] [--lint]" >&2; exit 2 ;;
  esac
done

packages=(g++ cmake ninja-build pkg-config libyaml-cpp-dev libre2-dev libcli11-dev
          nlohmann-json3-dev libfmt-dev doctest-dev)
if ((test)); then
  # The real tools the tests drive: pre-commit, a JSON Schema validator, npm for the SARIF
  # multitool (ca-certificates: npm reaches its registry over HTTPS), setpriv (util-linux) to
  # run a test as an ordinary user when run as root.
  packages+=(git python3 python3-jsonschema python3-yaml pre-commit chromium
             ca-certificates util-linux)
  # A Node.js that bundles npm may already be installed; Debian's npm would conflict with it.
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi
((lint)) && packages+=(clang-format clang-tidy)
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
  if ! command -v apt-get >/dev/null 2>&1; then
    fail "these packages are missing: ${missing[*]}" \
         "This script installs them with apt-get (Debian, Ubuntu), which this system does not have:" \
         "install their equivalents with your package manager, then build with ci/build.sh."
  fi
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      fail "installing ${missing[*]} needs root, and sudo is not installed." \
           "Run this as root, then run $me again (or run $me itself as root):" \
           "apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    fi
    sudo=(sudo)
  fi
  echo "$me: installing ${missing[*]}"
  if ! "${sudo[@]}" apt-get update -qq; then
    fail "apt-get update failed (its error is above)." \
         "Check the network and the mirrors in /etc/apt/sources.list and /etc/apt/sources.list.d/," \
         "then run $me again."
  fi
  unknown=()
  for p in "${missing[@]}"; do
    candidate=$(apt-cache policy "$p" 2>/dev/null | awk '$1 == "Candidate:" { print $2 }')
    [[ -n $candidate && $candidate != "(none)" ]] || unknown+=("$p")
  done
  if ((${#unknown[@]})); then
    fail "no apt source offers ${unknown[*]}." \
         "If apt-get update warned that it could not fetch an index (above), check the network and" \
         "the mirrors; otherwise enable the component that has them (Debian: main; Ubuntu: universe)" \
         "in /etc/apt/sources.list*. Then run $me again."
  fi
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
         apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends "${missing[@]}"; then
    fail "apt-get install failed (its error is above) for: ${missing[*]}" \
         "A download that failed: check the network and the mirrors. dpkg was interrupted: run" \
         "'dpkg --configure -a'. A conflict with a package installed from outside Debian (such as a" \
         "Node.js that bundles npm): remove one of the two. Then run $me again."
  fi
fi

if ((test)); then
  # The official SARIF multitool and schema (npm, runs offline once installed), kept in .cache/.
  pkg=@microsoft/sarif-multitool-linux@5.7.0
  cache="$(cd "$(dirname "$0")/.." && pwd)/.cache/sarif"
  tool="$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
  if [[ ! -x "$tool" ]]; then
    if ! command -v npm >/dev/null 2>&1; then
      fail "npm is not on PATH, and the tests need it to install the SARIF multitool." \
           "Install Debian's nodejs and npm (apt-get install nodejs npm), or put your Node.js's npm" \
           "on PATH, then run $me --test again."
    fi
    echo "$me: installing the SARIF multitool ($pkg) from npm into .cache/sarif"
    mkdir -p "$cache"
    if ! (cd "$cache" && npm install --no-audit --no-fund "$pkg"); then
      fail "npm install $pkg failed (npm's error is above)." \
           "Check that the npm registry ($(npm config get registry 2>/dev/null || echo '?')) is reachable:" \
           "'npm ping', and any proxy settings ('npm config get proxy', 'npm config get https-proxy')." \
           "Behind a proxy that inspects TLS (SELF_SIGNED_CERT_IN_CHAIN), add its CA certificate to" \
           "/usr/local/share/ca-certificates/ and run update-ca-certificates. Then run $me --test again."
    fi
    if [[ ! -x "$tool" ]]; then
      fail "npm installed $pkg but $tool is not there." \
           "Remove .cache/sarif and run $me --test again."
    fi
  fi
fi
