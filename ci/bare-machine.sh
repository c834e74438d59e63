#!/usr/bin/env bash
# The README's quick start on a bare machine. Builds a minimal Debian 12 in a chroot
# (debootstrap --variant=minbase bookworm, from the same Debian mirror as this machine), copies a
# clean clone of this repository's HEAD into /root/shipshape there (and ../shared beside it, when
# present), runs the quick start's two commands verbatim as root in a clean environment,
# `ci/demo.sh` then `ci/test.sh`, with their wall times, and lints the demo with the binary
# they built.
#   ci/bare-machine.sh             where it cannot run (not root, no debootstrap and none to
#                                  install, mounts not permitted, the mirror unreachable) it
#                                  says why and skips: exit 0
#   ci/bare-machine.sh --require   fails there instead
# The finished base system is kept as a tarball in BARE_CACHE (default /var/cache/shipshape-bare),
# one per suite and week, so that later runs on the same machine skip debootstrap. Everything
# runs in a mount namespace of its own, so no mount outlives the script; the chroot (under
# /var/tmp) is unmounted and removed at the end, failed or not (BARE_KEEP=1 keeps it).
set -euo pipefail

me=ci/bare-machine.sh
suite=bookworm
require=0
case "${1:-}" in
  "") ;;
  --require) require=1 ;;
  *) echo "usage: $me [--require]" >&2; exit 2 ;;
esac
skip() {
  echo "$me: cannot run here: $*" >&2
  if ((require)); then exit 1; fi
  echo "$me: skipped." >&2
  exit 0
}
fail() { echo "$me: $*" >&2; exit 1; }
repo=$(cd "$(dirname "$0")/.." && pwd)
start=$SECONDS

# Preconditions, all checked before anything is built.
(($(id -u) == 0)) || skip "it needs root (debootstrap, chroot, mounts); run it as root."
command -v git >/dev/null 2>&1 || fail "git is needed to clone the repository; install git."
git -C "$repo" rev-parse --verify -q HEAD >/dev/null || fail "$repo has no commit to clone."
if ! command -v debootstrap >/dev/null 2>&1; then
  echo "$me: installing debootstrap"
  { apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      debootstrap debian-archive-keyring; } ||
    skip "debootstrap is not installed, and apt-get could not install it (above)."
fi
[[ -r /usr/share/keyrings/debian-archive-keyring.gpg ]] ||
  skip "Debian's archive keyring is missing (apt-get install debian-archive-keyring)."

# A mount namespace of our own: the chroot's mounts (and debootstrap's) vanish with it.
if [[ -z ${SHIPSHAPE_BARE_NS:-} ]]; then
  unshare --mount --propagation private true 2>/dev/null ||
    skip "no mount namespace can be made here (unshare --mount): mounts are not permitted."
  export SHIPSHAPE_BARE_NS=1
  exec unshare --mount --propagation private "$0" "$@"
fi

# This machine's Debian mirror (deb822 sources first, then one-line sources).
mirror=$(awk 'tolower($1)=="uris:" { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
           /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
if [[ -z $mirror ]]; then
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
           awk '$1=="deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\/.*\/debian\/?$/) { print $i; exit } }' || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}
mirror=${mirror%/}
security=$(awk 'tolower($1)=="uris:" { for (i = 2; i <= NF; i++) if ($i ~ /security/) { print $i; exit } }' \
             /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
security=${security:-${mirror%/debian}/debian-security}

cache=${BARE_CACHE:-/var/cache/shipshape-bare}
key=$suite-minbase-$(date +%G-W%V)
tarball=$cache/$key.tar.gz
mkdir -p "$cache" /var/tmp
work=$(mktemp -d /var/tmp/shipshape-bare.XXXXXX)
root=$work/root

mounts_under() {
  awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}
cleanup() {
  local status=$? pid m
  set +e
  trap - EXIT INT TERM
  # Processes still running in the chroot (a daemon a package started, a browser): ours.
  for pid in /proc/[0-9]*; do
    [[ $(readlink "$pid/root" 2>/dev/null) == "$root" ]] && kill -KILL "${pid#/proc/}" 2>/dev/null
  done
  for m in $(mounts_under); do umount "$m" 2>/dev/null || umount -l "$m"; done
  if [[ -n $(mounts_under) ]]; then
    echo "$me: still mounted under $root, left in place: $(mounts_under | tr '\n' ' ')" >&2
  elif [[ ${BARE_KEEP:-0} == 1 ]]; then
    echo "$me: kept the chroot in $root"
  else
    rm -rf --one-file-system "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The base system: the cached tarball, or debootstrap (then cached).
t=$SECONDS
if [[ -f $tarball ]]; then
  base="cached $tarball"
  mkdir "$root"
  tar -xpzf "$tarball" --numeric-owner -C "$root" || fail "cannot unpack $tarball; remove it and run again."
else
  base="debootstrap --variant=minbase $suite from $mirror"
  echo "$me: $base"
  if ! debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -n 20 "$work/debootstrap.log" >&2
    skip "debootstrap failed (its log's end is above): is $mirror reachable?"
  fi
  for m in $(mounts_under); do umount "$m" 2>/dev/null || umount -l "$m"; done
  tar -cpzf "$tarball.$$" --numeric-owner -C "$root" . && mv "$tarball.$$" "$tarball"
  # Older bases of this suite are stale: keep the newest only.
  find "$cache" -maxdepth 1 -name "$suite-minbase-*.tar.gz" ! -name "$key.tar.gz" -delete
fi
base_s=$((SECONDS - t))
echo "$me: base system ready ($base, $base_s s)"

# What a fresh Debian 12 install has: its mirror for the release, its updates and security.
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
# The network this machine is on, as its administrator would set a new one up: the resolver,
# and the certificate authorities added locally (a proxy that inspects TLS, say), which the
# chroot's ca-certificates takes in when ci/setup.sh installs it.
cat /etc/resolv.conf >"$root/etc/resolv.conf"
if [[ -d /usr/local/share/ca-certificates ]]; then
  cp -r /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
fi
# Packages must not start daemons inside the chroot.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

# A clean checkout: the committed HEAD, nothing else of this work tree.
git clone -q --no-local "$repo" "$root/root/shipshape"
git -C "$root/root/shipshape" checkout -q --detach "$(git -C "$repo" rev-parse HEAD)"
if [[ -d $repo/../shared ]]; then
  cp -r "$repo/../shared" "$root/root/shared"
  chmod -R a-w "$root/root/shared"
fi

mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"

# A root login's environment on the bare machine, nothing of this one's.
in_chroot() {
  chroot "$root" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin TERM="${TERM:-dumb}" \
    /bin/bash -c "cd /root/shipshape && $1"
}

demo_rc=0 demo_s=0 test_rc=0 test_s=0
run_timed() {  # NAME: runs NAME in the chroot; sets NAME_rc and NAME_s (NAME: demo, test)
  local name=$1 t=$SECONDS status=0
  echo "$me: ==== ci/$name.sh (in the chroot, as root) ===="
  in_chroot "ci/$name.sh" || status=$?
  printf -v "${name}_rc" %s "$status"
  printf -v "${name}_s" %s "$((SECONDS - t))"
  echo "$me: ==== ci/$name.sh: exit $status, $((SECONDS - t)) s ===="
}
run_timed demo
run_timed test

lint="build/shipshape lint --config fixtures/demo/.shipshape.yaml fixtures/demo"
lint_rc=0
in_chroot "$lint" >"$work/lint.out" 2>&1 || lint_rc=$?
echo "$me: ==== $lint (the last lines) ===="
tail -n 4 "$work/lint.out"

echo
echo "$me: minimal Debian $suite chroot, base: $base ($base_s s)"
printf '  %-70s exit %s, %5s s\n' ci/demo.sh "$demo_rc" "$demo_s" ci/test.sh "$test_rc" "$test_s"
printf '  %-70s exit %s (1: findings, as expected)\n' "$lint" "$lint_rc"
echo "  total: $((SECONDS - start)) s"
if ((demo_rc != 0 || test_rc != 0 || lint_rc != 1)); then
  fail "the quick start failed on a bare machine (above)."
fi
echo "$me: the quick start works on a bare machine."
