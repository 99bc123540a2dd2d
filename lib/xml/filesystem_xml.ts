// Shared folders in domain XML: the `<filesystem>` element of a virtiofs share and the shared
// memory virtiofs needs (https://libvirt.org/kbase/virtiofs.html). Pure; fast-xml-parser objects.

import { xmlBuilder } from "./builder.ts";
import { parseXml, type XmlNode } from "./parser.ts";
import { buildOrdered, child, children, element, parseOrdered, rootElement } from "./ordered.ts";
import { attr, childOrAppended, removeChildren, tagOf } from "./ordered.ts";
import type { VmFilesystem } from "../../shared/filesystems.ts";

/** The name the read-only helper is installed under (lib/filesystems/virtiofsd.ts). */
export const READONLY_HELPER_NAME = "virtiofsd-readonly";

export interface FilesystemSpec {
  source: string;
  tag: string;
  /** `<readonly/>`: libvirt 9 refuses it for virtiofs; see lib/filesystems/virtiofsd.ts. */
  readonlyElement?: boolean;
  /** The virtiofsd libvirt runs; none lets libvirt pick from /usr/share/qemu/vhost-user. */
  binary?: string | null;
}

/** The `<filesystem>` device of a virtiofs share. */
export function filesystemXml(spec: FilesystemSpec): string {
  return xmlBuilder.build({
    filesystem: {
      "@type": "mount",
      "@accessmode": "passthrough",
      driver: { "@type": "virtiofs", "@queue": "1024" },
      ...(spec.binary ? { binary: { "@path": spec.binary } } : {}),
      source: { "@dir": spec.source },
      target: { "@dir": spec.tag },
      ...(spec.readonlyElement ? { readonly: "" } : {}),
    },
  }) as string;
}

const list = (x: unknown): XmlNode[] =>
  x === undefined || x === null ? [] : Array.isArray(x) ? x : [x as XmlNode];

/** The mount-type shared folders a domain's XML holds, each with its element. */
export function domainFilesystems(xml: string): (VmFilesystem & { element: XmlNode })[] {
  const domain = parseXml(xml).domain as XmlNode | undefined;
  const out: (VmFilesystem & { element: XmlNode })[] = [];
  for (const fs of list(domain?.devices?.filesystem)) {
    if ((fs["@type"] ?? "mount") !== "mount") continue;
    const binary = String(fs.binary?.["@path"] ?? "");
    out.push({
      tag: String(fs.target?.["@dir"] ?? ""),
      source: String(fs.source?.["@dir"] ?? ""),
      readOnly: fs.readonly !== undefined ||
        binary.split("/").pop() === READONLY_HELPER_NAME,
      driver: String(fs.driver?.["@type"] ?? "path"),
      element: fs,
    });
  }
  return out;
}

/** The XML of one device element as domainFilesystems read it (to detach it). */
export function filesystemElementXml(element: XmlNode): string {
  return xmlBuilder.build({ filesystem: element }) as string;
}

/** Whether the guest's memory is shared with other processes, as vhost-user devices need. */
export function hasSharedMemory(xml: string): boolean {
  const domain = parseXml(xml).domain as XmlNode | undefined;
  return domain?.memoryBacking?.access?.["@mode"] === "shared";
}

/**
 * The domain with `<memoryBacking><source type='memfd'/><access mode='shared'/>`: its other
 * backing settings (hugepages …) kept, a file or memfd source kept, otherwise memfd.
 */
export function withSharedMemory(xml: string): string {
  const doc = parseOrdered(xml);
  const domain = rootElement(doc, "domain");
  let backing = child(domain, "memoryBacking");
  if (!backing) {
    backing = element("memoryBacking");
    const kids = children(domain);
    // After the memory elements, where libvirt writes it.
    const after = ["currentMemory", "memory", "maxMemory"].map((tag) =>
      kids.findIndex((c) => tagOf(c) === tag)
    ).reduce((a, b) => Math.max(a, b), -1);
    kids.splice(after + 1, 0, backing);
  }
  const source = child(backing, "source");
  if (!source) children(backing).push(element("source", { type: "memfd" }));
  else if (!["memfd", "file"].includes(attr(source, "type") ?? "")) {
    removeChildren(backing, (c) => tagOf(c) === "source");
    children(backing).push(element("source", { type: "memfd" }));
  }
  removeChildren(backing, (c) => tagOf(c) === "access");
  children(backing).push(element("access", { mode: "shared" }));
  return buildOrdered(doc);
}

/** The domain with `<filesystem>` device `fsXml` added to its devices. */
export function withFilesystem(xml: string, fsXml: string): string {
  const doc = parseOrdered(xml);
  const domain = rootElement(doc, "domain");
  const devices = childOrAppended(domain, "devices");
  const device = rootElement(parseOrdered(fsXml), "filesystem");
  const kids = children(devices);
  // Beside the other shared folders, else before the first device libvirt lists after them.
  const last = kids.map((c) => tagOf(c)).lastIndexOf("filesystem");
  const later = ["interface", "smartcard", "serial", "parallel", "console", "channel", "input"];
  const next = kids.findIndex((c) => later.includes(tagOf(c) ?? ""));
  kids.splice(last >= 0 ? last + 1 : next >= 0 ? next : kids.length, 0, device);
  return buildOrdered(doc);
}

/** The domain without the mount-type `<filesystem>` whose target is `tag`; null when none is. */
export function withoutFilesystem(xml: string, tag: string): string | null {
  const doc = parseOrdered(xml);
  const devices = child(rootElement(doc, "domain"), "devices");
  if (!devices) return null;
  const removed = removeChildren(
    devices,
    (c) =>
      tagOf(c) === "filesystem" && (attr(c, "type") ?? "mount") === "mount" &&
      attr(child(c, "target") ?? {}, "dir") === tag,
  );
  return removed ? buildOrdered(doc) : null;
}
