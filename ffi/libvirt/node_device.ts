// The virNodeDevice wrapper: one host device libvirt knows (a PCI or USB device, a NIC, a disk),
// its name and its XML. https://libvirt.org/html/libvirt-libvirt-nodedev.html

import { checkPointer } from "./error.ts";
import { LibvirtHandle } from "./handle.ts";
import { lv, readString, takeString } from "./library.ts";

/** One libvirt node device reference. */
export class NodeDevice extends LibvirtHandle {
  constructor(handle: Deno.PointerObject) {
    super(handle, "virNodeDeviceFree", true);
  }

  /** virNodeDeviceGetName (local, no RPC): "pci_0000_00_03_0". */
  getName(): string {
    return readString(checkPointer(lv().virNodeDeviceGetName(this.ptr), "virNodeDeviceGetName"))!;
  }

  /** virNodeDeviceGetXMLDesc. */
  getXMLDesc(): string {
    return takeString(
      checkPointer(lv().virNodeDeviceGetXMLDesc(this.ptr, 0), "virNodeDeviceGetXMLDesc"),
    )!;
  }
}
