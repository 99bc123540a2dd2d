#!/usr/bin/env bash
# A second libvirtd on this machine, for migration tests: it runs in its own mount namespace
# (private /run/libvirt, /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt, /etc/libvirt),
# with its own host UUID and virtlogd, and listens on qemu+tcp://127.0.0.1:PORT/system without
# authentication (loopback only). The main libvirtd is never touched.
#
#   scripts/second-libvirtd.sh start    starts it unless it answers already; prints the URI
#   scripts/second-libvirtd.sh stop     destroys its guests, stops it and its namespace
#   scripts/second-libvirtd.sh status   prints the URI and exits 0 when it answers
#   scripts/second-libvirtd.sh uri      prints the URI
#
# Environment: KVMM_MIG_BASE (state folder, default /tmp/kvmm-mig-libvirtd), KVMM_MIG_PORT
# (TCP port, default 16599). Its state is under the base folder, seen from outside the
# namespace: log/ is its /var/log/libvirt (guest serial logs in log/qemu/), lib/ its
# /var/lib/libvirt. The guest kernels of tests/support/guest.ts (/var/lib/libvirt/images/
# kvmm-test-assets) are shared read-only; everything else under /var/lib/libvirt/images is its
# own, so copy-storage migration really copies.
#
# The daemons run under their own process names (libvirtd-mig, virtlogd-mig): tests that
# `pkill -x libvirtd` the main daemon leave this one alone, and `pgrep -x libvirtd` in
# install-test-deps.sh is not fooled by it.
set -euo pipefail

BASE=${KVMM_MIG_BASE:-/tmp/kvmm-mig-libvirtd}
PORT=${KVMM_MIG_PORT:-16599}
URI="qemu+tcp://127.0.0.1:${PORT}/system"
ASSETS=/var/lib/libvirt/images/kvmm-test-assets
# Fixed and different from the main daemon's: libvirt refuses a migration whose two ends
# report the same host UUID ("Attempt to migrate guest to the same host").
HOST_UUID=${KVMM_MIG_HOST_UUID:-6b766d6d-2d6d-6967-2d00-000000000002}

log() { echo "[second-libvirtd] $*" >&2; }

answers() { virsh -q -c "$URI" version >/dev/null 2>&1; }

pid_of() { # pid_of FILE NAME: the pid in FILE when that process is alive and named NAME
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && echo "$pid"
}

# Processes left by our daemons (guests' QEMU after a daemon crash), ended one by one by pid. A
# process is ours when its /etc/libvirt is our $BASE/etc (same device and inode): our namespace
# and the per-guest namespaces our libvirtd makes carry that bind mount, nothing else does. Not
# the namespace's number: once our daemons exit, the kernel hands that number to the next new
# namespace, such as the main libvirtd's next guest, which the old check then killed at start.
kill_namespace() {
  local ours pid
  ours=$(stat -c %d:%i "$BASE/etc" 2>/dev/null) || return 0
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    case "$(cat "$p/comm" 2>/dev/null)" in
      qemu-system-* | libvirtd-mig | virtlogd-mig) ;;
      *) continue ;;
    esac
    if [ "$(stat -L -c %d:%i "$p/root/etc/libvirt" 2>/dev/null)" = "$ours" ]; then
      log "ending leftover process $pid ($(cat "$p/comm" 2>/dev/null))"
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}

stop_pid() { # stop_pid PID: TERM, then KILL after 10 s
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    [ -d "/proc/$pid" ] || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

write_config() {
  rm -rf "$BASE/etc"
  cp -a /etc/libvirt "$BASE/etc"
  # The main daemon's persistent objects are not ours.
  find "$BASE/etc/qemu" "$BASE/etc/storage" "$BASE/etc/secrets" -mindepth 1 -delete
  mkdir -p "$BASE/etc/qemu/networks/autostart" "$BASE/etc/storage/autostart"
  cat >"$BASE/etc/libvirtd.conf" <<EOF
# Written by scripts/second-libvirtd.sh: a test daemon on loopback, no authentication.
listen_tls = 0
listen_tcp = 1
listen_addr = "127.0.0.1"
tcp_port = "${PORT}"
auth_tcp = "none"
host_uuid = "${HOST_UUID}"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
  cat >"$BASE/etc/qemu.conf" <<EOF
# Written by scripts/second-libvirtd.sh.
# libvirt refuses loopback for migration_host and migration_address ("migration_host must not
# be the address of the local machine"); left unset, the destination announces its hostname,
# which resolves to 127.0.0.1 on the test machines. Ports apart from the main daemon's.
migration_port_min = 49300
migration_port_max = 49363
# VNC ports apart from the main daemon's, so the two never race for one.
remote_display_port_min = 5960
remote_display_port_max = 5999
# No cgroups: both daemons would name a guest's cgroup machine/qemu-ID-NAME, and during a
# migration the same NAME runs on both.
cgroup_controllers = [ ]
EOF
}

start() {
  if answers; then
    echo "$URI"
    return 0
  fi
  if pid=$(pid_of "$BASE/run/libvirtd.pid" libvirtd-mig); then
    log "libvirtd-mig ($pid) runs but does not answer; restarting it"
  fi
  stop_quietly
  mkdir -p "$BASE"/{bin,run,lib,cache,log} "$ASSETS"
  rm -rf "$BASE"/{run,lib,cache}/*
  mkdir -p "$BASE/lib/images/kvmm-test-assets"
  mkdir -p "$BASE/log/qemu"
  ln -sf /usr/sbin/libvirtd "$BASE/bin/libvirtd-mig"
  ln -sf /usr/sbin/virtlogd "$BASE/bin/virtlogd-mig"
  write_config

  # In the new namespace: share the guest kernels read-only, lay our folders over libvirt's,
  # start virtlogd then libvirtd (both daemonize, keeping the namespace alive).
  unshare -m --propagation private -- bash -euc '
    B=$1 A=$2
    mount --bind "$A" "$B/lib/images/kvmm-test-assets"
    mount -o remount,bind,ro "$B/lib/images/kvmm-test-assets"
    mount --bind "$B/run" /run/libvirt
    mount --rbind "$B/lib" /var/lib/libvirt
    mount --bind "$B/cache" /var/cache/libvirt
    mount --bind "$B/log" /var/log/libvirt
    mount --bind "$B/etc" /etc/libvirt
    "$B/bin/virtlogd-mig" -d -p "$B/run/virtlogd.pid"
    "$B/bin/libvirtd-mig" --listen -d -p "$B/run/libvirtd.pid"
  ' second-libvirtd "$BASE" "$ASSETS"

  for _ in $(seq 1 120); do
    if ! pid_of "$BASE/run/libvirtd.pid" libvirtd-mig >/dev/null; then
      log "ERROR: the second libvirtd exited; see $BASE/log/libvirtd.log"
      tail -n 20 "$BASE/log/libvirtd.log" >&2 2>/dev/null || true
      return 1
    fi
    if answers; then
      log "answers at $URI (libvirtd-mig $(cat "$BASE/run/libvirtd.pid"))"
      echo "$URI"
      return 0
    fi
    sleep 0.5
  done
  log "ERROR: the second libvirtd did not answer at $URI within 60 s; see $BASE/log/libvirtd.log"
  tail -n 20 "$BASE/log/libvirtd.log" >&2 2>/dev/null || true
  return 1
}

stop_quietly() {
  local pid name
  if answers; then
    for name in $(virsh -q -c "$URI" list --all --name); do
      virsh -q -c "$URI" destroy "$name" >/dev/null 2>&1 || true
      virsh -q -c "$URI" undefine "$name" >/dev/null 2>&1 || true
    done
  fi
  if pid=$(pid_of "$BASE/run/libvirtd.pid" libvirtd-mig); then stop_pid "$pid"; fi
  if pid=$(pid_of "$BASE/run/virtlogd.pid" virtlogd-mig); then stop_pid "$pid"; fi
  kill_namespace
}

case "${1:-}" in
  start) start ;;
  stop)
    stop_quietly
    log "stopped"
    ;;
  status)
    if answers; then echo "$URI"; else
      echo "not running" >&2
      exit 1
    fi
    ;;
  uri) echo "$URI" ;;
  *)
    echo "usage: $0 start|stop|status|uri" >&2
    exit 2
    ;;
esac
