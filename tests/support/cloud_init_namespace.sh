#!/bin/bash
# Runs Debian's cloud-init on a seed ISO the way a guest's first boot does, inside the mount, PID,
# network, UTS and IPC namespaces unshare(1) gives this script (tests/cloud_init_password_test.ts):
# the host's /etc is under an overlay whose changes stay in DIR, and every folder cloud-init or
# useradd writes is a tmpfs, so no account, log or file of the host changes. Then it signs in as
# USER through PAM (tests/support/pam_sign_in.ts, password on stdin) and prints what cloud-init
# wrote: the user's passwd and shadow lines.
# Usage: unshare --mount --pid --fork --mount-proc --net --uts --ipc \
#          cloud_init_namespace.sh DIR USER DENO < password
set -euo pipefail
dir=$1 user=$2 deno=$3
here=$(cd "$(dirname "$0")" && pwd)

mount --make-rprivate /
# The overlay's upper folder must be on a file system overlayfs takes (the test's /tmp may not be).
mkdir -p "$dir/rw"
mount -t tmpfs kvmm-ci-rw "$dir/rw"
mkdir -p "$dir/rw/etc" "$dir/rw/work"
mount -t overlay kvmm-ci-etc -o "lowerdir=/etc,upperdir=$dir/rw/etc,workdir=$dir/rw/work" /etc
# /run too: cloud-init keeps its run state there, and the host's sockets are not for it. Its own
# state (/var/lib/cloud, which a host gets only at its first boot) goes under DIR (cloud.cfg below).
for d in /run /var/log /home /var/mail; do
  [ -d "$d" ] || { echo "missing $d on this host (is cloud-init installed?)" >&2; exit 1; }
  mount -t tmpfs kvmm-ci-tmp "$d"
done

# The seed's files as xorriso reads them from our ISO 9660 image (this host's kernel may have no
# iso9660 driver to mount it with; a guest's has).
mkdir -p "$dir/seed"
xorriso -osirrox on -indev "$dir/seed.iso" -extract / "$dir/seed" </dev/null >"$dir/xorriso.log" 2>&1 ||
  { cat "$dir/xorriso.log" >&2; exit 1; }

# Debian's cloud.cfg as shipped, told where the seed is and to run only the user module: no device
# scan, no network configuration, no ssh keys, growpart, resizefs or mounts on the host.
cat > /etc/cloud/cloud.cfg.d/99-kvmm-test.cfg <<CFG
datasource_list: [NoCloud]
datasource:
  NoCloud:
    seedfrom: file://$dir/seed/
    fs_label: null
network: {config: disabled}
cloud_init_modules: [users_groups]
cloud_config_modules: []
cloud_final_modules: []
system_info:
  paths:
    cloud_dir: $dir/rw/cloud/
CFG

cloud-init init --local </dev/null >"$dir/init-local.log" 2>&1 || { cat "$dir/init-local.log" /var/log/cloud-init.log >&2; exit 1; }
cloud-init init </dev/null >"$dir/init.log" 2>&1 || { cat "$dir/init.log" /var/log/cloud-init.log >&2; exit 1; }
cp /var/log/cloud-init.log "$dir/cloud-init.log"

"$deno" run -A --no-check "$here/pam_sign_in.ts" "$user"
getent passwd "$user" </dev/null
grep "^$user:" /etc/shadow
