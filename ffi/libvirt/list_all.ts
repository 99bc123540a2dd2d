// The one way a libvirt "list all" call's answer is taken: a C array of references the caller
// owns. Each call keeps its own name for its error, so a failed listing says which one failed.

import { check } from "./error.ts";
import { outSlot, takeList } from "./library.ts";

/**
 * The objects `call` lists: it gets the out-parameter for the C array and answers libvirt's
 * count (-1 throws the thread's libvirt error as `what`). Each is wrapped (the caller then owns
 * and frees it) and the array itself is freed.
 */
export function listAll<T>(
  what: string,
  call: (out: BigUint64Array<ArrayBuffer>) => number,
  wrap: (p: Deno.PointerObject) => T,
): T[] {
  const out = outSlot();
  return takeList(out, check(call(out), what), wrap);
}
