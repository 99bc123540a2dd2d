// The virInterface wrapper: one of the host's network interfaces as libvirt's interface driver
// sees it (an Ethernet card, a bridge and its members), its name, state and XML.
// https://libvirt.org/html/libvirt-libvirt-interface.html

import { check } from "./error.ts";
import { LibvirtHandle } from "./handle.ts";
import { lv } from "./library.ts";
import { readChecked, takeChecked } from "./returned.ts";

/** One libvirt host interface reference. */
export class HostInterface extends LibvirtHandle {
  constructor(handle: Deno.PointerObject) {
    super(handle, "virInterfaceFree", true);
  }

  /** virInterfaceGetName (local, no RPC): "eth0". */
  getName(): string {
    return readChecked(lv().virInterfaceGetName(this.ptr), "virInterfaceGetName");
  }

  /** virInterfaceIsActive: whether the interface is up. */
  isActive(): boolean {
    return check(lv().virInterfaceIsActive(this.ptr), "virInterfaceIsActive") === 1;
  }

  /** virInterfaceGetXMLDesc: its live description (a bridge lists its member interfaces). */
  getXMLDesc(): string {
    return takeChecked(lv().virInterfaceGetXMLDesc(this.ptr, 0), "virInterfaceGetXMLDesc");
  }
}
