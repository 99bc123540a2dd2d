// get_network_info: every interface (with or without addresses), its MAC and whether it is up.

import { listKernelDir, readKernelFile } from "./kernel_files.ts";
import type { AddressInfo, NetworkInfo } from "./protocol.ts";

const SYS_NET = "/sys/class/net";
const IFF_UP = 0x1;

export async function networkInfo(sysNet = SYS_NET): Promise<NetworkInfo> {
  const byName = new Map<string, { fallbackMac: string | null; addresses: AddressInfo[] }>();
  const entry = (name: string) => {
    let e = byName.get(name);
    if (!e) byName.set(name, e = { fallbackMac: null, addresses: [] });
    return e;
  };
  // An interface without an address is missing from networkInterfaces(): sysfs lists it.
  for (const name of await listKernelDir(sysNet) ?? []) entry(name);
  for (const ni of Deno.networkInterfaces()) {
    const e = entry(ni.name);
    e.fallbackMac ??= ni.mac;
    e.addresses.push({
      address: ni.address,
      prefix: Number(ni.cidr.split("/")[1] ?? 0),
      family: ni.family === "IPv4" ? "ipv4" : "ipv6",
    });
  }
  const interfaces = [];
  for (const [name, e] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    const mac = await readSys(sysNet, name, "address") ?? e.fallbackMac;
    interfaces.push({
      name,
      mac: usableMac(mac),
      up: isUp(await readSys(sysNet, name, "operstate"), await readSys(sysNet, name, "flags")),
      addresses: e.addresses,
    });
  }
  return { interfaces };
}

async function readSys(sysNet: string, name: string, file: string): Promise<string | null> {
  return (await readKernelFile(`${sysNet}/${name}/${file}`))?.trim() ?? null;
}

/** null for no address and for the all-zero one (lo, tun devices). */
export function usableMac(mac: string | null): string | null {
  if (!mac || /^(00:){5}00$/.test(mac) || !/^[0-9a-f]{2}(:[0-9a-f]{2})+$/i.test(mac)) return null;
  return mac.toLowerCase();
}

/**
 * operstate says whether the link carries traffic; "unknown" (lo, many virtual devices) means
 * the driver does not report it, and then the administrative IFF_UP flag decides.
 */
export function isUp(operstate: string | null, flags: string | null): boolean {
  if (operstate === "up") return true;
  if (operstate !== null && operstate !== "unknown") return false;
  return flags !== null && (Number.parseInt(flags, 16) & IFF_UP) !== 0;
}
