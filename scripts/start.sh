#!/usr/bin/env bash
# README command 1: installs what KVM Manager needs to run (Debian's libvirt client library,
# PAM for sign-in, npm, Deno from npm) when missing, builds the island bundles and starts the
# server. Extra arguments go to `kvm-manager serve`, e.g. --listen 0.0.0.0:8420 --connect URI
# (see `deno run -A main.ts serve --help`).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
ldconfig -p 2>/dev/null | grep -q 'libvirt\.so\.0 ' || missing+=(libvirt0)
ldconfig -p 2>/dev/null | grep -q 'libpam\.so\.0 ' || missing+=(libpam0g)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
[ -x node_modules/.bin/deno ] || npm ci --no-audit --no-fund
exec node_modules/.bin/deno task start "$@"
