#!/usr/bin/env bash
# Debian roots for tests of KVM Manager on other Debian releases (issue 56): made with debootstrap
# from the Debian mirror, cached between runs, and entered only in namespaces of their own.
#
#   scripts/debian-root.sh make SUITE [PACKAGE,...] [--apt PACKAGE,...]
#                                         prints the cached root's folder (makes it once)
#   scripts/debian-root.sh run ROOT [--keep] [--bind DIR] CMD ...   runs CMD inside ROOT
#
# A root is /var/cache/kvmm-test/roots/SUITE-minbase[-HASH of the packages], built from
# `debootstrap --variant=minbase` plus the packages (e.g. libvirt0 for the release checks), with
# a policy-rc.d that starts no service. debootstrap's first stage (downloads and unpacking) runs on
# the host; everything that runs a package's scripts runs inside `run`. Packages after --apt are
# installed by the root's own apt afterwards (debootstrap's --include cannot order large sets such
# as libvirt-daemon-system with systemd's pre-dependencies): downloaded with the network
# (`--download-only`: no package script runs), then installed inside `run` without it.
#
# `run` gives the root its own mount, network, PID and IPC namespaces and its **own** /dev: a
# tmpfs with only null, zero, full, random, urandom, tty, ptmx and net/tun — never the host's
# /dev, never /dev/kvm (a post-install script run against the host's /dev once changed /dev/kvm's
# group, and every libvirt define on the host then took 60 s; guests here are TCG anyway). The
# root is seen through an overlay whose changes vanish when CMD ends, so the cache stays as made
# and a test may remove packages or write anywhere; with --keep the changes go into the cache
# (only `make` uses it). --bind DIR shows the host's DIR, read-only, at the same path inside (a
# release to try, say). Only loopback is up in its network namespace: nothing inside reaches the
# network or the host's services. Needs root, debootstrap, util-linux (unshare) and iproute2.
#
# Not yet for libvirtd and QEMU: a libvirtd 11 run in such a root (with its per-VM /dev
# namespaces) once replaced the HOST's /dev/ptmx with a link to a devpts nobody may open, and every
# host guest then failed to start (docs/tests.md, "The host health gate"). Tests run the one file,
# dpkg and lintian here only.
set -euo pipefail

CACHE=${KVMM_ROOTS:-/var/cache/kvmm-test/roots}
MIRROR=${KVMM_DEBIAN_MIRROR:-http://deb.debian.org/debian}

log() { echo "[debian-root] $*" >&2; }
die() {
  log "$*"
  exit 1
}

[ "$(id -u)" = 0 ] || die "needs root (namespaces, mounts, chroot)"

# run ROOT [--keep] CMD...: see the header.
run() {
  local root=$1 keep=0 bind="" net=--net
  shift
  while :; do
    case "${1:-}" in
      --keep) keep=1 ;;
      # Only for apt's downloads while making a root: the host's network, nothing else of it.
      --online) net="" ;;
      --bind)
        bind=$(realpath "$2")
        shift
        ;;
      *) break ;;
    esac
    shift
  done
  [ -x "$root/bin/sh" ] || die "$root is not a root"
  mkdir -p "$CACHE/.overlay"
  unshare --mount $net --pid --ipc --fork --propagation private -- \
    bash -euo pipefail -c '
      root=$1 keep=$2 scratch=$3 bind=$4 net=$5
      shift 5
      if [ "$keep" = 1 ]; then
        top=$root
        mount --bind "$root" "$top"
      else
        # One fixed, empty folder: each run mounts its own tmpfs there, in its own mount
        # namespace, so concurrent runs do not meet and nothing is left on the host.
        mount -t tmpfs tmpfs "$scratch"
        mkdir "$scratch/upper" "$scratch/work" "$scratch/top"
        mount -t overlay overlay \
          -o "lowerdir=$root,upperdir=$scratch/upper,workdir=$scratch/work" "$scratch/top"
        top=$scratch/top
      fi
      mount -t proc proc "$top/proc"
      mount -t sysfs -o ro sysfs "$top/sys"
      mount -t tmpfs -o mode=0755,nosuid dev "$top/dev"
      mknod -m 0666 "$top/dev/null" c 1 3
      mknod -m 0666 "$top/dev/zero" c 1 5
      mknod -m 0666 "$top/dev/full" c 1 7
      mknod -m 0666 "$top/dev/random" c 1 8
      mknod -m 0666 "$top/dev/urandom" c 1 9
      mknod -m 0666 "$top/dev/tty" c 5 0
      mkdir -m 0755 "$top/dev/pts" "$top/dev/net"
      mknod -m 0666 "$top/dev/net/tun" c 10 200
      mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$top/dev/pts"
      ln -s pts/ptmx "$top/dev/ptmx"
      mkdir -m 1777 "$top/dev/shm"
      mount -t tmpfs -o mode=0755 tmpfs "$top/run"
      mount -t tmpfs -o mode=1777 tmpfs "$top/tmp"
      if [ -n "$bind" ]; then
        mkdir -p "$top$bind"
        mount --bind "$bind" "$top$bind"
        mount -o remount,bind,ro "$top$bind"
      fi
      [ -n "$net" ] && ip link set lo up
      # This bash stays PID 1 of the namespace and reaps what is orphaned there (a VM process
      # libvirt killed waits as a zombie otherwise, and libvirt reports it "busy"); CMD keeps
      # this standard input (a script on sh -s).
      exec 3<&0
      chroot "$top" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 "$@" <&3 &
      wait "$!"
    ' bash "$root" "$keep" "$CACHE/.overlay" "$bind" "$net" "$@"
}

# make SUITE [PACKAGES]: see the header.
make_root() {
  local suite=$1 packages="" apt="" name root partial
  shift
  if [ -n "${1:-}" ] && [ "$1" != "--apt" ]; then
    packages=$1
    shift
  fi
  if [ "${1:-}" = "--apt" ]; then apt=${2:?--apt needs packages}; fi
  command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
  name="$suite-minbase"
  if [ -n "$packages$apt" ]; then
    # The same name as before --apt existed for a root without it (its cache stays good).
    name="$name-$(printf '%s' "$packages${apt:+ --apt $apt}" | sha256sum | cut -c1-12)"
  fi
  root="$CACHE/$name"
  if [ -f "$root/.kvmm-root-ready" ]; then
    echo "$root"
    return
  fi
  # One maker at a time per root: two test files may ask for it at once.
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.$name.lock"
  flock 9
  if [ -f "$root/.kvmm-root-ready" ]; then
    echo "$root"
    return
  fi
  partial="$root.partial"
  rm -rf "$partial"
  log "making $name from $MIRROR (once; cached in $CACHE)"
  # The first stage only downloads and unpacks: no package's script runs on the host.
  debootstrap --foreign --variant=minbase ${packages:+--include="$packages"} \
    "$suite" "$partial" "$MIRROR" >&2
  # No service starts while packages install, inside or out.
  printf '#!/bin/sh\nexit 101\n' >"$partial/usr/sbin/policy-rc.d"
  chmod 0755 "$partial/usr/sbin/policy-rc.d"
  run "$partial" --keep /debootstrap/debootstrap --second-stage >&2
  if [ -n "$apt" ]; then
    # shellcheck disable=SC2086 # the packages are words
    run "$partial" --keep --online sh -c "apt-get update -qq &&
      apt-get install -y -qq --download-only --no-install-recommends ${apt//,/ }" >&2
    run "$partial" --keep env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-download --no-install-recommends ${apt//,/ } >&2
    run "$partial" --keep apt-get clean >&2
  fi
  rm -rf "$partial/var/cache/apt/archives/"*.deb
  touch "$partial/.kvmm-root-ready"
  rm -rf "$root"
  mv "$partial" "$root"
  echo "$root"
}

case "${1:-}" in
  make)
    shift
    make_root "$@"
    ;;
  run)
    shift
    run "$@"
    ;;
  *)
    echo "usage: $0 make SUITE [PACKAGE,...] | run ROOT [--keep] [--bind DIR] CMD ..." >&2
    exit 2
    ;;
esac
