// The volume paths a create request names (install ISO, imported disks, base image, kernel,
// driver CD), each checked by lib/vms/create.ts as a volume of a storage pool, and an imported
// disk's format against the image's own.

import { t, tKey } from "../../shared/i18n/t.ts";
import type { FieldIssue, VmConfig } from "../../shared/vms.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { VolumeDetails } from "../storage/lookups.ts";
import { volumeFormat } from "./disk_sources.ts";

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

/**
 * The format field's issue when the imported image is declared in a format it does not have:
 * QEMU would show a qcow2 file to the guest as its container, or refuse a raw one at start. The
 * image's own format is read by volumeFormat (its header on this host); null when it fits.
 */
export async function importFormatIssue(
  client: LibvirtClient,
  vol: VolumeDetails,
  config: VmConfig,
): Promise<FieldIssue | null> {
  const real = await volumeFormat(client, vol);
  const format = config.diskFormat ?? "qcow2";
  if (real === null || (real === "qcow2") === (format === "qcow2")) return null;
  return {
    field: "diskFormat",
    message: t("{{path}} is a {{real}} image, not {{format}}: choose {{fit}}", {
      path: vol.path,
      real,
      format,
      fit: real === "qcow2" ? "qcow2" : "raw",
    }),
  };
}
