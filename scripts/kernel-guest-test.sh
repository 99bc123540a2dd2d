#!/bin/bash
# Runs test files inside a small QEMU guest (TCG) that boots Debian's own kernel with its modules,
# for tests that need a kernel driver this machine's kernel lacks: its kernel has no bonding or
# 8021q (tests/host_network_bond_test.ts fails on it, in words). The guest sees this machine's
# root file system read-only through virtiofs, under an overlay kept in the guest's memory, so it
# runs the same checkout, Deno and ifupdown2, and nothing it writes reaches this machine. It has no
# network device and no libvirtd: only tests of the kernel's own links belong here.
#
#   bash scripts/kernel-guest-test.sh tests/host_network_bond_test.ts
#
# Needs qemu-system-x86 (its /usr/lib/qemu/virtiofsd), busybox-static and linux-image-cloud-amd64
# (a kernel in /boot with its modules). Exits with the guest's `deno test` status; leaves nothing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || { echo "usage: $0 TEST_FILE..." >&2; exit 2; }
KERNEL=$(ls /boot/vmlinuz-*-cloud-amd64 2>/dev/null | sort -V | tail -n1 || true)
[ -n "$KERNEL" ] || { echo "no /boot/vmlinuz-*-cloud-amd64: apt install linux-image-cloud-amd64" >&2; exit 1; }
RELEASE=${KERNEL#/boot/vmlinuz-}
MODULES=/lib/modules/$RELEASE/kernel
for need in /usr/bin/qemu-system-x86_64 /usr/lib/qemu/virtiofsd /bin/busybox "$MODULES/drivers/net/bonding/bonding.ko"; do
  [ -e "$need" ] || { echo "$need is missing" >&2; exit 1; }
done

DIR=$(mktemp -d /tmp/kvmm-kguest-XXXXXX)
VFS_PID=""
QEMU_PID=""
cleanup() {
  [ -n "$QEMU_PID" ] && kill "$QEMU_PID" 2>/dev/null || true
  [ -n "$VFS_PID" ] && kill "$VFS_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT

# The initramfs: busybox, the modules that mount the root (virtio, virtiofs, overlay), an init.
mkdir -p "$DIR/initrd/bin" "$DIR/initrd/mod" "$DIR/initrd/"{proc,sys,dev,lower,upper,new}
cp /bin/busybox "$DIR/initrd/bin/busybox"
BOOT_MODULES="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci fuse virtiofs overlay"
for m in drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_legacy_dev \
  drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci fs/fuse/fuse fs/fuse/virtiofs \
  fs/overlayfs/overlay; do
  cp "$MODULES/$m.ko" "$DIR/initrd/mod/"
done
cat >"$DIR/initrd/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in $BOOT_MODULES; do insmod /mod/\$m.ko; done
mount -t virtiofs -o ro hostroot /lower || { echo "KVMM-GUEST: no virtiofs root"; poweroff -f; }
mount -t tmpfs -o size=1500m upper /upper; mkdir -p /upper/u /upper/w
mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper/u,workdir=/upper/w /new
umount /proc /sys /dev
exec switch_root /new /bin/bash $DIR/guest.sh
EOF
chmod +x "$DIR/initrd/init"
(cd "$DIR/initrd" && find . | cpio -o -H newc 2>/dev/null | gzip >"$DIR/initrd.gz")

# What the guest runs, read from this machine's file system like everything else it runs.
TESTS=$(printf ' %q' "$@")
cat >"$DIR/guest.sh" <<EOF
#!/bin/bash
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
mkdir -p /dev/pts /dev/shm; mount -t devpts devpts /dev/pts; mount -t tmpfs shm /dev/shm
mount -t tmpfs run /run; mkdir -p /run/netns
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root NO_COLOR=1
# max_bonds=0: no bond0 of the driver's own in the guest's namespace.
modprobe bonding max_bonds=0; modprobe 8021q; modprobe veth; modprobe bridge; modprobe tun
ip link set lo up
cd $ROOT
echo "KVMM-GUEST: kernel \$(uname -r)"
node_modules/.bin/deno test -A --no-check --preload tests/harness/preload.ts$TESTS 2>&1
echo "KVMM-GUEST: exit \$?"
poweroff -f
EOF

/usr/lib/qemu/virtiofsd --socket-path="$DIR/vfs.sock" -o source=/ -o cache=auto \
  -o sandbox=chroot -f >"$DIR/virtiofsd.log" 2>&1 &
VFS_PID=$!
for _ in $(seq 50); do [ -S "$DIR/vfs.sock" ] && break; sleep 0.1; done
# TCG: /dev/kvm exists here but guests hang under it (docs/dev TESTBED notes).
# Bounded: the guest powers off when its tests are done, or is stopped after 30 minutes.
timeout 1800 qemu-system-x86_64 -machine q35,accel=tcg -cpu max -m 2048 -smp 2 \
  -object memory-backend-memfd,id=mem,size=2048M,share=on -numa node,memdev=mem \
  -chardev socket,id=vfs,path="$DIR/vfs.sock" -device vhost-user-fs-pci,chardev=vfs,tag=hostroot \
  -kernel "$KERNEL" -initrd "$DIR/initrd.gz" -append "console=ttyS0 quiet panic=-1" \
  -display none -monitor none -serial "file:$DIR/console.log" -no-reboot -nic none \
  >"$DIR/qemu.log" 2>&1 &
QEMU_PID=$!
wait "$QEMU_PID" || true
QEMU_PID=""
# The test's own lines, without the kernel's.
grep -v '^\[ *[0-9]*\.[0-9]*\]' "$DIR/console.log" | tr -d '\r' || true
STATUS=$(sed -n 's/^KVMM-GUEST: exit \([0-9]*\).*/\1/p' "$DIR/console.log" | tail -n1)
if [ -z "$STATUS" ]; then
  echo "the guest ended without a test result:" >&2
  tail -n 20 "$DIR/console.log" "$DIR/qemu.log" >&2
  exit 1
fi
exit "$STATUS"
