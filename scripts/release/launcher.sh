#!/bin/sh
# @TITLE@ @VERSION@ (commit @COMMIT@), linux-x86_64: one file that unpacks itself on first
# start and then runs. The rest of this file is a gzip'd tar of the Deno runtime and the program's
# files. Made by `deno task release` (scripts/release.ts).
#
# It unpacks into a folder named after this version and its contents (as root under
# /var/lib/@NAME@/runtime, else under ${XDG_CACHE_HOME:-~/.cache}/@NAME@/runtime;
# KVMM_RUNTIME_DIR chooses another), checks every file there against the checksums below on
# every start, and unpacks again over a damaged or partial folder: it never runs one.
# Needs only sh, tail, gzip, tar and sha256sum (a minimal Debian has them all).
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
# what someone else can change after its check must never run (the workers load later).
private() {
  [ -e "$1" ] &&
    [ -z "$(find "$1" ${2:+-maxdepth "$2"} \( ! -user "$(id -u)" -o -perm /022 \) -print -quit 2>/dev/null)" ]
}

intact() {
  [ -d "$1" ] && private "$1" &&
    sums | (cd "$1" && sha256sum --quiet --strict --check -) >/dev/null 2>&1
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

mkdir -p -- "$base"
if ! private "$base" 0; then
  echo "@NAME@: $base belongs to another user or others may write it: choose a folder of your own (KVMM_RUNTIME_DIR)" >&2
  exit 1
fi
if ! intact "$dir"; then
  [ -d "$dir" ] && echo "@NAME@: $dir is damaged or partial: unpacking again" >&2
  unpack
  if ! intact "$dir"; then
    echo "@NAME@: cannot unpack into $dir" >&2
    exit 1
  fi
fi

# KVMM_SELF: install-service writes a unit that runs this file, not the folder it unpacked into.
export KVMM_SELF="$self" DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1
export DENO_DIR="${DENO_DIR:-$dir/.deno}"
exec "$dir/deno" run @DENO_FLAGS@ "$dir/@ENTRY@" "$@"
exit 1
