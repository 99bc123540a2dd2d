// The volume paths a create request names (install ISO, imported disks, base image, kernel,
// driver CD), each checked by lib/vms/create.ts as a volume of a storage pool.

import { tKey } from "../../shared/i18n/t.ts";
import type { VmConfig } from "../../shared/vms.ts";

/**
 * Paths a config names, each of which must be a volume of a storage pool that passes
 * lib/vms/disk_sources.ts; what the messages call each (t() where the issue is made).
 */
export const PATH_FIELDS = [
  [
    "isoPath",
    (c: VmConfig) => c.isoPath,
    tKey("ISO file not found: {{path}} (it must be a volume of a storage pool)"),
    "ISO",
  ],
  [
    "importDiskPath",
    (c: VmConfig) => c.importDiskPath,
    tKey("Disk image not found: {{path}} (it must be a volume of a storage pool)"),
    tKey("Imported disk"),
  ],
  [
    "baseImagePath",
    (c: VmConfig) => c.baseImagePath,
    tKey("Base image not found: {{path}} (it must be a volume of a storage pool)"),
    tKey("Base image"),
  ],
  [
    "directKernel.kernelPath",
    (c: VmConfig) => c.directKernel?.kernelPath,
    tKey("Kernel not found: {{path}} (it must be a volume of a storage pool)"),
    tKey("Kernel"),
  ],
  [
    "directKernel.initrdPath",
    (c: VmConfig) => c.directKernel?.initrdPath,
    tKey("Initrd not found: {{path}} (it must be a volume of a storage pool)"),
    tKey("Initrd"),
  ],
  [
    "windows.virtioDrivers",
    (c: VmConfig) => c.windows?.virtioDrivers ?? undefined,
    tKey("Driver CD not found: {{path}} (it must be a volume of a storage pool)"),
    tKey("Driver CD"),
  ],
] as const;
