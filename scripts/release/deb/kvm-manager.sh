#!/bin/sh
# /usr/bin/kvm-manager from the Debian package: the server's bundle on the packaged Deno runtime.
export KVMM_SELF=/usr/bin/kvm-manager DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1
export DENO_DIR="${DENO_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/kvm-manager/deno}"
exec /usr/lib/kvm-manager/deno run -A --no-config --no-lock @V8_FLAGS@ \
  /usr/lib/kvm-manager/dist/server.js "$@"
