// Pure XML of backups: which disks a backup takes, the <domainbackup> and <domaincheckpoint>
// documents, backup volumes, and the definition of a VM restored from a backup.

import { parseXml, type XmlNode } from "../xml/parser.ts";
import {
  attr,
  buildOrdered,
  child,
  children,
  element,
  type ONode,
  parseOrdered,
  removeChildren,
  rootElement,
  setAttr,
  tagOf,
} from "../xml/ordered.ts";
import { cloneDomainXml } from "../xml/domain_update.ts";
import { t } from "../../shared/i18n/t.ts";
import { SEED_ISO } from "../storage/lookups.ts";

/** A disk of the VM as its (live) XML names it. */
export interface DiskSource {
  target: string;
  /** A file or block device path; null for a pool volume (resolved through its pool). */
  path: string | null;
  pool: string | null;
  volume: string | null;
  format: string;
}

/** The disks a backup takes and the devices it leaves out, with why. */
export interface DiskSelection {
  disks: DiskSource[];
  skipped: { target: string; reason: string }[];
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/'/g, "&apos;").replace(/"/g, "&quot;");

/**
 * Every writable `<disk device='disk'>` with a file, block or pool-volume source. CD-ROMs,
 * floppies, read-only and network disks are left out.
 */
export function selectDisks(domainXml: string): DiskSelection {
  const devices: XmlNode = parseXml(domainXml).domain?.devices ?? {};
  const out: DiskSelection = { disks: [], skipped: [] };
  for (const d of (devices.disk ?? []) as XmlNode[]) {
    const target = d.target?.["@dev"] ?? "";
    const device = d["@device"] ?? "disk";
    const src: XmlNode = d.source ?? {};
    const type = d["@type"] ?? "file";
    if (device !== "disk") out.skipped.push({ target, reason: t("a {{device}}", { device }) });
    else if (d.readonly !== undefined) out.skipped.push({ target, reason: t("read-only") });
    else if (type === "file" && src["@file"]) {
      out.disks.push(diskSource(target, src["@file"], null, null, d));
    } else if (type === "block" && src["@dev"]) {
      out.disks.push(diskSource(target, src["@dev"], null, null, d));
    } else if (type === "volume" && src["@pool"] && src["@volume"]) {
      out.disks.push(diskSource(target, null, src["@pool"], src["@volume"], d));
    } else {
      out.skipped.push({ target, reason: t("a {{type}} disk without a local source", { type }) });
    }
  }
  return out;
}

function diskSource(
  target: string,
  path: string | null,
  pool: string | null,
  volume: string | null,
  d: XmlNode,
): DiskSource {
  return { target, path, pool, volume, format: d.driver?.["@type"] ?? "raw" };
}

/**
 * A push-mode `<domainbackup>`: each disk into its pre-made qcow2 target (the job runs with
 * REUSE_EXTERNAL); `incremental` names the checkpoint to count changes from.
 * https://libvirt.org/formatbackup.html
 */
export function backupXml(
  disks: { target: string; path: string }[],
  incremental: string | null,
): string {
  const inc = incremental ? `<incremental>${esc(incremental)}</incremental>` : "";
  const ds = disks.map((d) =>
    `<disk name='${esc(d.target)}' backup='yes' type='file'>` +
    `<target file='${esc(d.path)}'/><driver type='qcow2'/></disk>`
  ).join("");
  return `<domainbackup>${inc}<disks>${ds}</disks></domainbackup>`;
}

/**
 * A `<domaincheckpoint>` with a dirty bitmap on each of `targets`; disks not listed get none.
 * https://libvirt.org/formatcheckpoint.html
 */
export function checkpointXml(name: string, targets: string[]): string {
  const ds = targets.map((t) => `<disk name='${esc(t)}' checkpoint='bitmap'/>`).join("");
  return `<domaincheckpoint><name>${esc(name)}</name><disks>${ds}</disks></domaincheckpoint>`;
}

/**
 * A qcow2 (version 3) backup volume of `capacity` bytes; with `backing`, an overlay of that
 * earlier backup volume, so only changed clusters are written into it.
 */
export function backupVolumeXml(name: string, capacity: number, backing: string | null): string {
  const store = backing
    ? `<backingStore><path>${esc(backing)}</path><format type='qcow2'/></backingStore>`
    : "";
  return `<volume><name>${esc(name)}</name><capacity unit='bytes'>${capacity}</capacity>` +
    `<allocation unit='bytes'>0</allocation>${store}` +
    `<target><format type='qcow2'/><compat>1.1</compat></target></volume>`;
}

/** "1.1" for qcow2 version 3, "0.10" for version 2, null when the volume XML does not say. */
export function qcow2Compat(volumeXml: string): string | null {
  try {
    const compat = parseXml(volumeXml).volume?.target?.compat;
    return compat === undefined ? null : String(compat);
  } catch {
    return null;
  }
}

/** Characters allowed in volume names; the rest become "_". */
export function volumeNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_.+-]/g, "_").replace(/^[.-]+/, "").slice(0, 80) || "vm";
}

/**
 * The definition of a VM restored from a backup: `name`, no UUID or MAC addresses (libvirt
 * makes new ones), each restored disk a file at its new path in its new format, and serial
 * logs renamed after the new VM (or dropped) so the two VMs never share a log file, and the
 * original's cloud-init seed taken out of its CD-ROM drive: it names the original's instance and
 * would be shared (and deleted with either VM). A writable disk the backup skips (a network disk:
 * selectDisks) is left out, not kept pointing at the original's: the restored VM would write into
 * the original's live disk. A shareable one (a cluster's disk) and read-only ones stay.
 */
export function restoredDomainXml(
  xml: string,
  { name, disks }: { name: string; disks: Map<string, { path: string; format: string }> },
): string {
  const doc = parseOrdered(xml);
  const domain = rootElement(doc, "domain");
  const oldName = children(child(domain, "name") ?? {}).map((c) => c["#text"] ?? "").join("")
    .trim();
  const devices = child(domain, "devices");
  const notRestored: ONode[] = [];
  for (const dev of devices ? children(devices) : []) {
    const tag = tagOf(dev);
    if (tag === "disk") {
      const target = child(dev, "target");
      const restored = target && disks.get(attr(target, "dev") ?? "");
      if (restored) rewriteDisk(dev, restored);
      else if (isSeedCdrom(dev)) ejectSeed(dev);
      else if (sharesWritable(dev)) notRestored.push(dev);
    } else if (tag === "serial" || tag === "console" || tag === "channel") {
      renameLog(dev, oldName, name);
    }
  }
  if (devices) removeChildren(devices, (c) => notRestored.includes(c));
  return cloneDomainXml(buildOrdered(doc), { name, diskPaths: new Map() });
}

/**
 * A disk the backup skips for having no local source (selectDisks: a network disk, say) that the
 * guest may write, not marked shareable. A file, block or volume disk the backup did not hold is
 * no backup's making (a crafted definition's): it stays, for the import's checks to refuse.
 */
function sharesWritable(dev: ONode): boolean {
  const device = attr(dev, "device") ?? "disk";
  const type = attr(dev, "type") ?? "file";
  return device === "disk" && !["file", "block", "volume"].includes(type) &&
    !child(dev, "readonly") && !child(dev, "shareable");
}

/** A CD-ROM holding a cloud-init seed KVM Manager wrote (NAME-cidata.iso). */
function isSeedCdrom(dev: ONode): boolean {
  const source = child(dev, "source");
  const file = source && attr(source, "file");
  return attr(dev, "device") === "cdrom" && !!file && SEED_ISO.test(file);
}

/** The drive stays, empty. */
function ejectSeed(dev: ONode) {
  removeChildren(dev, (c) => tagOf(c) === "source");
}

function rewriteDisk(dev: ONode, { path, format }: { path: string; format: string }) {
  setAttr(dev, "type", "file");
  removeChildren(dev, (c) => tagOf(c) === "backingStore");
  const list = children(dev);
  const at = list.findIndex((c) => tagOf(c) === "source");
  const source = element("source", { file: path });
  if (at >= 0) list.splice(at, 1, source);
  else list.unshift(source);
  const driver = child(dev, "driver");
  if (driver) setAttr(driver, "type", format);
  else list.unshift(element("driver", { name: "qemu", type: format }));
}

function renameLog(dev: ONode, oldName: string, name: string) {
  const log = child(dev, "log");
  const file = log && attr(log, "file");
  if (!log || !file) return;
  const slash = file.lastIndexOf("/");
  const base = file.slice(slash + 1);
  if (oldName && base.includes(oldName)) {
    setAttr(log, "file", file.slice(0, slash + 1) + base.split(oldName).join(name));
  } else {
    removeChildren(dev, (c) => tagOf(c) === "log");
  }
}
