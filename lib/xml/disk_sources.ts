// Pure: the host files and network sources a domain XML document would have QEMU or libvirt open
// — disks with their backing and data stores, direct-kernel files, firmware — and the elements
// KVM Manager refuses outright, for lib/storage/disk_sources.ts to check against the storage pools
// (https://libvirt.org/formatdomain.html#hard-drives-floppy-disks-cdroms).

import { asArray } from "./pool_xml.ts";
import { parseXml, text, type XmlNode } from "./parser.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

/** One source to look up in the storage pools. */
export interface SourceRef {
  /** What messages name: "Disk vda", "Disk vda (backing store)", "Kernel". */
  label: string;
  /** How it is given: a path (file, block, dir), a pool volume, or a network or other source. */
  kind: "file" | "block" | "dir" | "volume" | "network" | "other";
  /** The path of file, block and dir sources. */
  path?: string;
  pool?: string;
  volume?: string;
  /** The disk type or network protocol, for the words of a refusal. */
  detail?: string;
  /** False for what the guest may write: its size must fit its pool. */
  readonly: boolean;
  /** True for backing stores: a chain below a top image. */
  backing: boolean;
  /** The element it came from, compared with the current definition (see `key`). */
  key: string;
}

/** An element refused whatever its source, with the reason. */
export interface RefusedRef {
  label: string;
  reason: string;
  key: string;
}

/** The disk image formats KVM Manager offers; others (vmdk, qed …) can name further files. */
export const DISK_DRIVER_TYPES = ["raw", "qcow2"];
/** libvirt's own firmware and NVRAM folders (Debian's OVMF, SeaBIOS, and libvirt's state). */
const LOADER_DIRS = ["/usr/share/"];
const NVRAM_DIRS = ["/var/lib/libvirt/qemu/nvram/"];
const RNG_DEVICES = ["/dev/random", "/dev/urandom", "/dev/hwrng"];
/** Character devices whose host side is a file, pipe or device libvirt or virtlogd open as root. */
const CHARDEV_TAGS = ["serial", "console", "parallel", "channel"];
const HOST_CHARDEV_TYPES = ["file", "pipe", "dev"];
/** The emulators Debian's QEMU packages install; libvirt runs the one named. */
const EMULATOR = /^\/usr\/(bin\/(qemu-system-[a-z0-9_]+|qemu-kvm|kvm)|libexec\/qemu-kvm)$/;

const keyOf = (tag: string, node: unknown) => `${tag}:${JSON.stringify(node)}`;

/** What the messages call the files of `<os>` (t() where used). */
const BOOT_FILES = [
  ["kernel", tKey("Kernel")],
  ["initrd", tKey("Initrd")],
  ["dtb", tKey("Device tree")],
] as const;
/** What the messages call a chardev, by tag, `{{port}}` its port or empty (t() where used). */
const CHARDEV_LABELS: Record<string, string> = {
  serial: tKey("Serial {{port}}"),
  console: tKey("Console {{port}}"),
  parallel: tKey("Parallel {{port}}"),
  channel: tKey("Channel {{port}}"),
};

/** The reason for an element given more than once, in the request's language. */
const givenTwice = (tag: string) => t("<{{tag}}> is given more than once", { tag });

/** A path without `..` or `.` segments and without control characters, or null. */
function plainPath(p: unknown): string | null {
  if (typeof p !== "string" || !p.startsWith("/")) return null;
  // deno-lint-ignore no-control-regex
  if (/[\x00-\x1f]/.test(p) || p.split("/").some((s) => s === ".." || s === ".")) return null;
  return p;
}

/**
 * Every source of `xml`'s `<disk>` elements (backing stores, data stores and block-copy mirrors
 * included), its `<os>` kernel, initrd and device tree, and the elements refused outright:
 * shared host folders, chardevs on host files, SCSI host devices, TPM passthrough, a random
 * source other than the host's, firmware outside libvirt's folders, ACPI tables and fw_cfg
 * entries read from host files, an emulator that is not QEMU's, static or no security labels
 * and `<qemu:commandline>`.
 * Throws on malformed XML or a missing `<domain>`.
 */
export function domainSources(xml: string): { sources: SourceRef[]; refused: RefusedRef[] } {
  const dom: XmlNode = parseXml(xml).domain;
  if (!dom || typeof dom !== "object") {
    throw new Error(t("not a libvirt {{tag}} XML document", { tag: "domain" }));
  }
  const devices: XmlNode = typeof dom.devices === "object" ? dom.devices : {};
  const sources: SourceRef[] = [];
  const refused: RefusedRef[] = [];
  for (const disk of asArray<XmlNode>(devices.disk)) {
    if (typeof disk !== "object") continue;
    const target = disk.target?.["@dev"] ?? "?";
    const device = disk["@device"] ?? "disk";
    const label = device === "cdrom"
      ? t("CD-ROM {{target}}", { target })
      : device === "floppy"
      ? t("Floppy {{target}}", { target })
      : t("Disk {{target}}", { target });
    const key = keyOf("disk", {
      type: disk["@type"],
      device: disk["@device"],
      readonly: disk.readonly !== undefined,
      driver: disk.driver?.["@type"],
      source: disk.source,
      backingStore: disk.backingStore,
      mirror: disk.mirror,
    });
    const twice = repeated(disk, ["source", "driver", "backingStore", "mirror", "target"]);
    if (twice) {
      refused.push({ label, reason: givenTwice(twice), key });
      continue;
    }
    const format = disk.driver?.["@type"];
    if (format !== undefined && !DISK_DRIVER_TYPES.includes(format)) {
      refused.push({
        label,
        reason: t('image format "{{format}}" is not supported (use qcow2 or raw)', {
          format: String(format),
        }),
        key,
      });
    }
    const readonly = device === "cdrom" || device === "floppy" || disk.readonly !== undefined;
    diskSources(disk, { label, readonly, backing: false, key }, sources, 0);
    if (typeof disk.mirror === "object") {
      diskSources(
        disk.mirror,
        { label: t("{{label}} (mirror)", { label }), readonly, backing: false, key },
        sources,
        0,
      );
    }
  }
  const os: XmlNode = typeof dom.os === "object" ? dom.os : {};
  // A repeated element reads as a list here while libvirt takes the first: refuse rather than guess.
  const twiceInOs = repeated(os, ["kernel", "initrd", "dtb", "loader", "nvram"]);
  if (twiceInOs) {
    refused.push({
      label: t("Boot"),
      reason: givenTwice(twiceInOs),
      key: keyOf("os", os),
    });
  }
  if (repeated(devices, ["emulator"])) {
    refused.push({
      label: t("Emulator"),
      reason: givenTwice("emulator"),
      key: keyOf("emulator", devices.emulator),
    });
  }
  hostFileDevices(devices, sources, refused);
  for (const [tag, label] of BOOT_FILES) {
    const path = text(os[tag]);
    if (!path) continue;
    const key = keyOf(tag, path);
    sources.push({ label: t(label), kind: "file", path, readonly: true, backing: false, key });
  }
  firmware(os, refused);
  hostFileTables(dom, os, refused);
  for (const fs of asArray<XmlNode>(devices.filesystem)) {
    const dir = fs?.target?.["@dir"] ?? "?";
    refused.push({
      label: t("Shared folder {{dir}}", { dir: String(dir) }),
      reason: t("host folders are not shared with guests; use a disk volume of a storage pool"),
      key: keyOf("filesystem", fs),
    });
  }
  for (const tag of CHARDEV_TAGS) {
    for (const dev of asArray<XmlNode>(devices[tag])) {
      if (typeof dev !== "object") continue;
      const type = dev["@type"] ?? "pty";
      const label = t(CHARDEV_LABELS[tag], { port: String(dev.target?.["@port"] ?? "") }).trim();
      if (HOST_CHARDEV_TYPES.includes(type)) {
        refused.push({
          label,
          reason: t("type '{{type}}' opens a host path; use pty or unix", { type: String(type) }),
          key: keyOf(tag, dev),
        });
      } else if (dev.log !== undefined) {
        refused.push({ label, reason: t("a log file is a host path"), key: keyOf(tag, dev) });
      }
    }
  }
  for (const hd of asArray<XmlNode>(devices.hostdev)) {
    if (hd?.["@mode"] === "capabilities" || /^scsi/.test(hd?.["@type"] ?? "")) {
      refused.push({
        label: t("Host device ({{type}})", { type: String(hd["@type"] ?? hd["@mode"]) }),
        reason: t("host disks are not passed to guests; use a volume of a storage pool"),
        key: keyOf("hostdev", hd),
      });
    }
  }
  for (const rng of asArray<XmlNode>(devices.rng)) {
    const backend = rng?.backend;
    const path = text(backend);
    if (backend?.["@model"] === "random" && path && !RNG_DEVICES.includes(path)) {
      refused.push({
        label: t("Random number generator"),
        reason: t("{{path}} is not one of {{devices}}", {
          path,
          devices: RNG_DEVICES.join(", "),
        }),
        key: keyOf("rng", rng),
      });
    }
  }
  for (const tpm of asArray<XmlNode>(devices.tpm)) {
    if (tpm?.backend?.["@type"] === "passthrough") {
      refused.push({
        label: "TPM",
        reason: t("passthrough of the host's TPM is not allowed; use the emulator"),
        key: keyOf("tpm", tpm),
      });
    }
  }
  const emulator = text(devices.emulator);
  if (emulator !== undefined && !EMULATOR.test(plainPath(emulator) ?? "")) {
    refused.push({
      label: t("Emulator"),
      reason: t("{{path}} is not a QEMU system emulator of the host", { path: emulator }),
      key: keyOf("emulator", emulator),
    });
  }
  // QEMU confined as libvirt's qemu user with its own labels: no static labels (root), no none.
  for (const label of asArray<XmlNode>(dom.seclabel)) {
    const type = typeof label === "object" ? label["@type"] ?? "dynamic" : "dynamic";
    if (type !== "dynamic") {
      refused.push({
        label: t("Security label"),
        reason: t("type '{{type}}' is not accepted; libvirt's dynamic labels confine QEMU", {
          type: String(type),
        }),
        key: keyOf("seclabel", label),
      });
    }
  }
  // With the namespace prefix removed, these are <qemu:commandline> and <qemu:override>.
  for (const tag of ["commandline", "override"]) {
    if (dom[tag] !== undefined) {
      refused.push({
        label: `qemu:${tag}`,
        reason: t("raw QEMU arguments bypass every check; they are not accepted"),
        key: keyOf(tag, dom[tag]),
      });
    }
  }
  return { sources, refused };
}

/** The sources of a `<disk>`, `<backingStore>`, `<dataStore>` or `<mirror>` element, in depth. */
function diskSources(
  el: XmlNode,
  ref: Pick<SourceRef, "label" | "readonly" | "backing" | "key">,
  out: SourceRef[],
  depth: number,
): void {
  if (depth > 16) {
    out.push({ ...ref, kind: "other", detail: t("a backing chain deeper than 16 images") });
    return;
  }
  const twice = repeated(el, ["source", "backingStore", "format"]) ??
    (typeof el.source === "object" ? repeated(el.source, ["dataStore"]) : null);
  if (twice) {
    out.push({
      ...ref,
      kind: "other",
      detail: t("<{{tag}}> given more than once", { tag: twice }),
    });
    return;
  }
  const type = el["@type"] ?? "file";
  const src: XmlNode | undefined = typeof el.source === "object" ? el.source : undefined;
  // The mirror of a block copy may name its file in an attribute of its own (older libvirt).
  const file = src?.["@file"] ?? el["@file"];
  if (type === "network") {
    if (src) out.push({ ...ref, kind: "network", detail: src["@protocol"] ?? "network" });
  } else if (type === "file") {
    if (file) out.push({ ...ref, kind: "file", path: file });
  } else if (type === "block") {
    if (src?.["@dev"]) out.push({ ...ref, kind: "block", path: src["@dev"] });
  } else if (type === "dir") {
    if (src?.["@dir"]) out.push({ ...ref, kind: "dir", path: src["@dir"] });
  } else if (type === "volume") {
    if (src) out.push({ ...ref, kind: "volume", pool: src["@pool"], volume: src["@volume"] });
  } else {
    out.push({ ...ref, kind: "other", detail: t("disk type '{{type}}'", { type: String(type) }) });
  }
  if (src && typeof src.dataStore === "object") {
    diskSources(
      src.dataStore,
      { ...ref, label: t("{{label}} (data store)", { label: ref.label }) },
      out,
      depth + 1,
    );
  }
  if (typeof el.backingStore === "object") {
    diskSources(
      el.backingStore,
      {
        ...ref,
        label: t("{{label}} (backing store)", { label: ref.label }),
        readonly: true,
        backing: true,
      },
      out,
      depth + 1,
    );
  }
}

/** `<loader>` and `<nvram>` only in libvirt's own folders. */
function firmware(os: XmlNode, refused: RefusedRef[]): void {
  const check = (label: string, path: string | undefined, dirs: string[], key: string) => {
    if (path === undefined || path === "") return;
    const plain = plainPath(path);
    if (!plain || !dirs.some((d) => plain.startsWith(d))) {
      refused.push({
        label,
        reason: t("{{path}} is outside {{dirs}}", { path, dirs: dirs.join(", ") }),
        key,
      });
    }
  };
  const loader = os.loader;
  check(t("Firmware"), text(loader), LOADER_DIRS, keyOf("loader", loader));
  const nvram = os.nvram;
  const nvramKey = keyOf("nvram", nvram);
  check("NVRAM", text(nvram), NVRAM_DIRS, nvramKey);
  if (typeof nvram === "object") {
    check(t("NVRAM template"), nvram["@template"], LOADER_DIRS, nvramKey);
    if (nvram.source !== undefined || (nvram["@type"] && nvram["@type"] !== "file")) {
      refused.push({ label: "NVRAM", reason: t("only a file NVRAM is accepted"), key: nvramKey });
    }
  }
}

/**
 * Host files QEMU reads and hands to the guest unlabelled, as libvirt-qemu: `<os><acpi><table>`
 * and `<sysinfo type='fwcfg'>` entries with a `file` (an entry's inline value is kept).
 */
function hostFileTables(dom: XmlNode, os: XmlNode, refused: RefusedRef[]): void {
  if (typeof os.acpi === "object" && os.acpi.table !== undefined) {
    refused.push({
      label: t("ACPI table"),
      reason: t("a table file is a host path the guest reads"),
      key: keyOf("acpi", os.acpi),
    });
  }
  for (const info of asArray<XmlNode>(dom.sysinfo)) {
    if (typeof info !== "object") continue;
    if (
      asArray<XmlNode>(info.entry).some((e) => typeof e === "object" && e["@file"] !== undefined)
    ) {
      refused.push({
        label: "fw_cfg",
        reason: t("an entry's file is a host path the guest reads; give its value inline"),
        key: keyOf("sysinfo", info),
      });
    }
  }
}

/** The first of `tags` that `node` holds more than once (the parser makes it a list), or null. */
function repeated(node: XmlNode, tags: string[]): string | null {
  if (typeof node !== "object" || node === null) return null;
  return tags.find((tag) => Array.isArray(node[tag])) ?? null;
}

/**
 * Devices whose host side is a file, a socket path or a script, beyond disks and chardevs:
 * NVDIMM and virtio-pmem memory backed by a file (checked like a disk, as the guest writes it),
 * interface scripts (run by libvirt as root), smartcard certificate databases, shared-memory
 * servers and evdev inputs (refused).
 */
function hostFileDevices(devices: XmlNode, sources: SourceRef[], refused: RefusedRef[]): void {
  for (const mem of asArray<XmlNode>(devices.memory)) {
    if (typeof mem !== "object") continue;
    const key = keyOf("memory", mem);
    const label = t("Memory device ({{model}})", { model: String(mem["@model"] ?? "?") });
    const src = mem.source;
    if (Array.isArray(src) || Array.isArray(src?.path)) {
      refused.push({ label, reason: givenTwice("source"), key });
    } else if (typeof src === "object" && src.path !== undefined) {
      const path = text(src.path);
      if (path) sources.push({ label, kind: "file", path, readonly: false, backing: false, key });
    }
  }
  for (const nic of asArray<XmlNode>(devices.interface)) {
    if (typeof nic !== "object") continue;
    for (const tag of ["script", "downscript"]) {
      if (nic[tag] !== undefined) {
        refused.push({
          label: t("Interface {{name}}", {
            name: String(nic.mac?.["@address"] ?? nic["@type"] ?? ""),
          })
            .trim(),
          reason: t("<{{tag}}> runs a host program as root; it is not accepted", { tag }),
          key: keyOf("interface", nic),
        });
      }
    }
  }
  const refuse = (tag: string, label: string, reason: string, when: (d: XmlNode) => boolean) => {
    for (const dev of asArray<XmlNode>(devices[tag])) {
      if (typeof dev === "object" && when(dev)) {
        refused.push({ label: t(label), reason: t(reason), key: keyOf(tag, dev) });
      }
    }
  };
  // Words marked here, translated where refused (`refuse` calls t()).
  refuse(
    "smartcard",
    tKey("Smartcard"),
    tKey("a certificate database is a host path"),
    (d) => d.database !== undefined,
  );
  refuse(
    "shmem",
    tKey("Shared memory"),
    tKey("a shared-memory server is a host socket path"),
    (d) => d.server !== undefined,
  );
  refuse(
    "input",
    tKey("Input (evdev)"),
    tKey("an evdev input reads a host device"),
    (d) => d["@type"] === "evdev" || d["@type"] === "passthrough",
  );
}
