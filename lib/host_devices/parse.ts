// libvirt's node device XML (https://libvirt.org/formatnode.html) made into the inventory's
// PCI and USB devices. Other capabilities (NICs, disks, SCSI hosts, the computer) are left out:
// they are not passed through as such.

import { parseXml, text, type XmlNode } from "../xml/parser.ts";
import type { HostDevice, MdevInstance, MdevType } from "../../shared/host_devices.ts";

const list = (x: unknown): XmlNode[] =>
  x === undefined || x === null ? [] : Array.isArray(x) ? x : [x as XmlNode];

const hex = (value: unknown, digits: number): string =>
  Number.parseInt(String(value ?? "0"), String(value).startsWith("0x") ? 16 : 10)
    .toString(16).padStart(digits, "0");

/** "0000:00:03.0" from an element with domain, bus, slot and function (attributes or children). */
export function pciAddress(node: XmlNode): string {
  const part = (key: string) => node[`@${key}`] ?? text(node[key]);
  return `${hex(part("domain"), 4)}:${hex(part("bus"), 2)}:${hex(part("slot"), 2)}.${
    hex(part("function"), 1)
  }`;
}

/** Four lower-case hex digits from "0x8086". */
const id4 = (node: unknown): string => hex((node as XmlNode)?.["@id"] ?? "0", 4);

const name = (node: unknown): string | null => {
  const t = text(node)?.trim();
  return t ? t : null;
};

/** One node device's XML, or null when it is not a PCI or USB device. */
export function parseNodeDevice(xml: string): HostDevice | null {
  const dev = parseXml(xml).device as XmlNode | undefined;
  if (!dev) return null;
  const caps = list(dev.capability);
  const pci = caps.find((c) => c["@type"] === "pci");
  const usb = caps.find((c) => c["@type"] === "usb_device");
  const cap = pci ?? usb;
  if (!cap) return null;
  const inner = list(cap.capability);
  const byType = (type: string) => inner.find((c) => c["@type"] === type);
  const group = cap.iommuGroup as XmlNode | undefined;
  const address = pci
    ? pciAddress(cap)
    : `${String(text(cap.bus) ?? "0").padStart(3, "0")}:${
      String(text(cap.device) ?? "0").padStart(3, "0")
    }`;
  const vfs = byType("virt_functions");
  const pf = byType("phys_function");
  const mdevTypes: MdevType[] = list(byType("mdev_types")?.type).map((t) => ({
    id: String(t["@id"]),
    name: name(t.name),
    deviceApi: name(t.deviceAPI),
    available: Number(text(t.availableInstances) ?? 0),
  }));
  const classCode = pci && text(cap.class) ? hex(text(cap.class), 6) : null;
  return {
    name: String(text(dev.name)),
    kind: pci ? "pci" : "usb",
    address,
    vendor: { id: id4(cap.vendor), name: name(cap.vendor) },
    product: { id: id4(cap.product), name: name(cap.product) },
    classCode,
    className: null,
    driver: name((dev.driver as XmlNode | undefined)?.name),
    iommuGroup: group ? Number(group["@number"]) : null,
    groupPeers: group ? list(group.address).map(pciAddress).filter((a) => a !== address) : [],
    hostUse: null,
    virtualFunctions: list(vfs?.address).map(pciAddress),
    maxVirtualFunctions: vfs?.["@maxCount"] !== undefined ? Number(vfs["@maxCount"]) : null,
    physicalFunction: pf ? list(pf.address).map(pciAddress)[0] ?? null : null,
    mdevTypes,
    parent: name(dev.parent),
  };
}

/** A mediated device instance's node device XML, or null when it is none. */
export function parseMdev(xml: string, active: boolean): MdevInstance | null {
  const dev = parseXml(xml).device as XmlNode | undefined;
  const cap = list(dev?.capability).find((c) => c["@type"] === "mdev");
  if (!dev || !cap) return null;
  return {
    name: String(text(dev.name)),
    uuid: String(text(cap.uuid) ?? "").toLowerCase(),
    type: String((cap.type as XmlNode | undefined)?.["@id"] ?? ""),
    parent: name(dev.parent),
    active,
  };
}
