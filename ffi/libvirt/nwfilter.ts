// The virNWFilter wrapper: one network filter (libvirt's per-NIC firewall rules), its XML and
// its removal. https://libvirt.org/html/libvirt-libvirt-nwfilter.html

import { check } from "./error.ts";
import { LibvirtHandle } from "./handle.ts";
import { lv } from "./library.ts";
import { takeChecked } from "./returned.ts";

/** One libvirt network filter reference. */
export class NWFilter extends LibvirtHandle {
  constructor(handle: Deno.PointerObject) {
    super(handle, "virNWFilterFree", true);
  }

  /** virNWFilterGetXMLDesc. */
  getXMLDesc(): string {
    return takeChecked(lv().virNWFilterGetXMLDesc(this.ptr, 0), "virNWFilterGetXMLDesc");
  }

  /** virNWFilterUndefine: refused while a NIC still references the filter. */
  undefine(): void {
    check(lv().virNWFilterUndefine(this.ptr), "virNWFilterUndefine");
  }
}
