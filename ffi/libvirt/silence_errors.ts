// Silencing libvirt's default error handler, once per process from the main thread. Kept apart
// because it is process-wide state, unlike everything a LibvirtClient owns.

import { lv } from "./library.ts";

let errorsSilenced = false;

/**
 * Silences libvirt's default error handler, which prints every error to stderr (errors still
 * reach callers through virGetLastError). The handler is one per process and libvirt calls it
 * on any thread, so it belongs to the main thread, which outlives every worker: a handler made
 * by a worker that has stopped (a removed host's) aborts the process when libvirt calls it.
 */
export function silenceLibvirtErrors() {
  if (errorsSilenced) return;
  errorsSilenced = true;
  const quiet = Deno.UnsafeCallback.threadSafe(
    { parameters: ["pointer", "pointer"], result: "void" } as const,
    () => {},
  );
  // Never closed (libvirt may call it until the process ends); it must not keep the process up.
  quiet.unref();
  lv().virSetErrorFunc(null, quiet.pointer);
}
