// The virNodeDevice wrapper: one host device libvirt knows (a PCI or USB device, a NIC, a disk,
// a mediated device), its name, XML and state, and a mediated device's start, stop and removal. https://libvirt.org/html/libvirt-libvirt-nodedev.html

import { check } from "./error.ts";
import { LibvirtHandle } from "./handle.ts";
import { lv } from "./library.ts";
import { readChecked, takeChecked } from "./returned.ts";

/** One libvirt node device reference. */
export class NodeDevice extends LibvirtHandle {
  constructor(handle: Deno.PointerObject) {
    super(handle, "virNodeDeviceFree", true);
  }

  /** virNodeDeviceGetName (local, no RPC): "pci_0000_00_03_0". */
  getName(): string {
    return readChecked(lv().virNodeDeviceGetName(this.ptr), "virNodeDeviceGetName");
  }

  /** virNodeDeviceGetXMLDesc. */
  getXMLDesc(): string {
    return takeChecked(lv().virNodeDeviceGetXMLDesc(this.ptr, 0), "virNodeDeviceGetXMLDesc");
  }

  /** virNodeDeviceIsActive: a defined mediated device may be stopped. */
  isActive(): boolean {
    return check(lv().virNodeDeviceIsActive(this.ptr), "virNodeDeviceIsActive") === 1;
  }

  /** virNodeDeviceCreate: starts a defined (mediated) device. */
  create(): void {
    check(lv().virNodeDeviceCreate(this.ptr, 0), "virNodeDeviceCreate");
  }

  /** virNodeDeviceDestroy: stops a (mediated) device. */
  destroy(): void {
    check(lv().virNodeDeviceDestroy(this.ptr), "virNodeDeviceDestroy");
  }

  /** virNodeDeviceUndefine: forgets a defined (mediated) device. */
  undefine(): void {
    check(lv().virNodeDeviceUndefine(this.ptr, 0), "virNodeDeviceUndefine");
  }
}
