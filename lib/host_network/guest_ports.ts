// VMs' ports kept on their bridges across a reload. ifupdown2 takes every port it was not told
// of out of each bridge it manages (bridge.py `_add_ports`): a running VM's tap (libvirt's vnetN)
// on a bridge of the interfaces file would lose its network at each apply and rollback. So the
// ports no stanza names are read before the reload and put back on their bridge after it, as
// they were; bridges KVM Manager writes also condone libvirt's tap names (bridge_nic.ts), so
// ifupdown2 leaves those alone in the first place.

import type { CommandRunner } from "../firewall/run_command.ts";

/** A port as `ip -j link show` lists it. */
interface Link {
  ifname: string;
  master?: string;
  flags?: string[];
}

/** A port on a bridge that the interfaces file does not name, and whether it was up. */
export interface GuestPort {
  name: string;
  bridge: string;
  up: boolean;
}

async function links(run: CommandRunner): Promise<Link[]> {
  const out = await run("ip", ["-j", "link", "show"]);
  if (out.code !== 0) return [];
  return JSON.parse(out.stdout) as Link[];
}

/** The ports on a bridge that `file` names nowhere (a VM's tap, a container's veth). */
export async function portsNotInFile(run: CommandRunner, file: string): Promise<GuestPort[]> {
  const words = new Set(file.split(/\s+/));
  const all = await links(run);
  const names = new Set(all.map((l) => l.ifname));
  return all
    .filter((l) => l.master && names.has(l.master) && !words.has(l.ifname))
    .map((l) => ({ name: l.ifname, bridge: l.master!, up: l.flags?.includes("UP") ?? false }));
}

/**
 * Puts back on its bridge each port the reload took off (when both still exist), up as it was.
 * Returns the names put back, for the log.
 */
export async function restorePorts(run: CommandRunner, ports: GuestPort[]): Promise<string[]> {
  if (ports.length === 0) return [];
  const now = new Map((await links(run)).map((l) => [l.ifname, l]));
  const restored: string[] = [];
  for (const port of ports) {
    const link = now.get(port.name);
    if (!link || link.master === port.bridge || !now.has(port.bridge)) continue;
    const set = await run("ip", ["link", "set", "dev", port.name, "master", port.bridge]);
    if (set.code !== 0) continue;
    if (port.up) await run("ip", ["link", "set", "dev", port.name, "up"]);
    restored.push(port.name);
  }
  return restored;
}
