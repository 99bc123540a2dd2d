// Pure XML of a disk move: the disk a block copy writes to, and the domain definition whose disk
// now names the new volume (https://libvirt.org/formatdomain.html#hard-drives-floppy-disks-cdroms).

import { XMLBuilder } from "fast-xml-parser";
import {
  attr,
  buildOrdered,
  child,
  children,
  childrenNamed,
  element,
  parseOrdered,
  removeChildren,
  rootElement,
  setAttr,
  tagOf,
} from "../../xml/ordered.ts";

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@" });

/** The `<disk>` virDomainBlockCopy copies into: a file of `format` at `path`. */
export function copyDestXml(path: string, format: "qcow2" | "raw"): string {
  return builder.build({
    disk: { "@type": "file", driver: { "@type": format }, source: { "@file": path } },
  }) as string;
}

/**
 * `domainXml` with disk `target` moved to the file `path` in `format`: its source, its driver's
 * type and its type (file); a `<backingStore>` (of the old image) dropped. Everything else kept.
 * Null when the domain has no disk `target`.
 */
export function withMovedDisk(
  domainXml: string,
  target: string,
  { path, format }: { path: string; format: "qcow2" | "raw" },
): string | null {
  const doc = parseOrdered(domainXml);
  const devices = child(rootElement(doc, "domain"), "devices");
  const disk = devices && childrenNamed(devices, "disk").find((d) => {
    const t = child(d, "target");
    return t !== undefined && attr(t, "dev") === target;
  });
  if (!disk) return null;
  setAttr(disk, "type", "file");
  const driver = child(disk, "driver");
  if (driver) setAttr(driver, "type", format);
  else children(disk).unshift(element("driver", { name: "qemu", type: format }));
  removeChildren(disk, (c) => tagOf(c) === "source" || tagOf(c) === "backingStore");
  const list = children(disk);
  list.splice(
    list.findIndex((c) => tagOf(c) === "driver") + 1,
    0,
    element("source", { file: path }),
  );
  return buildOrdered(doc);
}

/** The file disk `target` of `domainXml` reads, or null (no such disk, or no file source). */
export function diskFileOf(domainXml: string, target: string): string | null {
  const devices = child(rootElement(parseOrdered(domainXml), "domain"), "devices");
  const disk = devices && childrenNamed(devices, "disk").find((d) => {
    const t = child(d, "target");
    return t !== undefined && attr(t, "dev") === target;
  });
  const source = disk && child(disk, "source");
  return (source && attr(source, "file")) ?? null;
}
