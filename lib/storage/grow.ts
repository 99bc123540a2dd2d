// Growing a volume of a local folder pool through its file opened once and checked inside the
// pool (pinned_volume.ts): a raw file is lengthened (sparse, as libvirt does), a qcow2 image
// resized by qemu-img through the opened file with no backing file or data file opened. The
// format is the one libvirt knows the volume by, never probed from the file's bytes (a guest
// can write any header into its raw disk).

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { VolumeInfo } from "../../shared/storage.ts";
import { pinPoolFile } from "./pinned_file.ts";
import { infoOf } from "./pinned_volume.ts";
import { fileNode, jsonSpec, qemuImgRun } from "./qemu_img.ts";

const sizeText = (bytes: number) => `${+(bytes / 1024 ** 3).toFixed(2)} GB`;

/**
 * Grows `vol`'s file (in the pool folder `root`) to `bytes`. `onlyGrow(capacity)`: the refusal
 * when the file already is that large. What it may grow by must fit in the pool's free space.
 */
export async function growFile(
  client: LibvirtClient,
  vol: VolumeInfo,
  root: string,
  bytes: number,
  onlyGrow: (capacity: number) => AppError,
): Promise<void> {
  const label = `Volume ${vol.name}`;
  await using file = await pinPoolFile({ path: vol.path, root, label, write: true });
  const p = await client.call("poolGet", vol.pool).catch((err) => {
    throw fromLibvirt(err, { failed: t("Storage pool {{name}} not found", { name: vol.pool }) });
  });
  if (bytes - vol.allocationBytes > p.available) {
    throw new AppError(
      "NO_SPACE",
      t("Not enough space in {{pool}}: {{name}} may grow to {{size}}, {{free}} are free", {
        pool: vol.pool,
        name: vol.name,
        size: sizeText(bytes),
        free: sizeText(p.available),
      }),
    );
  }
  if (vol.format === "raw" || vol.format === null) {
    if (bytes <= file.size) throw onlyGrow(file.size);
    using out = await Deno.open(file.path, { write: true });
    await out.truncate(bytes);
    return;
  }
  if (vol.format !== "qcow2") {
    throw new AppError(
      "INVALID_FORMAT",
      t("{{name}} is {{format}}: only raw and qcow2 volumes can be resized", {
        name: vol.name,
        format: vol.format,
      }),
    );
  }
  const spec = jsonSpec({ driver: "qcow2", file: fileNode(file.path), backing: null });
  const info = await infoOf(file, "qcow2", label);
  if (bytes <= info["virtual-size"]) throw onlyGrow(info["virtual-size"]);
  const failed = await qemuImgRun(["resize", spec, String(bytes)]);
  if (failed !== null) {
    throw new AppError(
      "IoError",
      t("Failed to resize volume {{name}}: {{reason}}", { name: vol.name, reason: failed }),
    );
  }
}
