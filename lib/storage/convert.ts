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
import { whereOf } from "../vms/disk_sources.ts";
import { volumeXml } from "../xml/volume_xml.ts";
import { qemuImgWithProgress } from "./qemu_img.ts";

/** qemu-img's names of the formats a foreign disk may come in. */
export const SOURCE_FORMATS = ["vmdk", "vhdx", "vpc", "vdi", "qcow2", "raw"] as const;

export interface ImageInfo {
  format: string;
  "virtual-size": number;
  "backing-filename"?: string;
  "format-specific"?: { type: string; data?: { extents?: { filename: string }[] } };
}

async function qemuImg(args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  const r = await new Deno.Command("qemu-img", { args, stdout: "piped", stderr: "piped" })
    .output();
  const dec = new TextDecoder();
  return { ok: r.success, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

/**
 * What the source is, or the refusal in words. `ownExtent`: whether a vmdk extent's file is the
 * source's own (by default: the same path), not another file on this machine.
 */
export async function inspectSource(
  path: string,
  name: string,
  ownExtent: (file: string) => boolean = (file) => file === path,
): Promise<ImageInfo> {
  // -U: read while another holds the image; no probing of a backing chain (none is allowed).
  const r = await qemuImg(["info", "-U", "--output=json", path]);
  if (!r.ok) {
    throw new AppError(
      "INVALID_FORMAT",
      t("{{name}} is no disk image qemu-img can read: {{reason}}", {
        name,
        reason: r.err.trim().split("\n").at(-1) ?? "",
      }),
    );
  }
  const info = JSON.parse(r.out) as ImageInfo;
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
 * (its owner and mode), qemu-img fills it (`-n`). A failure deletes the new volume.
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
  const info = await inspectSource(source.path, source.name);
  const made = await client.call(
    "volumeCreate",
    source.pool,
    volumeXml(name, info["virtual-size"], format),
  );
  try {
    const failed = await qemuImgWithProgress(
      ["convert", "-p", "-n", "-f", info.format, "-O", format, source.path, made.path],
    );
    if (failed) {
      throw new AppError(
        "IoError",
        t("Failed to convert {{name}}: {{reason}}", { name: source.name, reason: failed }),
      );
    }
  } catch (err) {
    await client.call("volumeDeleteIn", source.pool, name).catch(() => {});
    throw err;
  }
}
