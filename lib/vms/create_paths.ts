// The volume paths a create request names (install ISO, imported disks, base image, kernel,
// driver CD), each checked by lib/vms/create.ts as a volume of a storage pool, and an imported
// disk's format against the image's own.

import { t, tKey } from "../../shared/i18n/t.ts";
import type { FieldIssue, VmConfig } from "../../shared/vms.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { VolumeDetails } from "../storage/lookups.ts";
import { volumeFormat } from "../storage/disk_sources.ts";

/**
 * Paths a config names, each of which must be a volume of a storage pool that passes
 * lib/storage/disk_sources.ts; what the messages call each (t() where the issue is made).
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
 * The format field's issue when the imported image is declared in a format its header does not
 * show (volumeFormat: its header on this host). Declared qcow2, a file that is none would not
 * start: an error. Declared raw, a qcow2 header is only a warning: a raw disk's first bytes are
 * its guest's to write, and a format is never taken from what a guest wrote (libvirt's rule), so
 * raw stands unless the admin says otherwise. Null when it fits.
 */
export async function importFormatIssue(
  client: LibvirtClient,
  vol: VolumeDetails,
  config: VmConfig,
): Promise<{ issue: FieldIssue; warning: boolean } | null> {
  const real = await volumeFormat(client, vol);
  const format = config.diskFormat ?? "qcow2";
  if (real === null || (real === "qcow2") === (format === "qcow2")) return null;
  if (format === "raw") {
    return {
      warning: true,
      issue: {
        field: "diskFormat",
        message: t(
          "{{path}} starts as a qcow2 image does: choose qcow2 if it is one; a raw disk whose guest wrote that header stays raw",
          { path: vol.path },
        ),
      },
    };
  }
  return {
    warning: false,
    issue: {
      field: "diskFormat",
      message: real === "raw"
        ? t("{{path}} is a {{real}} image, not {{format}}: choose {{fit}}", {
          path: vol.path,
          real,
          format,
          fit: "raw",
        })
        : t("{{path}} is a {{real}} image: convert it to qcow2 or raw before importing it", {
          path: vol.path,
          real,
        }),
    },
  };
}
