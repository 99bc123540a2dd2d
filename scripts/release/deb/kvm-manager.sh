#!/bin/sh
# /usr/bin/kvm-manager from the Debian package: the server's bundle on the packaged Deno runtime.
# Deno keeps code caches in DENO_DIR, which it trusts: root's is /var/cache/kvm-manager (the
# unit's CacheDirectory), another user's under their own home; never a shared folder like /tmp.
export KVMM_SELF=/usr/bin/kvm-manager DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1
if [ "$(id -u)" = 0 ]; then
  export DENO_DIR=/var/cache/kvm-manager/deno
else
  export DENO_DIR="${XDG_CACHE_HOME:-${HOME:?HOME or XDG_CACHE_HOME must be set}/.cache}/kvm-manager/deno"
fi
exec /usr/lib/kvm-manager/deno run -A --no-config --no-lock @V8_FLAGS@ \
  /usr/lib/kvm-manager/dist/server.js "$@"
