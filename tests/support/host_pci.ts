// This machine's own PCI devices, read by the tests apart from the code under test
// (lib/host_devices/host_use.ts): with `ip route` and sysfs paths.

import { assert } from "./assert.ts";

const PCI = /[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]/g;

/** The PCI device a sysfs path sits under (the nearest one). */
export async function pciUnder(path: string): Promise<string> {
  const real = await Deno.realPath(path);
  const found = real.match(PCI)?.at(-1);
  assert(found, `${path} -> ${real} is on no PCI device`);
  return found;
}

/** The interface this machine's default route leaves by, and its PCI address. */
export async function routeNic(): Promise<{ iface: string; pci: string }> {
  const out = await new Deno.Command("ip", { args: ["-o", "route", "show", "default"] }).output();
  const iface = /\bdev (\S+)/.exec(new TextDecoder().decode(out.stdout))?.[1];
  assert(iface, "this machine has a default route");
  return { iface, pci: await pciUnder(`/sys/class/net/${iface}/device`) };
}
