#!/usr/bin/env bash
# README command 1: installs what KVM Manager needs to run (Debian's libvirt client library,
# PAM for sign-in, npm, Deno from npm) when missing, builds the island bundles and the server
# bundle, puts a `kvm-manager` command on the PATH (scripts/install-cli.sh) and starts the server
# in the foreground. Extra arguments go to `kvm-manager serve`, e.g. --listen 0.0.0.0:8420
# --connect URI (see `kvm-manager serve --help`).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The library cache is read once into a variable and matched by bash itself: `ldconfig -p |
# grep -q` under pipefail fails now and then (grep quits at the first match, ldconfig then
# dies of SIGPIPE), which read as "missing" and ran apt-get for nothing.
libs=$(ldconfig -p 2>/dev/null || true)
has_lib() { [[ $libs == *"$1 ("* ]]; }
missing=()
has_lib libvirt.so.0 || missing+=(libvirt0)
has_lib libpam.so.0 || missing+=(libpam0g)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
[ -x node_modules/.bin/deno ] || npm ci --no-audit --no-fund
# Deno's binary comes in an optional npm package (@deno/linux-x64-glibc): one npm could not
# fetch leaves `npm ci` successful and Deno missing.
if [ ! -x node_modules/.bin/deno ]; then
  echo "start.sh: npm installed no Deno (node_modules/.bin/deno is missing): npm could not fetch the deno package's binary for this machine; check npm's registry access (npm config get registry) and run npm ci again" >&2
  exit 1
fi
deno=node_modules/.bin/deno
# What `deno task start` does, with the server exec'd in this shell's place: under `deno task` the
# task runner stays as its parent and holds some 24 MiB more for nothing.
"$deno" run -A scripts/build.ts
"$deno" run -A scripts/bundle_server.ts
# `kvm-manager` on the PATH, running this build (never over another kvm-manager: see the script).
bash scripts/install-cli.sh || true
exec "$deno" run -A --v8-flags=--max-semi-space-size=1 --unstable-net dist/server.js serve "$@"
