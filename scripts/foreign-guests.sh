#!/usr/bin/env bash
# Someone else's objects on the shared libvirtd (qemu:///system), as on any real host, so the
# real-libvirtd tests can be run beside them and prove they count, draw and clean up only what
# they made themselves:
#   - foreign-run-1, foreign-run-2: running TCG guests (128 MiB, no disk) booting a busybox
#     initramfs with Debian's cloud kernel; foreign-run-1 has a NIC on foreign-net and VNC on
#     127.0.0.1
#   - foreign-stopped: a defined, shut-off guest with a qcow2 disk in foreign-pool
#   - foreign-net: an isolated network (no <forward>) on 10.254.77.0/24, no DHCP
#   - foreign-pool: a dir pool over /var/lib/libvirt/images/foreign-pool holding the kernel, the
#     initramfs and the stopped guest's disk as its volumes
#   - default: a dir pool over /var/lib/libvirt/images itself, as virt-manager and Debian 13's
#     libvirt make it, so every test folder made there is one of its volumes (issue 56); only
#     when the host has no pool of that name or folder, and then removed by `down` (the mark is
#     /run/kvmm-foreign-default)
# Everything else is named foreign-* (never kvmm-*), so no test's cleanup may take it.
#
#   scripts/foreign-guests.sh up       makes them (again, after a `down`); waits for both guests
#                                      to reach their init; when it fails, it runs `down`
#   scripts/foreign-guests.sh down     removes exactly these objects and the pool's folder
#   scripts/foreign-guests.sh status   lists them
#   scripts/foreign-guests.sh check    exits 1 unless all are as `up` left them
#
# Needs root and a running libvirtd (scripts/install-test-deps.sh). Traffic stays in the host:
# the network has no <forward>, the guests send nothing.
set -euo pipefail

URI=qemu:///system
PREFIX=foreign-
POOL=${PREFIX}pool
POOL_DIR=/var/lib/libvirt/images/$POOL
DEFAULT_POOL=default
DEFAULT_DIR=/var/lib/libvirt/images
DEFAULT_MARK=/run/kvmm-foreign-default
NET=${PREFIX}net
SUBNET=10.254.77
RUNNING=("${PREFIX}run-1" "${PREFIX}run-2")
STOPPED=${PREFIX}stopped
GUESTS=("${RUNNING[@]}" "$STOPPED")
MEMORY_MIB=128
READY=FOREIGN-GUEST-READY

log() { echo "[foreign-guests] $*" >&2; }
v() { virsh -q -c "$URI" "$@"; }
exists() { v "$1" "$2" >/dev/null 2>&1; } # exists dominfo|net-info|pool-info NAME
# has net-info|pool-info NAME REGEX: a line of the info matches (read whole: no SIGPIPE).
has() { v "$1" "$2" 2>/dev/null | grep -E "$3" >/dev/null; }

# The subnet must be free: no route of this host (but our network's own, once it runs) and no
# other libvirt network may claim it.
check_subnet() {
  if ! has net-info "$NET" '^Active: *yes' && ip -4 route show | grep "^$SUBNET\." >/dev/null; then
    log "$SUBNET.0/24 is routed on this host already; pick another SUBNET"
    return 1
  fi
  local n
  for n in $(v net-list --all --name); do
    [ "$n" = "$NET" ] && continue
    if has net-dumpxml "$n" "address='$SUBNET\."; then
      log "network $n uses $SUBNET.0/24; pick another SUBNET"
      return 1
    fi
  done
}

kernel_version() {
  local k
  k=$(ls /boot/vmlinuz-*cloud-amd64* 2>/dev/null | sort -V | tail -n 1)
  [ -n "$k" ] || {
    log "no /boot/vmlinuz-*cloud-amd64*; run scripts/install-test-deps.sh"
    return 1
  }
  echo "${k#/boot/vmlinuz-}"
}

# The kernel and an initramfs whose /init is busybox sh: prints the marker, then sleeps.
make_images() {
  local version root
  version=$(kernel_version)
  mkdir -p "$POOL_DIR"
  chmod 755 "$POOL_DIR"
  install -m 644 "/boot/vmlinuz-$version" "$POOL_DIR/foreign-vmlinuz"
  root=$(mktemp -d /tmp/foreign-initrd.XXXXXX)
  mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev"
  install -m 755 /bin/busybox "$root/bin/busybox"
  cat >"$root/init" <<EOF
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
export PATH=/bin
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
echo $READY >/dev/ttyS0
while :; do sleep 3600; done
EOF
  chmod 755 "$root/init"
  (cd "$root" && find . | cpio -o -H newc --quiet) >"$POOL_DIR/foreign-initrd.cpio"
  chmod 644 "$POOL_DIR/foreign-initrd.cpio"
  rm -rf "$root"
}

define_from() { # define_from KIND XML: net-define / pool-define / define from a string
  local file
  file=$(mktemp /tmp/foreign-XXXXXX.xml)
  printf '%s\n' "$2" >"$file"
  v "$1" "$file" >/dev/null || {
    rm -f "$file"
    return 1
  }
  rm -f "$file"
}

make_pool() {
  if ! exists pool-info "$POOL"; then
    define_from pool-define "<pool type='dir'><name>$POOL</name>
      <target><path>$POOL_DIR</path></target></pool>"
  fi
  v pool-build "$POOL" >/dev/null 2>&1 || true
  has pool-info "$POOL" '^State: *running' || v pool-start "$POOL" >/dev/null
  make_images
  if [ ! -e "$POOL_DIR/$STOPPED.qcow2" ]; then
    qemu-img create -q -f qcow2 "$POOL_DIR/$STOPPED.qcow2" 64M
    chmod 644 "$POOL_DIR/$STOPPED.qcow2"
  fi
  v pool-refresh "$POOL" >/dev/null
}

make_network() {
  check_subnet
  if ! exists net-info "$NET"; then
    define_from net-define "<network><name>$NET</name>
      <ip address='$SUBNET.1' netmask='255.255.255.0'/></network>"
  fi
  has net-info "$NET" '^Active: *yes' || v net-start "$NET" >/dev/null
}

# With ACPI, as any real guest has it. Without, libvirt starts QEMU with -no-acpi, and the idle
# guest (init asleep) costs about 5 % of a core instead of 0.5 % (the same kernel and initramfs
# under TCG, 20 s measured each way); over a 50-minute CI run the two had used 197 s of CPU.
guest_xml() { # guest_xml NAME DEVICES
  cat <<EOF
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>$MEMORY_MIB</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>$POOL_DIR/foreign-vmlinuz</kernel>
    <initrd>$POOL_DIR/foreign-initrd.cpio</initrd>
    <cmdline>console=ttyS0 quiet</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <serial type='file'><source path='/var/log/libvirt/qemu/$1-serial.log'/>
      <target port='0'/></serial>
$2    <memballoon model='none'/>
  </devices>
</domain>
EOF
}

make_guests() {
  local nic="    <interface type='network'><source network='$NET'/><model type='virtio'/></interface>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
"
  local disk="    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='$POOL_DIR/$STOPPED.qcow2'/><target dev='vda' bus='virtio'/></disk>
"
  exists dominfo "${RUNNING[0]}" || define_from define "$(guest_xml "${RUNNING[0]}" "$nic")"
  exists dominfo "${RUNNING[1]}" || define_from define "$(guest_xml "${RUNNING[1]}" "")"
  exists dominfo "$STOPPED" || define_from define "$(guest_xml "$STOPPED" "$disk")"
  local g
  for g in "${RUNNING[@]}"; do
    if [ "$(v domstate "$g")" != running ]; then
      rm -f "/var/log/libvirt/qemu/$g-serial.log"
      v start "$g" >/dev/null
    fi
  done
  for g in "${RUNNING[@]}"; do
    local i
    for i in $(seq 1 120); do
      grep -qs "$READY" "/var/log/libvirt/qemu/$g-serial.log" && break
      [ "$i" = 120 ] && {
        log "$g did not reach its init in 60 s"
        return 1
      }
      sleep 0.5
    done
  done
}

# The `default` pool over /var/lib/libvirt/images, unless the host has one there or by that name.
make_default_pool() {
  if [ ! -f "$DEFAULT_MARK" ]; then
    if exists pool-info "$DEFAULT_POOL"; then
      log "the host has a pool named $DEFAULT_POOL: left as it is"
      return 0
    fi
    local p
    for p in $(v pool-list --all --name); do
      if v pool-dumpxml "$p" | grep -q "<path>$DEFAULT_DIR/*</path>"; then
        log "pool $p is over $DEFAULT_DIR already: left as it is"
        return 0
      fi
    done
    define_from pool-define "<pool type='dir'><name>$DEFAULT_POOL</name>
      <target><path>$DEFAULT_DIR</path></target></pool>"
    touch "$DEFAULT_MARK"
  fi
  has pool-info "$DEFAULT_POOL" '^State: *running' || v pool-start "$DEFAULT_POOL" >/dev/null
}

up() {
  v version >/dev/null || {
    log "libvirtd does not answer at $URI; run scripts/install-test-deps.sh"
    return 1
  }
  make_default_pool
  make_pool
  make_network
  make_guests
  log "up: guests ${GUESTS[*]} (${RUNNING[*]} running), network $NET ($SUBNET.0/24), pool $POOL"
}

# Removes exactly the objects named above; never anything found by a pattern.
down() {
  local g failed=0
  for g in "${GUESTS[@]}"; do
    v destroy "$g" >/dev/null 2>&1 || true
    v undefine "$g" >/dev/null 2>&1 || true
    rm -f "/var/log/libvirt/qemu/$g-serial.log" "/var/log/libvirt/qemu/$g.log"
    if exists dominfo "$g"; then
      log "could not remove guest $g"
      failed=1
    fi
  done
  v net-destroy "$NET" >/dev/null 2>&1 || true
  v net-undefine "$NET" >/dev/null 2>&1 || true
  if exists net-info "$NET"; then
    log "could not remove network $NET"
    failed=1
  fi
  v pool-destroy "$POOL" >/dev/null 2>&1 || true
  v pool-undefine "$POOL" >/dev/null 2>&1 || true
  if exists pool-info "$POOL"; then
    log "could not remove pool $POOL"
    failed=1
  fi
  rm -f "$POOL_DIR/foreign-vmlinuz" "$POOL_DIR/foreign-initrd.cpio" "$POOL_DIR/$STOPPED.qcow2"
  # Only the definition: the folder is the host's.
  if [ -f "$DEFAULT_MARK" ]; then
    v pool-destroy "$DEFAULT_POOL" >/dev/null 2>&1 || true
    v pool-undefine "$DEFAULT_POOL" >/dev/null 2>&1 || true
    if exists pool-info "$DEFAULT_POOL"; then
      log "could not remove pool $DEFAULT_POOL"
      failed=1
    else
      rm -f "$DEFAULT_MARK"
    fi
  fi
  rmdir "$POOL_DIR" 2>/dev/null || [ ! -e "$POOL_DIR" ] || {
    log "$POOL_DIR holds files this script did not make; kept"
    failed=1
  }
  [ "$failed" = 0 ] && log "down: removed"
  return "$failed"
}

status() {
  local g
  for g in "${GUESTS[@]}"; do echo "guest $g: $(v domstate "$g" 2>/dev/null || echo absent)"; done
  local net=absent pool=absent
  if exists net-info "$NET"; then
    net=inactive
    if has net-info "$NET" '^Active: *yes'; then net=active; fi
  fi
  if exists pool-info "$POOL"; then
    pool=inactive
    if has pool-info "$POOL" '^State: *running'; then pool=running; fi
  fi
  echo "network $NET: $net"
  echo "pool $POOL: $pool"
  [ -f "$DEFAULT_MARK" ] && echo "pool $DEFAULT_POOL ($DEFAULT_DIR): made here"
  return 0
}

# Exit 0 only when everything `up` made is as it made it: both guests running, the third shut
# off, the network active, the pools running (CI runs this after the suite).
check() {
  local want
  local -A expected=([foreign-run-1]=running [foreign-run-2]=running [foreign-stopped]="shut off")
  for g in "${!expected[@]}"; do
    want=${expected[$g]}
    [ "$(v domstate "$g" 2>/dev/null | head -n1)" = "$want" ] || {
      echo "guest $g is not $want" >&2
      return 1
    }
  done
  has net-info "$NET" '^Active: *yes' || { echo "network $NET is not active" >&2; return 1; }
  has pool-info "$POOL" '^State: *running' || { echo "pool $POOL is not running" >&2; return 1; }
  if [ -f "$DEFAULT_MARK" ] && ! has pool-info "$DEFAULT_POOL" '^State: *running'; then
    echo "pool $DEFAULT_POOL is not running" >&2
    return 1
  fi
}

case "${1:-}" in
  up)
    # Called plainly so that `set -e` holds inside it; a failed `up` takes back what it made.
    trap 'rc=$?; [ "$rc" = 0 ] || { log "up failed; removing what it made"; down || true; }' EXIT
    up
    ;;
  down) down ;;
  status) status ;;
  check) check ;;
  *)
    echo "usage: $0 up|down|status|check" >&2
    exit 2
    ;;
esac
