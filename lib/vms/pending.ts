// Changes waiting for a running VM's next boot: its live definition compared with the persistent
// one (VIR_DOMAIN_XML_INACTIVE), field by field, for what the Hardware tab and the XML editor
// can change while it runs (https://libvirt.org/formatdomain.html).

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { XmlFlags } from "../../ffi/libvirt/domain.ts";
import type { PendingChange, PendingField, PendingValue } from "../../shared/vms.ts";
import { displayOf } from "../../shared/display.ts";
import { parseXml, type XmlNode } from "../xml/parser.ts";
import { type DomainXmlInfo, domainXmlInfo } from "../xml/domain_parse.ts";

/** The parts of one definition that are compared. */
export interface BootView {
  info: DomainXmlInfo;
  /** Host devices by a key of their source: "pci 0000:01:00.0", "usb 046d:c52b", "mdev UUID". */
  hostdevs: string[];
  /** Shared folders by tag: the host folder. */
  filesystems: Map<string, string>;
}

/** One parse of a domain document into what the comparison reads. Throws on malformed XML. */
export function bootView(xml: string): BootView {
  const doc = parseXml(xml);
  return {
    info: domainXmlInfo(doc),
    hostdevs: hostdevKeys(doc.domain?.devices?.hostdev),
    filesystems: filesystemMap(doc.domain?.devices?.filesystem),
  };
}

function filesystemMap(nodes: XmlNode | XmlNode[] | undefined): Map<string, string> {
  const list = nodes === undefined ? [] : Array.isArray(nodes) ? nodes : [nodes];
  return new Map(
    list.filter((fs) => (fs["@type"] ?? "mount") === "mount")
      .map((fs) => [String(fs.target?.["@dir"] ?? ""), String(fs.source?.["@dir"] ?? "")]),
  );
}

function hostdevKeys(nodes: XmlNode[] | undefined): string[] {
  const keys: string[] = [];
  for (const h of nodes ?? []) {
    const src: XmlNode = h.source ?? {};
    const a: XmlNode = src.address ?? {};
    const type = String(h["@type"] ?? "");
    if (type === "pci") {
      const hex = (v: unknown, n: number) =>
        parseInt(String(v ?? "0"), 16).toString(16).padStart(n, "0");
      keys.push(
        `pci ${hex(a["@domain"], 4)}:${hex(a["@bus"], 2)}:${hex(a["@slot"], 2)}.${
          parseInt(String(a["@function"] ?? "0"), 16)
        }`,
      );
    } else if (type === "usb") {
      const id = (n: XmlNode | undefined) => String(n?.["@id"] ?? "").replace(/^0x/i, "");
      keys.push(
        src.vendor
          ? `usb ${id(src.vendor)}:${id(src.product)}`
          : `usb ${a["@bus"] ?? ""}.${a["@device"] ?? ""}`,
      );
    } else if (type === "mdev") {
      keys.push(`mdev ${String(a["@uuid"] ?? "").toLowerCase()}`);
    } else {
      keys.push(type || "hostdev");
    }
  }
  return keys.sort();
}

const same = (a: PendingValue, b: PendingValue) =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((x, i) => x === b[i])
    : a === b;

/** The settings that differ between what runs (`live`) and the next boot (`next`), in a fixed order. */
export function pendingBetween(live: BootView, next: BootView): PendingChange[] {
  const out: PendingChange[] = [];
  const field = (name: PendingField, a: PendingValue, b: PendingValue) => {
    if (!same(a, b)) out.push({ field: name, live: a, next: b });
  };
  const l = live.info;
  const n = next.info;
  field("cpuCount", l.vcpus, n.vcpus);
  field("maxCpuCount", l.maxVcpus, n.maxVcpus);
  field("memoryMb", l.memoryMb, n.memoryMb);
  field("currentMemoryMb", l.currentMemoryMb, n.currentMemoryMb);
  // A definition without a machine gets the default one when it starts: no change to tell.
  if (l.machine && n.machine) field("machine", l.machine, n.machine);
  field("firmware", l.firmware, n.firmware);
  field("secureBoot", l.secureBoot, n.secureBoot);
  field("tpm", l.tpm, n.tpm);
  field("bootOrder", l.bootOrder, n.bootOrder);
  field("bootMenu", l.bootMenu, n.bootMenu);
  field("display", displayOf(l.graphics), displayOf(n.graphics));
  field("clipboard", l.clipboard, n.clipboard);
  devices(out, "disk", diskMap(l), diskMap(n));
  devices(out, "nic", nicMap(l), nicMap(n));
  const hostdevs = (keys: string[]) => new Map(keys.map((k) => [k, k]));
  devices(out, "hostdev", hostdevs(live.hostdevs), hostdevs(next.hostdevs));
  devices(out, "filesystem", live.filesystems, next.filesystems);
  return out;
}

/** A running VM's pending changes from its live and persistent XML. Throws on malformed XML. */
export function pendingChanges(liveXml: string, nextXml: string): PendingChange[] {
  return pendingBetween(bootView(liveXml), bootView(nextXml));
}

// Disks by target: the source path, "" for an empty drive (a CD-ROM without a disc).
function diskMap(info: DomainXmlInfo): Map<string, string> {
  return new Map(info.disks.map((d) => [d.target, d.path ?? ""]));
}

// NICs by MAC: the network (bridge, device) they are on, and their model where named.
function nicMap(info: DomainXmlInfo): Map<string, string> {
  return new Map(
    info.networkInterfaces.map((i) => [
      i.mac.toLowerCase(),
      i.model ? `${i.network} (${i.model})` : i.network,
    ]),
  );
}

function devices(
  out: PendingChange[],
  field: "disk" | "nic" | "hostdev" | "filesystem",
  live: Map<string, string>,
  next: Map<string, string>,
) {
  const keys = [...new Set([...live.keys(), ...next.keys()])].sort();
  for (const device of keys) {
    const a = live.get(device) ?? null;
    const b = next.get(device) ?? null;
    if (a !== b) out.push({ field, device, live: a, next: b });
  }
}

/**
 * A running, persistent VM's pending changes: both definitions read and compared. A stopped or
 * transient VM has none (it has one definition). Throws what libvirt throws.
 */
export async function domainPending(
  { client, id }: { client: Pick<LibvirtClient, "call">; id: string },
): Promise<PendingChange[]> {
  const live = await client.call("domainXml", id, 0);
  const next = await client.call("domainXml", id, XmlFlags.INACTIVE);
  return pendingChanges(live, next);
}
