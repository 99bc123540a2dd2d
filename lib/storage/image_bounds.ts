// The one bound on an image whose header declares its size (a disk to convert, an OVA's disk):
// before any qemu-img runs, its virtual size must fit in the target pool's free space and under
// the configured maximum. A header is the image's own claim: a 1 PiB qcow2 of a few KiB would
// otherwise start a conversion writing metadata for hours.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { MAX_VOLUME_BYTES, sizeText } from "./disk_sources.ts";

const GIB = 1024 ** 3;
/** The default largest image converted or imported: 16 TiB (`--max-image-gb`). */
export const DEFAULT_MAX_IMAGE_BYTES = 16 * 1024 * GIB;
/** The most the maximum may be set to: the largest volume KVM Manager makes (64 TiB). */
export const MAX_IMAGE_GB = MAX_VOLUME_BYTES / GIB;

let maxImageBytes = DEFAULT_MAX_IMAGE_BYTES;

/** Sets the maximum from the configuration (lib/compose.ts); app-wide, like the config. */
export function setMaxImageBytes(bytes: number | undefined): void {
  maxImageBytes = Math.min(bytes ?? DEFAULT_MAX_IMAGE_BYTES, MAX_VOLUME_BYTES);
}

/** The largest virtual size an image may declare now. */
export function maxImageSize(): number {
  return maxImageBytes;
}

/**
 * Refuses image `label` declaring `bytes` of virtual size before it is written into `pool`:
 * 400 DISK_SOURCE_REFUSED above the configured maximum, 507 NO_SPACE above the pool's free space.
 */
export async function checkImageFits(
  { client, pool, bytes, label }: {
    client: LibvirtClient;
    pool: string;
    bytes: number;
    label: string;
  },
): Promise<void> {
  if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > maxImageBytes) {
    throw new AppError(
      "DISK_SOURCE_REFUSED",
      t("{{name}} declares {{size}}, more than the {{max}} an image may have here", {
        name: label,
        size: Number.isFinite(bytes) ? sizeText(bytes) : String(bytes),
        max: sizeText(maxImageBytes),
      }),
      { source: label },
    );
  }
  const p = await client.call("poolGet", pool).catch((err) => {
    throw fromLibvirt(err, { failed: t("Storage pool {{name}} not found", { name: pool }) });
  });
  if (bytes > p.available) {
    throw new AppError(
      "NO_SPACE",
      t("{{name}} declares {{size}}, more than pool {{pool}} has free ({{free}})", {
        name: label,
        size: sizeText(bytes),
        pool,
        free: sizeText(p.available),
      }),
    );
  }
}
