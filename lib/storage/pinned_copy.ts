// New volumes and copies in local folder pools made only through opened files: a new volume
// (empty, or a qcow2 overlay) made empty by libvirt and formatted through the pinned file, a full
// copy of a volume (its pinned chain into a pinned new volume), and a private copy of an image's
// bytes that nobody else can change, so that what qemu-img inspects is what it then converts.
// libvirt's own qcow2 creation and copying run qemu-img on the volume's name, following a link
// swapped in for it (it overwrote a file outside the pool in a review).

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { VolumeSnapshot } from "../../ffi/libvirt/ops/storage.ts";
import { AppError } from "../errors.ts";
import { overlayXml, volumeXml } from "../xml/volume_xml.ts";
import { t } from "../../shared/i18n/t.ts";
import { checkImageFits } from "./image_bounds.ts";
import { type PinnedFile, pinPoolFile } from "./pinned_file.ts";
import {
  createPinnedVolume,
  localPoolRoot,
  pinChain,
  type PinnedVolumeSpec,
} from "./pinned_volume.ts";
import { fileNode, jsonSpec, qemuImgWithProgress } from "./qemu_img.ts";
import { callMake } from "../../ffi/libvirt/late_undo.ts";

/**
 * Makes new empty volume `name` (or a qcow2 overlay of `backing`) in local folder pool `pool`
 * through the pinned file (createPinnedVolume); null when the pool's volumes are no files here
 * (the caller asks libvirt, which makes them on their host). The name goes into `made` as soon
 * as libvirt made it; the pool is refreshed so libvirt sees the size and format written.
 */
export async function newLocalVolume(
  client: LibvirtClient,
  spec: PinnedVolumeSpec,
): Promise<VolumeSnapshot | null> {
  if (await localPoolRoot(client, spec.pool) === null) return null;
  const { vol, file } = await createPinnedVolume(client, spec);
  await file.close();
  await client.call("poolRefresh", spec.pool).catch(() => {});
  return vol;
}

/**
 * A new volume wherever its pool is: made through the pinned file in a local folder pool
 * (createPinnedVolume, `content` then written through it: `written`), by libvirt elsewhere (an
 * overlay by overlayXml; `content` is then the caller's to upload through libvirt, on the
 * volume's host). What it made is removed again when it fails. libvirt's errors are thrown as
 * they are (the caller words them).
 */
export async function newVolume(
  client: LibvirtClient,
  { pool, name, bytes, format, backing, content, label = name }: {
    pool: string;
    name: string;
    bytes: number;
    format: "qcow2" | "raw";
    backing?: { path: string; format: string };
    content?: Uint8Array<ArrayBuffer>;
    label?: string;
  },
): Promise<{ vol: VolumeSnapshot; written: boolean }> {
  const made: string[] = [];
  try {
    if (await localPoolRoot(client, pool) !== null) {
      const { vol, file } = await createPinnedVolume(client, {
        pool,
        name,
        bytes,
        format,
        backing,
        label,
        made,
      });
      try {
        if (content) {
          using out = await Deno.open(file.path, { write: true });
          for (let at = 0; at < content.length;) at += await out.write(content.subarray(at));
          await out.syncData();
        }
      } finally {
        await file.close();
      }
      await client.call("poolRefresh", pool).catch(() => {});
      return { vol, written: content !== undefined };
    }
    const xml = backing ? overlayXml(name, bytes, backing) : volumeXml(name, bytes, format);
    return { vol: await callMake(client, "volumeCreate", pool, xml), written: false };
  } catch (err) {
    for (const n of made) await client.call("volumeDeleteIn", pool, n).catch(() => {});
    throw err;
  }
}

/**
 * A full copy of `source` (every block its backing chain gives it) as new volume `name` of
 * local folder pool `pool`, in the source's format: the source's chain pinned (pinChain), the
 * new volume made through its pinned file, and `qemu-img convert -n` given only those opened
 * files; cancellable through the request's task. Null when either pool's volumes are no files
 * here (the caller asks libvirt). The name goes into `made` as soon as libvirt made it.
 * `format`: the copy's format, when not the source's.
 */
export async function copyLocalVolume(
  client: LibvirtClient,
  { source, pool, name, label, made, part, format: wanted }: {
    source: { pool: string; name: string; path: string; format?: string | null };
    pool: string;
    name: string;
    label: string;
    made: string[];
    part?: [number, number];
    format?: "qcow2" | "raw";
  },
): Promise<VolumeSnapshot | null> {
  if (
    await localPoolRoot(client, pool) === null ||
    await localPoolRoot(client, source.pool) === null
  ) return null;
  await using chain = await pinChain(client, source, { label });
  const format = wanted ?? chain.formats[0] as "qcow2" | "raw";
  const { vol, file } = await createPinnedVolume(client, {
    pool,
    name,
    bytes: chain.virtualSize,
    format,
    label,
    made,
  });
  try {
    const failed = await qemuImgWithProgress([
      "convert",
      "-p",
      "-n",
      "--target-is-zero",
      "-O",
      format,
      chain.spec,
      file.path,
    ], part);
    if (failed) {
      throw new AppError(
        "IoError",
        t("Failed to copy {{name}}: {{reason}}", { name: source.name, reason: failed }),
      );
    }
  } finally {
    await file.close();
  }
  await client.call("poolRefresh", pool).catch(() => {});
  return vol;
}

/** A private copy's file: its name is gone, only this process reaches it (`path`). */
export type PrivateCopy = PinnedFile;

/**
 * Copies `size` bytes from `offset` of the opened file `from` (a pinned file's path), as they are
 * (rounded up to whole 512-byte sectors, as qemu reads files), into a new file of folder `root` (pool `pool`'s) that only we can reach: made with
 * O_EXCL and mode 0600, opened and checked (pinPoolFile), then its name removed at once, so it
 * vanishes with its descriptor, also when the process dies. An image rewritten in place while it
 * is inspected and converted (a vmdk's header turned into a descriptor naming a file outside
 * between `qemu-img info` and `convert`) cannot change the copy. The copy must fit in the pool's
 * free space and under the image bound (image_bounds.ts); cancellable through the request's task.
 */
export async function privateCopy(
  client: LibvirtClient,
  { from, offset = 0, size, pool, root, label, part }: {
    from: string;
    offset?: number;
    size: number;
    pool: string;
    root: string;
    label: string;
    part?: [number, number];
  },
): Promise<PrivateCopy> {
  // Exactly these bytes, however the file grows or shrinks meanwhile (shrunk: qemu-img fails).
  const bytes = Math.ceil(size / 512) * 512;
  const spec = jsonSpec({ driver: "raw", offset, size: bytes, file: fileNode(from) });
  await checkImageFits({ client, pool, bytes, label });
  const name = `${root}/.kvmm-copy-${crypto.randomUUID()}`;
  let copy: PinnedFile | null = null;
  {
    using made = await Deno.open(name, { write: true, createNew: true, mode: 0o600 });
    const ours = await made.stat().catch(() => null);
    try {
      await made.truncate(bytes);
      copy = await pinPoolFile({ path: name, root, label, write: true });
      const pinned = await Deno.stat(copy.path);
      if (!ours || ours.ino !== pinned.ino || ours.dev !== pinned.dev) {
        throw new AppError(
          "DISK_SOURCE_REFUSED",
          t("{{name}}: the private copy {{path}} was replaced while it was made", {
            name: label,
            path: name,
          }),
        );
      }
    } catch (err) {
      // Closed on every way out but the one that hands it on.
      await copy?.close();
      throw err;
    } finally {
      // Only our own file loses its name (one put there meanwhile is someone else's).
      const there = await Deno.lstat(name).catch(() => null);
      if (ours && there && there.ino === ours.ino && there.dev === ours.dev) {
        await Deno.remove(name).catch(() => {});
      }
    }
  }
  try {
    const failed = await qemuImgWithProgress(
      ["convert", "-p", "-n", "--target-is-zero", "-O", "raw", spec, copy.path],
      part,
    );
    if (failed) {
      throw new AppError(
        "IoError",
        t("Failed to copy {{name}}: {{reason}}", { name: label, reason: failed }),
      );
    }
    return copy;
  } catch (err) {
    await copy.close();
    throw err;
  }
}
