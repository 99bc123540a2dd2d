// The virNetwork wrapper: one network reference.

import { check, checkPointer } from "./error.ts";
import { LibvirtHandle } from "./handle.ts";
import { lv, readString } from "./library.ts";

/** One libvirt virtual network reference. */
export class Network extends LibvirtHandle {
  constructor(handle: Deno.PointerObject) {
    super(handle, "virNetworkFree", true);
  }

  /** virNetworkGetName (local, no RPC). */
  getName(): string {
    return readString(checkPointer(lv().virNetworkGetName(this.ptr), "virNetworkGetName"))!;
  }

  /** virNetworkIsActive. */
  isActive(): boolean {
    return check(lv().virNetworkIsActive(this.ptr), "virNetworkIsActive") === 1;
  }
}
