// Silencing libvirt's default error handler, once per isolate that uses libvirt. Kept apart
// because it is process-wide state, unlike everything a LibvirtClient owns.

import { libvirtFunction, lv } from "./library.ts";

let errorsSilenced = false;

/**
 * Silences libvirt's default error handler, which prints every error to stderr (errors still
 * reach callers through virGetLastError). The handler is one per process and libvirt calls it on
 * whichever thread an API call fails, so it is a C function, not a JavaScript callback: a
 * callback would make every failing call on another thread wait for this isolate's turn, and
 * once this isolate is gone (a test file's, a stopped worker's) calling it crashes the process.
 * libvirt's own virResetError does nothing with the NULL userData it is called with.
 */
export function silenceLibvirtErrors() {
  if (errorsSilenced) return;
  errorsSilenced = true;
  const noop = libvirtFunction("virResetError");
  if (!noop) throw new Error("virResetError not found in libvirt");
  lv().virSetErrorFunc(null, noop);
}
