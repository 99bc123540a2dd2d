// Foreign disks into a pool's formats: a volume holding a VMware (vmdk), Hyper-V (vhdx, vhd),
// VirtualBox (vdi), qcow2 or raw image — uploaded or downloaded as it came — copied by
// `qemu-img convert` into a new qcow2 or raw volume of the same pool, with progress. The source
// is looked at first (`qemu-img info`): a backing file, or a vmdk whose extents are other files
// (a descriptor naming any file on this machine), is refused. The files are read and written on
// this machine, so only local folder pools.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { VolumeInfo } from "../../shared/storage.ts";
import { checkImageFits } from "./image_bounds.ts";
import { checkVolumeSource, createPinnedVolume, localPoolRoot } from "./pinned_volume.ts";
import { pinPoolFile } from "./pinned_file.ts";
import { privateCopy } from "./pinned_copy.ts";
import { sourceRefused, whereOf } from "./disk_sources.ts";
import {
  fileNode,
  type ImageInfo,
  jsonSpec,
  qemuImgInfo,
  qemuImgWithProgress,
} from "./qemu_img.ts";

export type { ImageInfo } from "./qemu_img.ts";

/** qemu-img's names of the formats a foreign disk may come in. */
export const SOURCE_FORMATS = ["vmdk", "vhdx", "vpc", "vdi", "qcow2", "raw"] as const;

/**
 * What the source is, or the refusal in words. `ownExtent`: whether a vmdk extent's file is the
 * source's own (by default: the same path), not another file on this machine.
 */
export async function inspectSource(
  path: string,
  name: string,
  ownExtent: (file: string) => boolean = (file) => file === path,
): Promise<ImageInfo> {
  // No probing of a backing chain (none is allowed).
  const r = await qemuImgInfo(path);
  if ("error" in r) {
    throw new AppError(
      "INVALID_FORMAT",
      t("{{name}} is no disk image qemu-img can read: {{reason}}", { name, reason: r.error }),
    );
  }
  const info = r.info;
  if (!(SOURCE_FORMATS as readonly string[]).includes(info.format)) {
    throw new AppError(
      "INVALID_FORMAT",
      t("{{name}} is {{format}}: vmdk, vhdx, vhd, vdi, qcow2 and raw images are converted", {
        name,
        format: info.format,
      }),
    );
  }
  if (info["backing-filename"]) {
    throw new AppError(
      "DISK_SOURCE_REFUSED",
      t("{{name}} has a backing file ({{backing}}): only whole images are converted", {
        name,
        backing: info["backing-filename"],
      }),
    );
  }
  if (info["format-specific"]?.data?.["data-file"]) {
    throw new AppError(
      "DISK_SOURCE_REFUSED",
      t("{{name}} is a qcow2 image with an external data file: only whole images are converted", {
        name,
      }),
    );
  }
  const extents = info["format-specific"]?.data?.extents ?? [];
  const elsewhere = extents.find((e) => !ownExtent(e.filename));
  if (elsewhere) {
    throw new AppError(
      "DISK_SOURCE_REFUSED",
      t(
        "{{name}} is a vmdk descriptor whose data is in another file ({{file}}): upload a single-file vmdk (monolithicSparse or streamOptimized)",
        {
          name,
          file: elsewhere.filename,
        },
      ),
    );
  }
  return info;
}

/**
 * Converts `source` into a new volume `name` of its pool in `format`: libvirt makes the volume
 * (its owner and mode; createPinnedVolume), qemu-img fills it (`-n`). The source is opened once
 * and checked inside the pool (pinned_volume.ts), and its bytes are first copied into a private
 * file nobody else can reach (privateCopy): the header is inspected, and the conversion run, on
 * that copy. The source itself may be rewritten in place while we work (a vmdk turned into a
 * descriptor naming a file outside between `qemu-img info` and `convert` made the conversion
 * copy that file in a review); the copy cannot. qemu-img reaches both files only through opened
 * files, the copy named with its format and no backing. The copy and the declared size are
 * bounded (image_bounds.ts) before qemu-img runs. A failure or a cancel deletes the new volume;
 * the copy vanishes with its descriptor.
 */
export async function convertVolume(
  client: LibvirtClient,
  source: VolumeInfo,
  { name, format }: { name: string; format: "qcow2" | "raw" },
): Promise<void> {
  if (whereOf(client.uri) !== "local") {
    throw new AppError(
      "NOT_ON_REMOTE_HOST",
      t("Converting a disk reads and writes its files with qemu-img on this machine: not on a remote host"),
    );
  }
  const label = `Volume ${source.name}`;
  await checkVolumeSource({ client, path: source.path, label, readonly: true, sizes: false });
  const root = await localPoolRoot(client, source.pool);
  if (root === null) {
    throw sourceRefused(
      label,
      t("{{path}} is not a file of a local folder pool", { path: source.path }),
    );
  }
  await using pinned = await pinPoolFile({ path: source.path, root, label });
  await using copy = await privateCopy(client, {
    from: pinned.path,
    size: pinned.size,
    pool: source.pool,
    root,
    label,
    part: [0, 0.5],
  });
  await pinned.close();
  const from = copy.path;
  const probe = jsonSpec({ file: fileNode(from), backing: null });
  const info = await inspectSource(probe, source.name, (file) => file === from);
  await checkImageFits({ client, pool: source.pool, bytes: info["virtual-size"], label });
  const made: string[] = [];
  try {
    await using target = (await createPinnedVolume(client, {
      pool: source.pool,
      name,
      bytes: info["virtual-size"],
      format,
      label,
      made,
    })).file;
    const failed = await qemuImgWithProgress([
      "convert",
      "-p",
      "-n",
      "-O",
      format,
      jsonSpec({ driver: info.format, file: fileNode(from), backing: null }),
      target.path,
    ], [0.5, 1]);
    if (failed) {
      throw new AppError(
        "IoError",
        t("Failed to convert {{name}}: {{reason}}", { name: source.name, reason: failed }),
      );
    }
  } catch (err) {
    if (made.length) await client.call("volumeDeleteIn", source.pool, name).catch(() => {});
    throw err;
  }
}
