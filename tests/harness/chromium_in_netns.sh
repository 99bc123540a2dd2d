#!/bin/sh
# The test Chromium, in a network namespace of its own: Playwright starts this as the browser
# (browser_server.ts), with the DevTools pipe on file descriptors 3 and 4, which exec keeps.
#
# Why: Chromium aborts every request in flight with net::ERR_NETWORK_CHANGED when an address
# changes in its namespace, and the guests' tests add taps, bridges and veths to the host's all
# the time; beside them, page loads failed after 30 s. Here Chromium sees only its own loopback.
# Its way to the tests' servers is a SOCKS proxy: netns_forwarder.ts listens on this loopback and
# carries the bytes to a unix socket (a path, which every namespace sees), where browser_server.ts
# serves the proxy in the host's namespace (socks_proxy.ts).
#
# Needs from the environment: KVMM_BROWSER_SOCKET (the proxy's socket), KVMM_DENO (deno),
# KVMM_CHROMIUM (the browser: browser.ts's CHROMIUM).
set -eu
if [ -z "${KVMM_BROWSER_NETNS:-}" ]; then
  KVMM_BROWSER_NETNS=1 exec unshare --net -- "$0" "$@"
fi
here=$(dirname "$0")
ip link set lo up
ready="$KVMM_BROWSER_SOCKET.ready.$$"
# The namespace is Chromium's alone, so any port is free.
port=1080
# $$ is this shell's pid, which exec hands to Chromium: the forwarder ends with it. It must not
# hold the DevTools pipe, or Playwright would not see Chromium end.
"$KVMM_DENO" run -A "$here/netns_forwarder.ts" "$port" "$KVMM_BROWSER_SOCKET" $$ "$ready" \
  3>&- 4>&- </dev/null >/dev/null 2>&1 &
tries=0
until [ -e "$ready" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 600 ]; then
    echo "chromium_in_netns.sh: the forwarder did not listen within 30 s" >&2
    exit 1
  fi
  sleep 0.05
done
rm -f "$ready"
# <-loopback> takes loopback off Chromium's own bypass list: without it, 127.0.0.1 would be
# this namespace's, where nothing listens.
exec "$KVMM_CHROMIUM" --proxy-server=socks5://127.0.0.1:$port --proxy-bypass-list='<-loopback>' "$@"
