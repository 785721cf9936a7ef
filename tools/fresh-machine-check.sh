#!/usr/bin/env bash
# Proves the README's two commands on a truly fresh Debian 12: a minimal
# system made by `debootstrap --variant=minbase bookworm`, plus git and
# ca-certificates as a newcomer would add them, and a fresh clone of this
# repository. In that chroot it runs, in order:
#   1. tools/view.sh under xvfb-run, until the viewer prints "annals: ready"
#      (it must install, build and open the viewer with its own set-up alone);
#   2. tools/test.sh, the whole suite (it installs the test packages itself).
# A development machine carries packages a minimal Debian lacks, so only this
# check shows that tools/setup.sh is complete.
#
# Needs root (or sudo): debootstrap, chroot and bind mounts. The Debian mirror
# is the one in this machine's own apt sources.
#
# Cached between runs on one machine, under $ANNALS_FRESH_CACHE (default
# /var/cache/annals/fresh-machine): the minbase tarball (rebuilt after 30 days)
# and the .debs apt downloaded inside the chroot. Nothing built is cached: each
# run extracts a new root and clones anew.
#
# Usage: tools/fresh-machine-check.sh [--keep] [--rev REV]
#   --keep     leave the chroot in place afterwards (its path is printed)
#   --rev REV  check out REV in the fresh clone (default: HEAD of this checkout)
# Exit status: 0 when both commands worked; 1 with a line saying which step
# failed and why (the step's own output is above it and in the log file).
set -euo pipefail

# All in one function, parsed whole before it runs: editing this file while a
# check runs (it takes minutes) cannot change what the running check does.
main() {

repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="${ANNALS_FRESH_CACHE:-/var/cache/annals/fresh-machine}"
suite=bookworm
keep=0
rev=HEAD
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    exec sudo --preserve-env=ANNALS_FRESH_CACHE "$0" "$@"
  fi
  echo "fresh-machine-check: needs root (debootstrap, chroot, mounts) and sudo is not available" >&2
  exit 1
fi

while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep) keep=1 ;;
    --rev) rev="$2"; shift ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fresh-machine-check: unknown option '$1' (see --help)" >&2; exit 1 ;;
  esac
  shift
done

step="preparing"
fail() {
  echo "fresh-machine-check: FAILED at step '$step': $*" >&2
  exit 1
}
say() { printf '\n==== fresh-machine-check: %s (%ss)\n' "$*" "$SECONDS"; }

# Retries a command that talks to the network (apt, debootstrap): a transient
# mirror failure must not fail the check; a real one fails after 3 tries.
retry() {
  local n
  for n in 1 2 3; do
    if "$@"; then return 0; fi
    echo "fresh-machine-check: attempt $n of 3 failed: $*" >&2
    sleep $((n * 10))
  done
  return 1
}

# --- the mirror, from this machine's own apt sources ------------------------
mirror=""
if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
fi
if [[ -z "$mirror" && -f /etc/apt/sources.list ]]; then
  mirror=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)
fi
[[ -n "$mirror" ]] || fail "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"

# --- host tools --------------------------------------------------------------
step="installing debootstrap on this machine"
if ! command -v debootstrap >/dev/null 2>&1; then
  retry apt-get update -q || fail "apt-get update failed on this machine"
  DEBIAN_FRONTEND=noninteractive retry apt-get install -y -q --no-install-recommends debootstrap \
    || fail "apt-get install debootstrap failed"
fi

mkdir -p "$cache/debs/partial"
tarball="$cache/$suite-minbase.tar"

# --- the minimal system, made once and cached --------------------------------
step="debootstrap --variant=minbase $suite $mirror"
if [[ -f "$tarball" && -n $(find "$tarball" -mtime +30 2>/dev/null) ]]; then
  echo "fresh-machine-check: $tarball is over 30 days old; making it anew"
  rm -f "$tarball"
fi
if [[ ! -f "$tarball" ]]; then
  say "making a minimal $suite with debootstrap (cached in $tarball)"
  boot=$(mktemp -d "${TMPDIR:-/tmp}/annals-debootstrap.XXXXXX")
  if ! retry debootstrap --variant=minbase "$suite" "$boot" "$mirror" >"$cache/debootstrap.log" 2>&1; then
    tail -n 30 "$cache/debootstrap.log" >&2
    rm -rf "$boot"
    fail "see $cache/debootstrap.log"
  fi
  tar -C "$boot" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
  rm -rf "$boot"
fi

# --- a fresh root for this run -------------------------------------------------
step="extracting a fresh root"
work=$(mktemp -d "${TMPDIR:-/tmp}/annals-fresh.XXXXXX")
root="$work/root"
mkdir -p "$root"
mounted=()
# Every process whose root is the chroot (the viewer, Xvfb): found by
# /proc/PID/root, so nothing of the host is touched.
kill_chroot_processes() {
  local sig p
  for sig in TERM KILL; do
    for p in /proc/[0-9]*; do
      [[ "$(readlink "$p/root" 2>/dev/null)" == "$root" ]] && kill -s "$sig" "${p#/proc/}" 2>/dev/null
    done
    sleep 1
  done
  return 0
}
cleanup() {
  local m
  kill_chroot_processes
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    m="${mounted[$i]}"
    umount -l "$m" 2>/dev/null || true
  done
  # Never rm -rf while anything is still mounted inside the root.
  if [[ $keep -eq 1 ]]; then
    echo "fresh-machine-check: the chroot is kept at $root"
  elif ! grep -q " $root/" /proc/mounts; then
    rm -rf "$work"
  else
    echo "fresh-machine-check: $root still has mounts; left in place" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
tar -C "$root" -xf "$tarball"

bind() { # bind SRC DEST [ro]
  mkdir -p "$2"
  mount --bind "$1" "$2"
  mounted+=("$2")
  if [[ "${3:-}" == ro ]]; then mount -o remount,bind,ro "$2"; fi
}
mount -t proc proc "$root/proc"; mounted+=("$root/proc")
bind /sys "$root/sys"
bind /dev "$root/dev"
mount -t devpts devpts "$root/dev/pts" 2>/dev/null && mounted+=("$root/dev/pts") || true
mount -t tmpfs tmpfs "$root/dev/shm" && mounted+=("$root/dev/shm")
# apt's downloads are kept between runs: the only thing a run reuses.
bind "$cache/debs" "$root/var/cache/apt/archives"

cp /etc/resolv.conf "$root/etc/resolv.conf"
rm -f "$root/etc/apt/sources.list"
mkdir -p "$root/etc/apt/sources.list.d" "$root/etc/apt/apt.conf.d"
cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/" 2>/dev/null || true
[[ -f /etc/apt/sources.list ]] && cp /etc/apt/sources.list "$root/etc/apt/sources.list"
# The mirror may be a dated snapshot: carry over the host's validity and proxy
# settings so apt in the chroot reaches it as the host does.
apt-config dump 2>/dev/null \
  | grep -E '^Acquire::(Check-Valid-Until|Check-Date|https?::Proxy) ' >"$root/etc/apt/apt.conf.d/99host" || true
# apt downloads as its _apt user: let it write into the shared cache.
chroot "$root" chown _apt:root /var/cache/apt/archives/partial 2>/dev/null || true
# Keep what apt downloads (minbase keeps it anyway; say so explicitly).
echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' >"$root/etc/apt/apt.conf.d/99keep-debs"

# The repository as a newcomer's clone would have it, and shared/ beside it.
bind "$repo" "$root/mnt/origin" ro
if [[ -d "$repo/../shared" ]]; then
  bind "$(cd "$repo/../shared" && pwd)" "$root/home/newcomer/shared" ro
fi

in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    bash -lc "$1"
}

# --- a newcomer's first steps -------------------------------------------------
step="apt-get update in the fresh system"
say "$step"
retry in_root 'apt-get update -q' || fail "apt-get update could not reach $mirror"

step="apt-get install git ca-certificates (as a newcomer would)"
say "$step"
retry in_root 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends git ca-certificates' \
  || fail "could not install git and ca-certificates"

step="git clone"
say "$step"
commit=$(git -C "$repo" rev-parse "$rev") || fail "unknown revision '$rev'"
in_root "git config --global --add safe.directory '*' \
  && git clone -q /mnt/origin /home/newcomer/annals \
  && git -C /home/newcomer/annals checkout -q $commit" \
  || fail "git clone of $repo at $commit"
echo "fresh-machine-check: cloned $commit"

# --- 1. the README's run command ------------------------------------------------
# The display is the harness's, not the project's: a newcomer running
# tools/view.sh has a desktop. xvfb is installed before view.sh runs, and only
# xvfb and xauth, so the viewer's own packages still come from tools/setup.sh.
step="apt-get install xvfb xauth (the harness's display)"
say "$step"
retry in_root 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends xvfb xauth' \
  || fail "could not install xvfb"

step="tools/view.sh (the README's run command) until the viewer reports ready"
say "$step"
view_log="$work/view.log"
in_root "cd /home/newcomer/annals && \
  timeout 1500 xvfb-run -a -s '-screen 0 1920x1080x24' tools/view.sh" >"$view_log" 2>&1 &
view_pid=$!
ready=0
while kill -0 "$view_pid" 2>/dev/null; do
  if grep -q '^annals: ready' "$view_log"; then ready=1; break; fi
  sleep 2
done
grep -q '^annals: ready' "$view_log" && ready=1
if [[ $ready -eq 1 ]]; then
  grep '^annals: ready' "$view_log"
  kill_chroot_processes
  wait "$view_pid" 2>/dev/null || true
else
  wait "$view_pid" 2>/dev/null && rc=0 || rc=$?
  tail -n 40 "$view_log" >&2
  fail "tools/view.sh exited with status $rc before the viewer reported ready (log: $view_log)"
fi

# --- 2. the README's test command -------------------------------------------------
step="tools/test.sh (the README's test command)"
say "$step"
if ! in_root "cd /home/newcomer/annals && tools/test.sh"; then
  fail "tools/test.sh failed in the fresh system (its output is above)"
fi

say "both README commands work on a fresh minimal Debian 12 ($suite, $mirror) at $commit"
}

main "$@"
