// A multifunction device's functions given to a VM together: in the guest, as in the host, one
// slot with functions 0, 1 … (a GPU and its audio function, say), behind a new PCI port of their
// own — a `pcie-root-port` on q35, a `pci-bridge` on the older pc machine. Only in a VM's
// definition (next boot): QEMU does not hot-plug a multifunction slot.
// https://libvirt.org/formatdomain.html#controllers, #device-addresses

import { xmlBuilder } from "../xml/builder.ts";
import { parseXml, type XmlNode } from "../xml/parser.ts";
import type { HostDevice } from "../../shared/host_devices.ts";

/** Where one function goes in the guest. */
export interface GuestSlot {
  /** The new port's controller index, which is the guest bus number behind it. */
  bus: number;
  slot: number;
  fn: number;
  /** Set on function 0: the slot holds several functions. */
  multifunction: boolean;
}

/** The port's controller and each member's place; null when fewer than two share a host slot. */
export interface MultifunctionPlan {
  controllerXml: string;
  places: Map<string, GuestSlot>;
}

const hostSlot = (address: string) => address.slice(0, address.lastIndexOf("."));
const hostFn = (address: string) => parseInt(address.slice(address.lastIndexOf(".") + 1), 16);
const list = (x: unknown): XmlNode[] =>
  x === undefined || x === null ? [] : Array.isArray(x) ? x : [x as XmlNode];

/**
 * The plan for `members` (PCI devices given together) in the VM of `domainXml`: the functions
 * of the host slot with the most of them, in the host's order, as functions 0, 1 … of one guest
 * slot behind a new port. The other members keep libvirt's own placement.
 */
export function multifunctionPlan(
  domainXml: string,
  members: HostDevice[],
): MultifunctionPlan | null {
  const bySlot = new Map<string, HostDevice[]>();
  for (const m of members.filter((m) => m.kind === "pci")) {
    bySlot.set(hostSlot(m.address), [...bySlot.get(hostSlot(m.address)) ?? [], m]);
  }
  const functions = [...bySlot.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  if (functions.length < 2) return null;
  functions.sort((a, b) => hostFn(a.address) - hostFn(b.address));

  const domain = (parseXml(domainXml).domain ?? {}) as XmlNode;
  const machine = String(domain.os?.type?.["@machine"] ?? "");
  const q35 = machine.includes("q35");
  const pci = list(domain.devices?.controller).filter((c) => c["@type"] === "pci");
  const numbers = (read: (c: XmlNode) => unknown) =>
    pci.map((c) => Number(read(c))).filter((n) => Number.isFinite(n));
  const bus = Math.max(0, ...numbers((c) => c["@index"])) + 1;
  // libvirt fills a new controller's model name and numbers only when a whole domain is
  // defined; one added to a definition must bring them: a bridge's chassis, a root port's
  // chassis and port (after the ports taken).
  const model = q35 ? "pcie-root-port" : "pci-bridge";
  const port = Math.max(0x0f, ...numbers((c) => c.target?.["@port"])) + 1;
  const controllerXml = xmlBuilder.build({
    controller: {
      "@type": "pci",
      "@index": String(bus),
      "@model": model,
      model: { "@name": model },
      target: q35
        ? { "@chassis": String(bus), "@port": `0x${port.toString(16)}` }
        : { "@chassisNr": String(bus) },
    },
  }) as string;
  // A pcie-root-port has one slot (0); a pci-bridge's slot 0 is its own.
  const slot = q35 ? 0 : 1;
  const places = new Map(
    functions.map((d, fn) => [d.address, { bus, slot, fn, multifunction: fn === 0 }]),
  );
  return { controllerXml, places };
}

/** The guest `<address>` of a placed function. */
export function guestAddress(place: GuestSlot): XmlNode {
  const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, "0")}`;
  return {
    "@type": "pci",
    "@domain": "0x0000",
    "@bus": hex(place.bus, 2),
    "@slot": hex(place.slot, 2),
    "@function": hex(place.fn, 1),
    ...(place.multifunction ? { "@multifunction": "on" } : {}),
  };
}
