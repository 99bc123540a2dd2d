// Pure edits of existing domain XML and the device XML for attach/detach/update
// (https://libvirt.org/formatdomain.html). Everything not edited is kept as it was.

import { XMLBuilder } from "fast-xml-parser";
import type {
  BootDevice,
  DiskBus,
  DiskFormat,
  DisplayType,
  NicRate,
  NicVlan,
} from "../../shared/vms.ts";
import { vlanNode } from "./network_xml.ts";
import { setDisplayDevices } from "./display.ts";
import {
  attr,
  buildOrdered,
  child,
  childOrAppended,
  children,
  childrenNamed,
  element,
  type ONode,
  parseOrdered,
  removeChildren,
  rootElement,
  setAttr,
  tagOf,
} from "./ordered.ts";
import { t } from "../../shared/i18n/t.ts";

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@" });

function domainOf(doc: ONode[]): ONode {
  return rootElement(doc, "domain");
}

/** Sets `<os><boot dev>` order and `<bootmenu>`; per-device `<boot order>` is dropped. */
export function setBootOptions(
  xml: string,
  { order, menu }: { order?: BootDevice[]; menu?: boolean },
): string {
  const doc = parseOrdered(xml);
  const domain = domainOf(doc);
  const os = childOrAppended(domain, "os");
  if (order) {
    // libvirt refuses os-level and per-device boot order together.
    const devices = child(domain, "devices");
    for (const dev of devices ? children(devices) : []) {
      removeChildren(dev, (c) => tagOf(c) === "boot");
    }
    const kids = children(os);
    const at = kids.findIndex((c) => tagOf(c) === "boot");
    removeChildren(os, (c) => tagOf(c) === "boot");
    const insertAt = at >= 0 ? at : kids.findIndex((c) => tagOf(c) === "bootmenu");
    const boots = order.map((dev) => element("boot", { dev }));
    kids.splice(insertAt >= 0 ? insertAt : kids.length, 0, ...boots);
  }
  if (menu !== undefined) {
    removeChildren(os, (c) => tagOf(c) === "bootmenu");
    children(os).push(element("bootmenu", { enable: menu ? "yes" : "no" }));
  }
  return buildOrdered(doc);
}

/** Sets the console type (VNC or SPICE) and the clipboard channel; see display.ts. */
export function setDisplay(
  xml: string,
  change: { display?: DisplayType; clipboard?: boolean },
): string {
  const doc = parseOrdered(xml);
  const domain = domainOf(doc);
  const devices = childOrAppended(domain, "devices");
  setDisplayDevices(devices, change);
  return buildOrdered(doc);
}

/** The `<disk>` element XML with guest device `target`, or null. */
export function findDiskXml(xml: string, target: string): string | null {
  const devices = child(domainOf(parseOrdered(xml)), "devices");
  const disk = devices &&
    childrenNamed(devices, "disk").find((d) => {
      const t = child(d, "target");
      return t && attr(t, "dev") === target;
    });
  return disk ? buildOrdered([disk]) : null;
}

/** The `<interface>` element XML with this MAC address, or null. */
export function findInterfaceXml(xml: string, mac: string): string | null {
  const devices = child(domainOf(parseOrdered(xml)), "devices");
  const nic = devices &&
    childrenNamed(devices, "interface").find((i) => {
      const m = child(i, "mac");
      return m && attr(m, "address")?.toLowerCase() === mac.toLowerCase();
    });
  return nic ? buildOrdered([nic]) : null;
}

/** Guest device names in use (vda, sda …). */
export function diskTargets(xml: string): string[] {
  const devices = child(domainOf(parseOrdered(xml)), "devices");
  return (devices ? childrenNamed(devices, "disk") : [])
    .map((d) => child(d, "target"))
    .map((t) => (t ? attr(t, "dev") : undefined))
    .filter((t): t is string => !!t);
}

/** The first free device name for a bus: vdX for virtio, sdX for SATA and SCSI. */
export function nextTarget(used: string[], bus: DiskBus): string {
  const prefix = bus === "virtio" ? "vd" : "sd";
  for (let i = 0; i < 26; i++) {
    const name = prefix + String.fromCharCode(97 + i);
    if (!used.includes(name)) return name;
  }
  throw new Error(t("no free {{prefix}}* device name", { prefix }));
}

/** XML of a file-backed disk to attach. */
export function diskDeviceXml(
  { path, format, bus, target }: { path: string; format: DiskFormat; bus: DiskBus; target: string },
): string {
  return builder.build({
    disk: {
      "@type": "file",
      "@device": "disk",
      driver: { "@name": "qemu", "@type": format },
      source: { "@file": path },
      target: { "@dev": target, "@bus": bus },
    },
  }) as string;
}

/** XML of a CD-ROM with `path` inserted, or empty when `path` is null. */
export function cdromDeviceXml(
  { path, bus, target }: { path: string | null; bus: string; target: string },
): string {
  return builder.build({
    disk: {
      "@type": "file",
      "@device": "cdrom",
      driver: { "@name": "qemu", "@type": "raw" },
      ...(path ? { source: { "@file": path } } : {}),
      target: { "@dev": target, "@bus": bus },
      readonly: "",
    },
  }) as string;
}

/** XML of a NIC on a libvirt network. */
/** `T` as a checked request body has it: optional fields may be null. */
type Nullable<T> = { [K in keyof T]: undefined extends T[K] ? T[K] | null : T[K] };

export function interfaceDeviceXml(
  { network, model, mac, bandwidth, mtu, portgroup, vlan, filter }: {
    network: string;
    /** A network filter the NIC references (the VM's firewall). */
    filter?: string | null;
    model: string;
    mac?: string;
    portgroup?: string | null;
    vlan?: NicVlan | null;
    bandwidth?: { inbound?: Nullable<NicRate> | null; outbound?: Nullable<NicRate> | null } | null;
    mtu?: number | null;
  },
): string {
  const rate = (r: Nullable<NicRate> | null | undefined) =>
    r
      ? {
        "@average": String(r.averageKBps),
        ...(r.peakKBps ? { "@peak": String(r.peakKBps) } : {}),
        ...(r.burstKiB ? { "@burst": String(r.burstKiB) } : {}),
      }
      : undefined;
  return builder.build({
    interface: {
      "@type": "network",
      ...(mac ? { mac: { "@address": mac } } : {}),
      source: { "@network": network, ...(portgroup ? { "@portgroup": portgroup } : {}) },
      ...(vlan ? { vlan: vlanNode(vlan) } : {}),
      model: { "@type": model },
      ...(bandwidth && (bandwidth.inbound || bandwidth.outbound)
        ? {
          bandwidth: {
            ...(bandwidth.inbound ? { inbound: rate(bandwidth.inbound) } : {}),
            ...(bandwidth.outbound ? { outbound: rate(bandwidth.outbound) } : {}),
          },
        }
        : {}),
      ...(mtu ? { mtu: { "@size": String(mtu) } } : {}),
      ...(filter ? { filterref: { "@filter": filter } } : {}),
    },
  }) as string;
}

/**
 * The XML of a clone: new name, no UUID (libvirt makes one), no MACs (libvirt makes new
 * ones), each disk path replaced per `diskPaths`, no NVRAM path (a fresh one is made from the
 * template) and no live-only parts.
 */
export function cloneDomainXml(
  xml: string,
  { name, diskPaths }: { name: string; diskPaths: Map<string, string> },
): string {
  const doc = parseOrdered(xml);
  const domain = domainOf(doc);
  setAttr(domain, "id", undefined);
  removeChildren(domain, (c) => tagOf(c) === "uuid");
  const nameNode = child(domain, "name");
  if (nameNode) nameNode.name = [{ "#text": name }];
  const os = child(domain, "os");
  const nvram = os && child(os, "nvram");
  if (nvram) {
    nvram.nvram = [];
    setAttr(nvram, "template", attr(nvram, "template"));
  }
  const devices = child(domain, "devices");
  for (const dev of devices ? children(devices) : []) {
    const tag = tagOf(dev);
    if (tag === "interface") {
      removeChildren(dev, (c) => tagOf(c) === "mac" || tagOf(c) === "target");
    }
    if (tag === "disk") {
      const source = child(dev, "source");
      const file = source && attr(source, "file");
      if (file && diskPaths.has(file)) setAttr(source, "file", diskPaths.get(file));
    }
    if (tag === "graphics" && attr(dev, "autoport") === "yes") setAttr(dev, "port", undefined);
  }
  return buildOrdered(doc);
}

/** Name and UUID of a domain XML document (for import and the XML editor's checks). */
export function domainIdentity(xml: string): { name: string; uuid: string | null } {
  const domain = domainOf(parseOrdered(xml));
  const text = (tag: string) => {
    const node = child(domain, tag);
    return node ? children(node).map((c) => c["#text"] ?? "").join("").trim() : null;
  };
  return { name: text("name") ?? "", uuid: text("uuid") };
}

/** Sets the `<uuid>` of a domain document that has none (the editor keeps the VM's identity). */
export function withUuid(xml: string, uuid: string): string {
  const doc = parseOrdered(xml);
  const domain = domainOf(doc);
  if (child(domain, "uuid")) return xml;
  const kids = children(domain);
  const at = kids.findIndex((c) => tagOf(c) === "name");
  kids.splice(at + 1, 0, element("uuid", {}, uuid));
  return buildOrdered(doc);
}
