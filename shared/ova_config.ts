// What a VM made from an imported OVA starts from: the descriptor's name, CPUs, memory, firmware
// and OS, its first disk as the VM's disk and the others attached after it. Browser-safe: the wizard's `?ova=` start
// (lib/ova/wizard_start.ts) and `kvm-manager vm import-ova --create` share it.

import type { OvaImport } from "./ova.ts";
import type { OsVariant, VmConfig } from "./vms.ts";

const GIB = 1024 ** 3;

/**
 * The VM's fields from an import. `known`: the host's osinfo variants, when an unknown OS
 * variant is to be left out (an older host); null keeps the descriptor's.
 */
export function ovaPrefill(record: OvaImport, known: OsVariant[] | null): Partial<VmConfig> {
  const { summary, volumes, pool } = record;
  const first = summary.disks[0];
  const variant = summary.osVariant;
  return {
    name: summary.name,
    cpuCount: summary.cpuCount,
    memoryMb: summary.memoryMb,
    osType: summary.osType,
    ...(variant && (known === null || known.some((v) => v.id === variant))
      ? { osVariant: variant }
      : {}),
    firmware: summary.firmware,
    storagePool: pool,
    ...(volumes[0]
      ? {
        importDiskPath: volumes[0].path,
        diskFormat: "qcow2" as const,
        diskBus: first.bus,
        diskSizeGb: Math.max(1, Math.ceil(first.capacityBytes / GIB)),
        // The others attached after it, in the descriptor's order.
        ...(volumes.length > 1 ? { extraDiskPaths: volumes.slice(1).map((v) => v.path) } : {}),
      }
      : {}),
    ...(summary.nics.length === 0 ? { network: "" } : {}),
  };
}
