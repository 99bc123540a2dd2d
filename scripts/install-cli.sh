#!/usr/bin/env bash
# Puts a `kvm-manager` command on the PATH that runs this checkout's scripts/kvm-manager, so the
# commands the docs show work as shown (scripts/start.sh runs this). As root it writes
# /usr/local/bin/kvm-manager, else ~/.local/bin/kvm-manager; KVMM_CLI_DIR chooses the folder.
# A kvm-manager that is not a checkout's (the Debian package's /usr/bin/kvm-manager, a release's
# one file, anything without the marker) is never overwritten, nor hidden by one earlier on the
# PATH: then it only says which one runs. Never fails command 1: problems are told, not fatal.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
marker=kvm-manager-checkout-command
if [ -n "${KVMM_CLI_DIR:-}" ]; then
  dir=$KVMM_CLI_DIR
elif [ "$(id -u)" = 0 ]; then
  dir=/usr/local/bin
else
  dir=${HOME:?HOME must be set}/.local/bin
fi
target=$dir/kvm-manager

# Ours: a file whose first lines carry the marker (the one file is 42 MiB: read only its head;
# no `| grep -q` under pipefail, whose early exit would fail head with SIGPIPE).
ours() { [ -f "$1" ] && [[ $(head -c 512 "$1" 2>/dev/null | tr -d '\0') == *"$marker"* ]]; }

if [ -e "$target" ] || [ -L "$target" ]; then
  if ! ours "$target"; then
    echo "kvm-manager: left $target as it is (not a KVM Manager checkout's command);" \
      "this checkout's is $root/scripts/kvm-manager"
    exit 0
  fi
fi
# Another kvm-manager anywhere on the PATH (the package's /usr/bin one comes after
# /usr/local/bin): it must stay the one that runs, so ours is not written, or is taken away.
while IFS= read -r found; do
  [ -n "$found" ] && [ "$found" != "$target" ] && ! ours "$found" || continue
  if ours "$target"; then
    rm -f "$target"
    echo "kvm-manager: removed $target, which hid $found"
  fi
  echo "kvm-manager: $found is the kvm-manager on the PATH and stays so;" \
    "this checkout's is $root/scripts/kvm-manager"
  exit 0
done < <(type -ap kvm-manager 2>/dev/null)
if ! mkdir -p "$dir" 2>/dev/null; then
  echo "kvm-manager: cannot make $dir; this checkout's command is $root/scripts/kvm-manager"
  exit 0
fi
tmp=$(mktemp "$dir/.kvm-manager.XXXXXX" 2>/dev/null) || {
  echo "kvm-manager: cannot write in $dir; this checkout's command is $root/scripts/kvm-manager"
  exit 0
}
printf '#!/bin/sh\n# %s: written by %s/scripts/install-cli.sh\nexec %q "$@"\n' \
  "$marker" "$root" "$root/scripts/kvm-manager" >"$tmp"
chmod 755 "$tmp"
mv -f "$tmp" "$target"
echo "kvm-manager: $target runs this checkout ($root)"
case ":$PATH:" in
*":$dir:"*) ;;
*) echo "kvm-manager: $dir is not on your PATH yet: log in again, or add it to PATH" ;;
esac
