#!/bin/sh
# @TITLE@ @VERSION@ (commit @COMMIT@), linux-x86_64: one file that unpacks itself on first
# start and then runs. The rest of this file is a gzip'd tar of the Deno runtime and the program's
# files. Made by `deno task release` (scripts/release.ts).
#
# It unpacks into a folder named after this version and its contents (as root under
# /var/lib/@NAME@/runtime, else under ${XDG_CACHE_HOME:-~/.cache}/@NAME@/runtime;
# KVMM_RUNTIME_DIR chooses another) and checks every file there against the checksums below.
# It then notes each file's size, change time and inode beside the folder; a later start
# compares those (a few stat calls: hashing the 95 MB runtime again took 0.3-0.5 s) and unpacks
# again over a damaged or partial folder: it never runs one. The folder must hold exactly the
# files the checksums name; Deno's own cache (DENO_DIR: its code cache, and the `node` link it
# makes when Node.js is not installed) is kept beside it, in FOLDER.deno.
# Needs only sh, tail, gzip, tar, sha256sum, find and sort (a minimal Debian has them all).
set -eu
umask 022

version='@VERSION@'
contents='@CONTENTS@'
payload_offset=@OFFSET@

self=$(readlink -f -- "$0")
if [ -n "${KVMM_RUNTIME_DIR:-}" ]; then
  base=$KVMM_RUNTIME_DIR
elif [ "$(id -u)" = 0 ]; then
  base=/var/lib/@NAME@/runtime
else
  base=${XDG_CACHE_HOME:-${HOME:?HOME or XDG_CACHE_HOME must be set}/.cache}/@NAME@/runtime
fi
dir="$base/$version-$contents"

sums() {
  cat <<'KVMM_SUMS'
@SUMS@
KVMM_SUMS
}

# Whether nothing under $1 (a file or folder) belongs to another user or may be written by one:
# what someone else can change after its check must never run (the workers load later). A link's
# own mode bits mean nothing on Linux (always 0777; Deno's cache holds one, its `node`): a link
# counts by its owner, and by the folder it is in.
private() {
  [ -e "$1" ] &&
    [ -z "$(find "$1" ${2:+-maxdepth "$2"} \( ! -user "$(id -u)" -o \( ! -type l -perm /022 \) \) -print -quit 2>/dev/null)" ]
}

# The files under $1, one "name size change-time inode" line each, sorted.
listing() {
  (cd "$1" 2>/dev/null && find . ! -type d -printf '%P %s %C@ %i\n' | LC_ALL=C sort)
}

# Whether $1 holds exactly the files the checksums name, as regular files with those checksums.
intact() {
  [ -d "$1" ] && private "$1" &&
    [ -z "$(find "$1" ! -type d ! -type f -print -quit)" ] &&
    [ "$(sums | sed 's/^[0-9a-f]*  //' | LC_ALL=C sort)" = \
      "$(cd "$1" && find . -type f -printf '%P\n' | LC_ALL=C sort)" ] &&
    sums | (cd "$1" && sha256sum --quiet --strict --check -) >/dev/null 2>&1
}

# Whether $1 is as it was when last found intact: the same files, none changed since.
unchanged() {
  [ -d "$1" ] && [ -f "$1.files" ] && private "$1" && private "$1.files" 0 &&
    [ "$(listing "$1")" = "$(cat -- "$1.files")" ]
}

# Checks $1 in full and notes its files for the next start. The note is what the files were
# before and after the check (equal, so nothing changed meanwhile), written once they are on disk;
# a note that cannot be written (disk full, read-only) only costs the next start a full check.
verify() {
  [ -d "$1" ] && before=$(listing "$1") && intact "$1" || return 1
  if [ "$before" = "$(listing "$1")" ]; then
    {
      find "$1" -type f -exec sync -- {} + &&
        printf '%s\n' "$before" >"$1.files.$$" && mv -f -- "$1.files.$$" "$1.files"
    } 2>/dev/null || rm -f -- "$1.files.$$"
  fi
  return 0
}

unpack() {
  echo "@NAME@: unpacking $version into $dir" >&2
  mkdir -p -- "$base"
  tmp=$(mktemp -d "$base/.unpacking.XXXXXX")
  chmod 700 "$tmp"
  trap 'rm -rf -- "$tmp"' EXIT INT TERM
  tail -c "+$payload_offset" -- "$self" | gzip -dc | tar -x -f - -C "$tmp" --no-same-owner
  if ! intact "$tmp"; then
    echo "@NAME@: $self is damaged (its contents fail their checksums): download it again" >&2
    exit 1
  fi
  chmod 755 "$tmp"
  # rename(2) puts ours in place only where no folder is; a folder another start put there
  # meanwhile is kept when intact (it may be running from it), else set aside first.
  if ! mv -T -- "$tmp" "$dir" 2>/dev/null; then
    if intact "$dir"; then
      rm -rf -- "$tmp"
    else
      aside=$(mktemp -d "$base/.damaged.XXXXXX")
      mv -T -- "$dir" "$aside/folder" 2>/dev/null || true
      mv -T -- "$tmp" "$dir" 2>/dev/null || rm -rf -- "$tmp"
      rm -rf -- "$aside"
    fi
  fi
  trap - EXIT INT TERM
}

# As root, the server's data folder (/var/lib/kvm-manager: sessions, keys) is private, as the
# Debian package makes it; one an earlier one file made 0755 is mended. (The agent's is not: its
# allowed folder below it is for the guest's users.)
if [ "$base" = /var/lib/kvm-manager/runtime ]; then
  mkdir -p -- /var/lib/kvm-manager && chmod 700 /var/lib/kvm-manager
fi
mkdir -p -- "$base"
if ! private "$base" 0; then
  echo "@NAME@: $base belongs to another user or others may write it: choose a folder of your own (KVMM_RUNTIME_DIR)" >&2
  exit 1
fi
if ! unchanged "$dir" && ! verify "$dir"; then
  [ -d "$dir" ] && echo "@NAME@: $dir is damaged or partial: unpacking again" >&2
  unpack
  if ! verify "$dir"; then
    echo "@NAME@: cannot unpack into $dir" >&2
    exit 1
  fi
fi

# KVMM_SELF: install-service writes a unit that runs this file, not the folder it unpacked into.
export KVMM_SELF="$self" DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1
# Deno's cache is checked as the folder is: ours, and writable by us alone (its code cache and
# `node` link run); one that is not is set aside and made again.
if [ -z "${DENO_DIR:-}" ]; then
  mkdir -p -m 700 -- "$dir.deno"
  if ! private "$dir.deno"; then
    aside=$(mktemp -d "$base/.damaged.XXXXXX")
    mv -T -- "$dir.deno" "$aside/cache" && rm -rf -- "$aside"
    mkdir -m 700 -- "$dir.deno"
    if ! private "$dir.deno"; then
      echo "@NAME@: $dir.deno belongs to another user or others may write it" >&2
      exit 1
    fi
  fi
  export DENO_DIR="$dir.deno"
fi
exec "$dir/deno" run @DENO_FLAGS@ "$dir/@ENTRY@" "$@"
exit 1
