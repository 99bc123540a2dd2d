// Vendor, product and class names from the host's own pci.ids and usb.ids (Debian packages
// pci.ids and usb.ids), read when a name is first needed: one pass over the file keeps only the
// names asked for, never the whole list. libvirt names devices itself where udev's hardware
// database is present; this fills the gaps (containers, remote hosts, the test driver).

import type { HostDevice } from "../../shared/host_devices.ts";

export const IDS_FILES = {
  pci: ["/usr/share/misc/pci.ids", "/usr/share/hwdata/pci.ids", "/usr/share/pci.ids"],
  usb: ["/usr/share/misc/usb.ids", "/var/lib/usbutils/usb.ids", "/usr/share/hwdata/usb.ids"],
} as const;

/** Names found so far (null: looked up, not in the file), by "kind:key". */
const known = new Map<string, string | null>();

const vendorKey = (id: string) => `v:${id}`;
const productKey = (vendor: string, id: string) => `d:${vendor}:${id}`;
const classKey = (code: string) => `c:${code}`;

/**
 * Every name `wanted` asks for from an ids file's text: vendors ("v:8086"), products
 * ("d:8086:10d3") and PCI classes ("c:0200" class and subclass, "c:02" class). Lines are
 * "vvvv  name", then "\tdddd  name" for its products; "C cc  name" starts a class, "\tss  name"
 * its subclasses; other sections are skipped.
 */
export function namesFromIds(text: string, wanted: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>();
  let vendor: string | null = null;
  let klass: string | null = null;
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("\t\t")) continue; // subsystems and programming interfaces
    if (line.startsWith("\t")) {
      const m = /^\t([0-9a-fA-F]{2,4})\s+(.+)$/.exec(line);
      if (!m) continue;
      const key = vendor !== null
        ? productKey(vendor, m[1].toLowerCase())
        : klass !== null
        ? classKey(klass + m[1].toLowerCase())
        : null;
      if (key && wanted.has(key)) found.set(key, m[2].trim());
      continue;
    }
    const v = /^([0-9a-fA-F]{4})\s+(.+)$/.exec(line);
    if (v) {
      vendor = v[1].toLowerCase();
      klass = null;
      if (wanted.has(vendorKey(vendor))) found.set(vendorKey(vendor), v[2].trim());
      continue;
    }
    vendor = null;
    const c = /^C ([0-9a-fA-F]{2})\s+(.+)$/.exec(line);
    klass = c ? c[1].toLowerCase() : null;
    if (c && wanted.has(classKey(klass!))) found.set(classKey(klass!), c[2].trim());
  }
  return found;
}

async function readFirst(paths: readonly string[]): Promise<string | null> {
  for (const path of paths) {
    try {
      return await Deno.readTextFile(path);
    } catch {
      // not installed there
    }
  }
  return null;
}

/**
 * Fills the names libvirt left empty from the ids files (the first of each list that exists),
 * reading a file only when a name it may hold was not looked up before.
 */
export async function nameDevices(
  devices: HostDevice[],
  files: { pci: readonly string[]; usb: readonly string[] } = IDS_FILES,
): Promise<void> {
  for (const kind of ["pci", "usb"] as const) {
    const ofKind = devices.filter((d) => d.kind === kind);
    const keysOf = (d: HostDevice) => {
      const keys = [vendorKey(d.vendor.id), productKey(d.vendor.id, d.product.id)];
      if (d.classCode) {
        keys.push(classKey(d.classCode.slice(0, 4)), classKey(d.classCode.slice(0, 2)));
      }
      return keys;
    };
    const wanted = new Set(ofKind.flatMap(keysOf).filter((k) => !known.has(`${kind}:${k}`)));
    if (wanted.size) {
      const text = await readFirst(files[kind]);
      const found = text === null ? new Map<string, string>() : namesFromIds(text, wanted);
      for (const key of wanted) known.set(`${kind}:${key}`, found.get(key) ?? null);
    }
    const lookup = (key: string) => known.get(`${kind}:${key}`) ?? null;
    for (const d of ofKind) {
      d.vendor.name ??= lookup(vendorKey(d.vendor.id));
      d.product.name ??= lookup(productKey(d.vendor.id, d.product.id));
      if (d.classCode) {
        d.className = lookup(classKey(d.classCode.slice(0, 4))) ??
          lookup(classKey(d.classCode.slice(0, 2)));
      }
    }
  }
}

/** Forgets the names read (tests give their own files). */
export function forgetIdNames(): void {
  known.clear();
}
