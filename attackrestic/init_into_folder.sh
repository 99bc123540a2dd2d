#!/bin/sh
# Attack: a local repository's location is an existing folder holding files; restic init (as
# the app runs it) adds config, data/ (256 folders), index/, keys/, locks/, snapshots/ to it.
# /etc/sudoers.d as location would leave a file "config" there, which sudo reads (parse error).
# Run: sh attackrestic/init_into_folder.sh   (a temp folder stands for /etc)
d=$(mktemp -d /tmp/kvmm-atk-etc-XXXX)
echo "root:x:0:0" > "$d/passwd"
RESTIC_PASSWORD=passwordpassword RESTIC_CACHE_DIR="$d.cache" restic -r "$d" init >/dev/null 2>&1
ls -la "$d"
rm -rf "$d" "$d.cache"
