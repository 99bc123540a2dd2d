// Which PCI devices a host itself needs (Linux sysfs and procfs): the NIC its default
// route leaves by (through bridges, bonds and VLANs to the real ports), the controller of its
// root file system's disk (through device-mapper and RAID to the real disks), and the GPU the
// firmware used for the console. Passing one of them through would cut the host off. The walk
// reads through HostFiles: this machine's files, or a remote host's read over ssh.

import type { HostUse } from "../../shared/host_devices.ts";
import { type HostFiles, localHostFiles } from "./host_files.ts";

const PCI_IN_PATH = /[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]/g;
/** Bridges of bonds of VLANs...: far deeper than any real stack. */
const MAX_DEPTH = 6;

/** The PCI device a sysfs device path sits under (the nearest one), or null. */
function pciOf(path: string): string | null {
  const all = path.match(PCI_IN_PATH);
  return all ? all[all.length - 1] : null;
}

/** The interfaces the default routes (IPv4 and IPv6) leave by. */
async function defaultRouteInterfaces({ proc, readText }: HostFiles): Promise<string[]> {
  const out = new Set<string>();
  for (const line of (await readText(`${proc}/net/route`)).split("\n").slice(1)) {
    const [iface, destination, , , , , , mask] = line.trim().split(/\s+/);
    if (iface && destination === "00000000" && mask === "00000000") out.add(iface);
  }
  for (const line of (await readText(`${proc}/net/ipv6_route`)).split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length >= 10 && /^0+$/.test(f[0]) && f[1] === "00" && f[9] !== "lo") out.add(f[9]);
  }
  return [...out];
}

/** The PCI devices under a network interface, through bridge ports and lower devices. */
async function nicDevices(files: HostFiles, iface: string, depth = 0): Promise<string[]> {
  if (depth > MAX_DEPTH) return [];
  const base = `${files.sys}/class/net/${iface}`;
  const device = await files.realPath(`${base}/device`);
  const own = device ? pciOf(device) : null;
  if (own) return [own];
  const lower = [
    ...(await files.readDir(`${base}/brif`)),
    ...(await files.readDir(base)).filter((n) => n.startsWith("lower_")).map((n) => n.slice(6)),
  ];
  const found = await Promise.all(lower.map((l) => nicDevices(files, l, depth + 1)));
  return [...new Set(found.flat())];
}

/** "major:minor" of the root file system's device, from mountinfo. */
async function rootDevice({ proc, readText }: HostFiles): Promise<string | null> {
  for (const line of (await readText(`${proc}/self/mountinfo`)).split("\n")) {
    const f = line.split(" ");
    if (f[4] === "/") return f[2];
  }
  return null;
}

/** The PCI devices under a block device, through device-mapper and RAID members. */
async function diskDevices(
  files: HostFiles,
  block: string,
  depth = 0,
): Promise<{ pci: string; disk: string }[]> {
  if (depth > MAX_DEPTH) return [];
  const path = await files.realPath(block);
  if (!path) return [];
  const disk = path.split("/").filter((p) => p !== "").at(-1) ?? "";
  const own = pciOf(path);
  if (own) return [{ pci: own, disk }];
  // A partition's holders list is its disk's; a virtual device (dm, md) lists its members.
  const slaves = await files.readDir(`${path}/slaves`);
  const found = await Promise.all(
    slaves.map((s) => diskDevices(files, `${files.sys}/class/block/${s}`, depth + 1)),
  );
  return found.flat();
}

/** The GPUs the firmware drew the console on (boot_vga). */
async function consoleGpus({ sys, readDir, readText }: HostFiles): Promise<string[]> {
  const out: string[] = [];
  for (const dev of await readDir(`${sys}/bus/pci/devices`)) {
    if ((await readText(`${sys}/bus/pci/devices/${dev}/boot_vga`)).trim() === "1") out.push(dev);
  }
  return out;
}

/** Each PCI address this machine needs, with why. */
export async function hostUses(
  files: HostFiles = localHostFiles(),
): Promise<Map<string, HostUse>> {
  const uses = new Map<string, HostUse>();
  const add = (pci: string, use: HostUse) => {
    if (!uses.has(pci)) uses.set(pci, use);
  };
  for (const iface of await defaultRouteInterfaces(files)) {
    for (const pci of await nicDevices(files, iface)) add(pci, { reason: "route", via: iface });
  }
  const root = await rootDevice(files);
  if (root) {
    for (const { pci, disk } of await diskDevices(files, `${files.sys}/dev/block/${root}`)) {
      add(pci, { reason: "root-disk", via: disk });
    }
  }
  for (const pci of await consoleGpus(files)) add(pci, { reason: "console", via: null });
  return uses;
}
