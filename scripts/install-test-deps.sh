#!/usr/bin/env bash
# Installs and starts what the real-QEMU tests need: libvirtd + QEMU (TCG), a tiny guest kernel,
# busybox for the guest's initramfs, and chromium for browser tests.
# Works without systemd (containers), and is safe to run again and again.
set -euo pipefail

PACKAGES=(libvirt0 libvirt-clients libvirt-daemon-system qemu-system-x86 qemu-utils dnsmasq-base
  linux-image-cloud-amd64 busybox-static cpio chromium)

SUDO=()
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi

log() { echo "[install-test-deps] $*"; }

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  log "all packages present"
fi

# No systemd here, so the daemons are started by hand; pgrep -x avoids matching this script.
"${SUDO[@]}" mkdir -p /var/log/libvirt /run/libvirt
if pgrep -x virtlogd >/dev/null; then
  log "virtlogd already running"
else
  log "starting virtlogd"
  "${SUDO[@]}" virtlogd -d
fi
if pgrep -x libvirtd >/dev/null; then
  log "libvirtd already running"
else
  log "starting libvirtd"
  "${SUDO[@]}" libvirtd -d
fi

for _ in $(seq 1 60); do
  if "${SUDO[@]}" virsh -c qemu:///system version >/dev/null 2>&1; then
    log "libvirtd answers: $("${SUDO[@]}" virsh -c qemu:///system version | grep -i 'running hypervisor' || true)"
    exit 0
  fi
  sleep 0.5
done
log "ERROR: libvirtd did not answer on qemu:///system within 30 s" >&2
exit 1
