// The host service: HostInfo for the dashboard and the connection status.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { HostSnapshot } from "../../ffi/libvirt/ops.ts";
import { fromLibvirt } from "../errors.ts";
import type { ConnectionStatus, HostInfo } from "../../shared/host.ts";
import { parseXml, text } from "../xml/parser.ts";
import { vmState } from "../vm_basics.ts";
import { t } from "../../shared/i18n/t.ts";
import { memoryFigures, readMeminfo } from "./memory.ts";
import { sameMachine } from "./same_machine.ts";

/** libvirt's version encoding (major * 1,000,000 + minor * 1,000 + micro) as "M.m.u". */
export function formatVersion(v: number): string {
  return `${Math.floor(v / 1e6)}.${Math.floor(v / 1e3) % 1e3}.${v % 1e3}`;
}

/** The host CPU's vendor and model from the capabilities XML, else the node's arch. */
export function cpuModel(capabilities: string, fallback: string): string {
  try {
    const cpu = parseXml(capabilities).capabilities?.host?.cpu;
    const model = text(cpu?.model);
    const vendor = text(cpu?.vendor);
    if (model) return vendor ? `${vendor} ${model}` : model;
  } catch {
    // Unparseable capabilities: fall back to virNodeGetInfo's model.
  }
  return fallback;
}

function hypervisorName(snap: HostSnapshot): string {
  if (snap.type === "QEMU") return /type=['"]kvm['"]/.test(snap.capabilities) ? "QEMU/KVM" : "QEMU";
  if (snap.type === "TEST") return t("Test driver (demo)");
  return snap.type;
}

/**
 * HostInfo: one host read plus one bulk domain list for the VM counts. Its memory figures are
 * the host graph's (memory.ts), so the dashboard's card and graph say the same.
 */
export async function hostInfo({ client }: { client: LibvirtClient }): Promise<HostInfo> {
  try {
    const [snap, domains] = await Promise.all([client.call("host"), client.call("domainList")]);
    const node = snap.node;
    const memory = memoryFigures(snap.memory, sameMachine(client.uri) ? readMeminfo() : null);
    return {
      hostname: snap.hostname,
      cpuModel: cpuModel(snap.capabilities, node.model),
      cpuCount: node.nodes * node.sockets * node.cores || node.cpus,
      cpuThreads: node.cpus,
      memoryTotalMb: Math.round(memory.totalKiB / 1024),
      memoryFreeMb: Math.round(snap.freeMemoryBytes / 1024 ** 2),
      memoryAvailableMb: Math.round(memory.availableKiB / 1024),
      libvirtVersion: formatVersion(snap.libVersion),
      qemuVersion: formatVersion(snap.hvVersion),
      hypervisor: hypervisorName(snap),
      activeVms: domains.filter((d) => vmState(Number(d.params["state.state"])) !== "stopped")
        .length,
      totalVms: domains.length,
    };
  } catch (err) {
    throw fromLibvirt(err, { failed: t("Failed to read host information") });
  }
}

/** The connection status, with `demo` set on the built-in test driver. */
export function connectionStatus(
  { client, demo }: { client: LibvirtClient; demo: boolean },
): ConnectionStatus {
  const s = client.state;
  return { connected: s.connected, uri: s.uri, error: s.connected ? null : s.error, demo };
}
