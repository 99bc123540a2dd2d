#!/usr/bin/env bash
# A guest for the HA test bed (scripts/ha-bed.sh) with a disk: the host's cloud kernel, a busybox
# initramfs and an ext4 disk image, with its domain XML, all in the bed's shared folder, so every
# node starts it from the same files. Its PID 1 arms the ACPI power button (VirtualDomain's stop
# is quick), prints the boot stamps its disk holds (written by earlier boots, on any node), adds
# its own, and prints KVMM-HA-READY on its serial log ($SHARED/NAME.serial).
#
#   scripts/ha-bed-guest.sh NAME      writes $SHARED/NAME.{xml,img,serial}, $SHARED/assets/
#
# Used by scripts/ha-bed-check.sh and tests/ha_cluster_test.ts.
set -euo pipefail

BASE=${KVMM_HA_BASE:-/tmp/kvmm-ha-bed}
S=$BASE/shared
IN=/var/lib/libvirt/images/shared # the shared folder as the nodes see it
VM=${1:?usage: ha-bed-guest.sh NAME}
SERIAL=$S/$VM.serial
fail() {
  echo "[ha-bed-guest] FAILED: $*" >&2
  exit 1
}

  v="" r="" m="" k="" out=""
  v=$(find /boot -name 'vmlinuz-*cloud-amd64' -printf '%f\n' | sort | tail -n 1)
  v=${v#vmlinuz-}
  [ -n "$v" ] || fail "no /boot/vmlinuz-*cloud-amd64 (apt-get install linux-image-cloud-amd64)"
  mkdir -p "$S/assets"
  cp "/boot/vmlinuz-$v" "$S/assets/vmlinuz"
  r=$(mktemp -d)
  mkdir -p "$r"/{bin,proc,sys,dev,mnt,lib/modules}
  cp /bin/busybox "$r/bin/busybox"
  i=0
  for m in acpi/button input/evdev virtio/virtio_ring virtio/virtio virtio/virtio_pci_legacy_dev \
    virtio/virtio_pci_modern_dev virtio/virtio_pci block/virtio_blk; do
    # As the kernel ships it: plain, or compressed (Debian 13); busybox's insmod takes plain.
    k=/lib/modules/$v/kernel/drivers/$m.ko out=$r/lib/modules/$i-${m#*/}.ko
    if [ -e "$k" ]; then
      cp "$k" "$out"
    elif [ -e "$k.xz" ]; then
      xz -dc "$k.xz" >"$out"
    elif [ -e "$k.zst" ]; then
      zstd -qdc "$k.zst" >"$out"
    elif ! grep -qx "kernel/drivers/$m.ko" "/lib/modules/$v/modules.builtin" 2>/dev/null; then
      fail "kernel $v neither ships nor builds in drivers/$m.ko (.ko, .ko.xz or .ko.zst)"
    fi
    i=$((i + 1))
  done
  # PID 1: loads the modules, arms the ACPI power button (VirtualDomain stops gracefully),
  # prints the boot stamps its disk holds (written by earlier boots, on any node) and adds one.
  cat >"$r/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
export PATH=/bin
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in /lib/modules/*.ko; do insmod "$m" 2>/dev/null; done
sleep 1
for e in /sys/class/input/event*; do
  if grep -q "Power Button" "$e/device/name" 2>/dev/null; then
    (dd if="/dev/input/${e##*/}" of=/dev/null bs=24 count=1 2>/dev/null
     echo KVMM-HA-POWEROFF >/dev/ttyS0; umount /mnt; poweroff -f) &
  fi
done
echo "KVMM-HA-BOOT $(cat /proc/sys/kernel/random/boot_id)" >/dev/ttyS0
mount -t ext4 /dev/vda /mnt
echo "KVMM-HA-DISK before: $(cat /mnt/boots 2>/dev/null | tr '\n' ' ')" >/dev/ttyS0
cat /proc/sys/kernel/random/boot_id >>/mnt/boots; sync
echo "KVMM-HA-READY" >/dev/ttyS0
while :; do sleep 3600; done
EOF
  chmod 755 "$r/init" "$r/bin/busybox"
  (cd "$r" && find . | cpio -o -H newc --quiet >"$S/assets/initrd.cpio")
  rm -rf "$r"
  rm -f "$S/$VM.img" "$SERIAL"
  truncate -s 16M "$S/$VM.img"
  mkfs.ext4 -q -F "$S/$VM.img"
  chmod 644 "$S/assets/"* "$S/$VM.img"
  cat >"$S/$VM.xml" <<EOF
<domain type='qemu'>
  <name>$VM</name>
  <memory unit='MiB'>192</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>$IN/assets/vmlinuz</kernel>
    <initrd>$IN/assets/initrd.cpio</initrd>
    <cmdline>console=ttyS0 quiet</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw' cache='none'/>
      <source file='$IN/$VM.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <serial type='file'>
      <source path='$IN/$VM.serial' append='on'/>
      <target port='0'/>
    </serial>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
