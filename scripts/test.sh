#!/usr/bin/env bash
# README command 2 (for developers; not needed to use the program): installs and starts everything the tests need (libvirtd + virtlogd, QEMU,
# Chromium, a guest kernel and busybox; Deno from npm), then runs every test tier:
# unit, test-driver integration, real QEMU and browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
command -v npm >/dev/null 2>&1 || {
  apt-get install -y -qq npm
}
[ -x node_modules/.bin/deno ] || npm ci --no-audit --no-fund
if [ ! -x node_modules/.bin/deno ]; then
  echo "test.sh: npm installed no Deno (node_modules/.bin/deno is missing): npm could not fetch the deno package's binary for this machine; check npm's registry access and run npm ci again" >&2
  exit 1
fi
# Every module and npm package the program loads, cached before any test runs it: on a new machine
# the first `deno run main.ts` of a test would else fetch packages mid-test and draw Deno's download
# bar on that test's terminal (`cli_top`, ci30).
node_modules/.bin/deno install --entrypoint main.ts
# The whole suite runs in three lanes at once, after the files that must run alone, which run
# beside those that talk to no libvirtd (scripts/test_lanes.ts says which and why): about 30
# minutes on CI's 2-core machine, where one file after another takes 55. KVMM_TEST_LANES=0 runs
# the files one after another instead. Named files always run one after another.
if [ "${KVMM_TEST_LANES:-1}" = 1 ]; then
  for arg in "$@"; do
    case "$arg" in
      -*) ;;
      *) exec node_modules/.bin/deno task test "$@" ;;
    esac
  done
  exec node_modules/.bin/deno run -A scripts/test_lanes.ts "$@"
fi
exec node_modules/.bin/deno task test "$@"
