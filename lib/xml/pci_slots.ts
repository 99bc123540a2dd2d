// Hot-plug room of a running VM, read from its live XML: the PCI slots that take a hot-plugged
// device and are free (https://libvirt.org/pci-hotplug.html, https://libvirt.org/pci-addresses.html).

import { parseXml, type XmlNode } from "./parser.ts";
import type { DiskBus } from "../../shared/vms.ts";

const ALL_SLOTS = Array.from({ length: 31 }, (_, i) => i + 1);

/**
 * The slots of each controller model a device can be hot-plugged into. A root port or a switch's
 * downstream port holds one device (slot 0); a conventional PCI bus has slots 1–31. pcie-root
 * takes no hot-plug at all; on the pc machine's pci-root slot 1 is the PIIX3 chipset's, always
 * taken, whether the XML shows it or not.
 */
const HOTPLUG_SLOTS: Record<string, number[]> = {
  "pcie-root-port": [0],
  "pcie-switch-downstream-port": [0],
  "pci-bridge": ALL_SLOTS,
  "pcie-to-pci-bridge": ALL_SLOTS,
  "pci-root": ALL_SLOTS.slice(1),
};

const list = (v: unknown): XmlNode[] =>
  v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v as XmlNode];

/** Every device element of `<devices>`, whatever its kind. */
function deviceNodes(devices: XmlNode): XmlNode[] {
  return Object.values(devices).flatMap((v) => list(v).filter((n) => typeof n === "object"));
}

/** The free hot-plug slots of a domain's (live) `<devices>`. */
function freeSlots(devices: XmlNode): number {
  const used = new Set<string>();
  for (const dev of deviceNodes(devices)) {
    // The guest-side address only: a hostdev's host address sits inside its <source>.
    for (const addr of list(dev.address)) {
      if (addr["@type"] !== "pci") continue;
      used.add(`${Number(addr["@bus"] ?? 0)}:${Number(addr["@slot"] ?? 0)}`);
    }
  }
  let free = 0;
  for (const c of list(devices.controller)) {
    if (c["@type"] !== "pci") continue;
    const slots = HOTPLUG_SLOTS[String(c["@model"])];
    if (!slots || list(c.target).some((t) => t["@hotplug"] === "off")) continue;
    const bus = Number(c["@index"] ?? 0);
    free += slots.filter((slot) => !used.has(`${bus}:${slot}`)).length;
  }
  return free;
}

const devicesOf = (xml: string): XmlNode => parseXml(xml).domain?.devices ?? {};

/** The free hot-plug slots of a domain's (live) XML. */
export function freeHotplugSlots(xml: string): number {
  return freeSlots(devicesOf(xml));
}

/**
 * A device to attach: a NIC, a disk on its bus, or a host device the guest sees on its PCI bus
 * (a PCI device, or a mediated device of the vfio-pci API).
 */
export type NewDevice = { nic: true } | { bus: DiskBus } | { pciHostdev: true };

/**
 * Whether `device` needs a PCI slot of its own in the VM of this (live) XML and none is free.
 * A NIC, a virtio disk and a PCI host device take one each; a SCSI disk goes on the VM's SCSI
 * controller, which libvirt adds, in a slot, when there is none; SATA disks share the chipset's
 * AHCI.
 */
export function lacksHotplugSlot(xml: string, device: NewDevice): boolean {
  const devices = devicesOf(xml);
  const takesSlot = "nic" in device || "pciHostdev" in device || device.bus === "virtio" ||
    (device.bus === "scsi" && !list(devices.controller).some((c) => c["@type"] === "scsi"));
  return takesSlot && freeSlots(devices) === 0;
}
