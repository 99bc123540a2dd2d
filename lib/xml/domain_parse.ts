// Pure parsing of libvirt domain XML into the API's shapes (https://libvirt.org/formatdomain.html).

import type { Disk, Graphics, NetworkInterface, NicRate, VmPlatform } from "../../shared/vms.ts";
import { parseXml, text, type XmlNode } from "./parser.ts";
import { t } from "../../shared/i18n/t.ts";
import { vlanOf } from "./network_xml.ts";
import { hasClipboardChannel } from "./display.ts";
import type { StartupOrder } from "../../shared/startup.ts";
import { startupOf } from "./startup_metadata.ts";
import { markedProtected } from "./kvmm_metadata.ts";

export { KVMM_NAMESPACE } from "./kvmm_metadata.ts";

/** What the domain XML says, before live sizes and state are added. */
export interface DomainXmlInfo extends VmPlatform {
  name: string;
  uuid: string;
  title?: string;
  description?: string;
  memoryMb: number;
  currentMemoryMb: number;
  vcpus: number;
  /** The `<vcpu>` maximum: how far vCPUs can be hot-plugged. */
  maxVcpus: number;
  osType?: string;
  osVariant?: string;
  createdAt?: number;
  /** Our metadata's protection mark (lib/xml/protection.ts): delete is refused while set. */
  protected?: true;
  /** Its boot order (lib/startup/), when it has one. */
  startup?: StartupOrder;
  disks: Omit<Disk, "sizeBytes" | "allocationBytes">[];
  networkInterfaces: NetworkInterface[];
  graphics: Graphics[];
}

const UNIT_BYTES: Record<string, number> = {
  b: 1,
  bytes: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  tb: 1000 ** 4,
};

/** A libvirt `<memory unit=...>` value in MiB (libvirt's default unit is KiB). */
export function memoryMb(node: unknown): number {
  const value = Number(text(node) ?? 0);
  const unit = (typeof node === "object" && node !== null ? (node as XmlNode)["@unit"] : null) ??
    "KiB";
  return Math.round(value * (UNIT_BYTES[String(unit).toLowerCase()] ?? 1024) / 1024 ** 2);
}

/**
 * Parses a domain XML document. Throws on malformed XML or a missing `<domain>`. Its protection
 * is read namespace-aware, as libvirt stores it (kvmm_metadata.ts).
 */
export function parseDomainXml(xml: string): DomainXmlInfo {
  const info = domainXmlInfo(parseXml(xml));
  if (info.protected && !markedProtected(xml)) delete info.protected;
  return info;
}

/** What a parsed domain document (parser.ts parseXml) says. Throws on a missing `<domain>`. */
export function domainXmlInfo(doc: XmlNode): DomainXmlInfo {
  const dom: XmlNode = doc.domain;
  if (!dom || typeof dom !== "object") {
    throw new Error(t("not a libvirt {{tag}} XML document", { tag: "domain" }));
  }
  const devices: XmlNode = dom.devices ?? {};
  const osTypeNode = dom.os?.type;
  const vcpu = dom.vcpu;
  const meta = parseMetadata(dom.metadata);
  return {
    name: text(dom.name) ?? "",
    uuid: text(dom.uuid) ?? "",
    title: text(dom.title) || undefined,
    description: text(dom.description) || undefined,
    memoryMb: memoryMb(dom.memory),
    currentMemoryMb: dom.currentMemory ? memoryMb(dom.currentMemory) : memoryMb(dom.memory),
    vcpus: Number((typeof vcpu === "object" ? vcpu?.["@current"] : undefined) ?? text(vcpu) ?? 1),
    maxVcpus: Number(text(vcpu) ?? 1),
    ...meta,
    machine: osTypeNode?.["@machine"] ?? null,
    arch: osTypeNode?.["@arch"] ?? null,
    emulator: text(devices.emulator) ?? null,
    ...parseOs(dom.os ?? {}),
    tpm: devices.tpm !== undefined,
    clipboard: hasClipboardChannel(devices.channel),
    disks: (devices.disk ?? []).map(parseDisk),
    networkInterfaces: (devices.interface ?? []).map(parseInterface),
    graphics: (devices.graphics ?? []).map(parseGraphics),
  };
}

function parseOs(os: XmlNode) {
  const loader = os.loader;
  const features: XmlNode[] = os.firmware?.feature ?? [];
  const uefi = os["@firmware"] === "efi" ||
    /OVMF|edk2|ovmf/.test(text(loader) ?? "") || loader?.["@type"] === "pflash";
  return {
    bootOrder: (os.boot ?? []).map((b: XmlNode) => String(b["@dev"] ?? "")).filter(Boolean),
    bootMenu: os.bootmenu?.["@enable"] === "yes",
    firmware: uefi ? "uefi" as const : "bios" as const,
    secureBoot: loader?.["@secure"] === "yes" ||
      features.some((f) => f["@name"] === "secure-boot" && f["@enabled"] === "yes"),
  };
}

function parseDisk(d: XmlNode): DomainXmlInfo["disks"][number] {
  const src = d.source ?? {};
  return {
    target: d.target?.["@dev"] ?? "",
    device: d["@device"] ?? "disk",
    bus: d.target?.["@bus"] ?? null,
    path: src["@file"] ?? src["@dev"] ??
      (src["@pool"] && src["@volume"] ? `${src["@pool"]}/${src["@volume"]}` : null),
    format: d.driver?.["@type"] ?? null,
  };
}

function parseInterface(i: XmlNode): NetworkInterface {
  const src = i.source ?? {};
  // A running VM's live XML names the bridge a network NIC landed on (type='bridge' or
  // 'direct', the network still in its source): the NIC is on the network all the same.
  const type = src["@network"] ? "network" : i["@type"] ?? "unknown";
  return {
    mac: i.mac?.["@address"] ?? "",
    network: src["@network"] ?? src["@bridge"] ?? src["@dev"] ?? type,
    type,
    ...(src["@portgroup"] ? { portgroup: String(src["@portgroup"]) } : {}),
    model: i.model?.["@type"] ?? null,
    ...nicOptions(i),
  };
}

/** A NIC's VLAN tags, bandwidth limits and MTU, where its XML has them. */
function nicOptions(i: XmlNode): Pick<NetworkInterface, "vlan" | "bandwidth" | "mtu"> {
  const out: Pick<NetworkInterface, "vlan" | "bandwidth" | "mtu"> = {};
  const vlan = vlanOf(i.vlan);
  if (vlan) out.vlan = vlan;
  const rate = (r: XmlNode | undefined): NicRate | undefined =>
    r?.["@average"] === undefined ? undefined : {
      averageKBps: Number(r["@average"]),
      ...(r["@peak"] !== undefined ? { peakKBps: Number(r["@peak"]) } : {}),
      ...(r["@burst"] !== undefined ? { burstKiB: Number(r["@burst"]) } : {}),
    };
  const inbound = rate(i.bandwidth?.inbound);
  const outbound = rate(i.bandwidth?.outbound);
  if (inbound || outbound) {
    out.bandwidth = { ...(inbound ? { inbound } : {}), ...(outbound ? { outbound } : {}) };
  }
  if (i.mtu?.["@size"] !== undefined) out.mtu = Number(i.mtu["@size"]);
  return out;
}

function parseGraphics(g: XmlNode): Graphics {
  const port = Number(g["@port"]);
  const listenAttr = g["@listen"] ?? g.listen?.find((l: XmlNode) => l["@address"])?.["@address"];
  // A UNIX socket: `<graphics socket=…>`, or `<listen type='socket' socket=…>` (libvirt names
  // one of its own when none is given, in the live XML).
  const socket = g["@socket"] ??
    g.listen?.find((l: XmlNode) => l["@type"] === "socket" && l["@socket"])?.["@socket"];
  return {
    type: g["@type"] ?? "unknown",
    port: Number.isInteger(port) && port > 0 ? port : null,
    listen: listenAttr ?? null,
    autoport: g["@autoport"] === "yes",
    socket: socket ?? null,
  };
}

/**
 * OS type and variant from our own metadata, else from libosinfo's
 * (`<libosinfo:os id="http://ubuntu.com/ubuntu/22.04"/>` → "ubuntu22.04").
 */
function parseMetadata(meta: XmlNode | undefined): Partial<DomainXmlInfo> {
  if (!meta || typeof meta !== "object") return {};
  // Another program's <vm> in its own namespace makes a list (the parser drops prefixes): ours
  // is the one with our children. Protection counts wherever it is here (a superset, failing
  // closed); parseDomainXml then keeps it only where libvirt keeps it (kvmm_metadata.ts).
  const vms: XmlNode[] = (Array.isArray(meta.vm) ? meta.vm : [meta.vm])
    .filter((v: unknown) => v && typeof v === "object");
  const ours: XmlNode | undefined = vms.find((v) => v.os || v.created) ?? vms[0];
  const out: Partial<DomainXmlInfo> = {};
  if (ours && typeof ours === "object") {
    out.osType = ours.os?.["@type"] || undefined;
    out.osVariant = ours.os?.["@variant"] || undefined;
    const created = Date.parse(text(ours.created) ?? "");
    if (!Number.isNaN(created)) out.createdAt = Math.floor(created / 1000);
  }
  if (vms.some((v) => v.protected !== undefined)) out.protected = true;
  const startup = startupOf(meta);
  if (startup) out.startup = startup;
  const osinfoId: string | undefined = meta.libosinfo?.os?.["@id"];
  if (osinfoId) {
    const parts = osinfoId.replace(/^[a-z]+:\/\//, "").split("/").filter(Boolean);
    out.osVariant ??= parts.slice(-2).join("").replace(/^win(?:dows)?/, "win") || undefined;
    out.osType ??= /microsoft\.com/.test(osinfoId) ? "windows" : "linux";
  }
  return out;
}
