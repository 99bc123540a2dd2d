// Volumes opened once for the routes that read or write their files on this machine (resize,
// convert, flatten, upload, backup restore): each file pinned inside its pool's real folder
// (pinned_file.ts), and an image with a backing chain described to qemu-img as a json: name
// of the pinned files, so qemu-img opens those very files and nothing a header or a link names.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { VolumeSnapshot } from "../../ffi/libvirt/ops/storage.ts";
import { volumeXml } from "../xml/volume_xml.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { checkSourcePath, FILE_POOLS, sourceRefused, whereOf } from "./disk_sources.ts";
import { poolFacts } from "../xml/pool_xml.ts";
import { parseXml, text } from "../xml/parser.ts";
import { volumeAt } from "./lookups.ts";
import { type PinnedFile, pinPoolFile } from "./pinned_file.ts";
import { fileNode, type ImageInfo, jsonSpec, qemuImgInfo, qemuImgRun } from "./qemu_img.ts";
import { callMake } from "../../ffi/libvirt/late_undo.ts";

/** Formats a backing chain may hold: ones whose data is in their own file. */
const CHAIN_FORMATS = new Set(["qcow2", "raw"]);
const MAX_CHAIN = 16;

/**
 * The one disk-source check (lib/storage/disk_sources.ts) of the file at `path`, thrown as 400
 * DISK_SOURCE_REFUSED labelled `label`; a file that vanishes or changes kind while it is looked
 * at (a name being swapped) is refused the same way, not answered with a 500.
 */
export async function checkVolumeSource(
  { client, path, label, readonly = false, backing = false, sizes = true }: {
    client: LibvirtClient;
    path: string;
    label: string;
    readonly?: boolean;
    backing?: boolean;
    sizes?: boolean;
  },
): Promise<void> {
  const checked = await checkSourcePath({ client, path, readonly, backing, sizes }).catch(
    (err) => {
      if (err instanceof AppError || !(err instanceof Deno.errors.NotFound)) throw err;
      return { refusal: { reason: t("{{path}} does not exist", { path }) } };
    },
  );
  if ("refusal" in checked) throw sourceRefused(label, checked.refusal.reason);
}

/** A pool's folder when its volumes are files on this machine (dir, fs, netfs), else null. */
export async function localPoolRoot(client: LibvirtClient, pool: string): Promise<string | null> {
  if (whereOf(client.uri) !== "local") return null;
  const p = await client.call("poolGet", pool).catch((err) => {
    throw fromLibvirt(err, { failed: t("Storage pool {{name}} not found", { name: pool }) });
  });
  const facts = poolFacts(p.xml);
  return facts.path && FILE_POOLS.has(facts.type) ? facts.path : null;
}

/**
 * The volume's file opened and checked inside its pool's folder, or null when its pool's volumes
 * are no files here (a remote host, a block pool). `write`: it will be changed (no hard links).
 */
export async function pinVolume(
  client: LibvirtClient,
  vol: { pool: string; name: string; path: string },
  { write = false, label = `Volume ${vol.name}` }: { write?: boolean; label?: string } = {},
): Promise<PinnedFile | null> {
  const root = await localPoolRoot(client, vol.pool);
  if (root === null) return null;
  return await pinPoolFile({ path: vol.path, root, label, write });
}

/**
 * How much older than the request that made it a new file's ctime may look: file systems stamp
 * times from a coarse clock (a few ms behind the one Date.now() reads).
 */
const CTIME_SLACK_MS = 2000;

/**
 * The owners libvirt gives a file it makes in pool `pool`: the daemon's own user (root for
 * qemu:///system, ours for qemu:///session; volume XML without <permissions> keeps it) or the
 * owner and group the pool's XML names.
 */
async function newFileOwners(
  client: LibvirtClient,
  pool: string,
): Promise<{ uids: Set<number>; gids: Set<number> }> {
  const session = /\/session(\?|$)/.test(client.uri);
  const uids = new Set([session ? Deno.uid() ?? 0 : 0]);
  const gids = new Set([session ? Deno.gid() ?? 0 : 0]);
  const xml = await client.call("poolGet", pool).then((p) => p.xml, () => "");
  try {
    const perms = parseXml(xml).pool?.target?.permissions ?? {};
    const owner = Number(text(perms.owner) ?? -1), group = Number(text(perms.group) ?? -1);
    if (Number.isInteger(owner) && owner >= 0) uids.add(owner);
    if (Number.isInteger(group) && group >= 0) gids.add(group);
  } catch {
    // Unreadable: the daemon's own user only.
  }
  return { uids, gids };
}

/**
 * Checks that the pinned `file` is the one libvirt just made for us: `size` bytes (nothing
 * written yet), owned as libvirt makes files in `pool` (newFileOwners), and changed no earlier
 * than `since` (when we asked for it). Someone who can write the pool's folder could otherwise
 * rename a file of their own over the new name between libvirt making it and our opening it,
 * and receive what we write. Throws 400 DISK_SOURCE_REFUSED.
 */
export async function checkNewFile(
  client: LibvirtClient,
  { file, pool, since, size = 0, label }: {
    file: PinnedFile;
    pool: string;
    since: number;
    size?: number;
    label: string;
  },
): Promise<void> {
  const info = await Deno.stat(file.path);
  const { uids, gids } = await newFileOwners(client, pool);
  const why = info.size !== size
    ? t("{{path}} holds {{size}} bytes, not the {{expected}} of the new volume", {
      path: file.given,
      size: String(info.size),
      expected: String(size),
    })
    : info.uid === null || info.gid === null || !uids.has(info.uid) || !gids.has(info.gid)
    ? t("{{path}} belongs to {{owner}}, not to the owner libvirt gives new volumes", {
      path: file.given,
      owner: `${info.uid}:${info.gid}`,
    })
    : !info.ctime || info.ctime.getTime() < since - CTIME_SLACK_MS
    ? t("{{path}} is older than the new volume", { path: file.given })
    : null;
  if (why) {
    throw sourceRefused(label, t("{{reason}}: it was replaced after it was made", { reason: why }));
  }
}

/**
 * The volume at `path` that libvirt has just made in `pool` (asked for at `since`, `size` bytes
 * long), opened for writing and checked to be that very file (checkNewFile); null when the
 * pool's volumes are no files here.
 */
export async function pinNewVolume(
  client: LibvirtClient,
  vol: { pool: string; name: string; path: string },
  { since, size = 0, label = `Volume ${vol.name}` }: {
    since: number;
    size?: number;
    label?: string;
  },
): Promise<PinnedFile | null> {
  const file = await pinVolume(client, vol, { write: true, label });
  if (!file) return null;
  try {
    await checkNewFile(client, { file, pool: vol.pool, since, size, label });
    return file;
  } catch (err) {
    await file.close();
    throw err;
  }
}

/** An image and its backing chain, every file pinned; `spec` names them all to qemu-img. */
export interface PinnedChain extends AsyncDisposable {
  /** The top image first, then each backing file. */
  readonly files: PinnedFile[];
  /** Each file's format, in the same order. */
  readonly formats: string[];
  /** The top image's virtual size. */
  readonly virtualSize: number;
  /** The json: name of the top image whose backing nodes are the pinned files (the last: none). */
  readonly spec: string;
  /** The same chain as a node, for a qemu-img option that takes one. */
  readonly node: Record<string, unknown>;
  close(): Promise<void>;
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf("/")) || "/";

/** qemu-img's words about one pinned file (no backing opened), or the refusal. */
export async function infoOf(
  file: PinnedFile,
  format: string | null,
  label: string,
): Promise<ImageInfo> {
  const node: Record<string, unknown> = { file: fileNode(file.path), backing: null };
  if (format) node.driver = format;
  const r = await qemuImgInfo(jsonSpec(node));
  if ("error" in r) {
    throw sourceRefused(
      label,
      t("{{path}} cannot be read: {{error}}", {
        path: file.given,
        error: r.error,
      }),
    );
  }
  if (r.info["format-specific"]?.data?.["data-file"]) {
    throw sourceRefused(
      label,
      t("{{path}} is a qcow2 image with an external data file", { path: file.given }),
    );
  }
  return r.info;
}

/**
 * Pins `vol` (for writing when `write`) and each file of its backing chain, each checked inside
 * the folder of the pool libvirt says holds it; only qcow2 and raw images, at most 16 deep.
 * `backing`: whether a backing file is allowed at all. Throws 400 DISK_SOURCE_REFUSED; local
 * file pools only (the caller checks).
 */
export async function pinChain(
  client: LibvirtClient,
  vol: { pool: string; name: string; path: string; format?: string | null },
  { write = false, backing = true, label = `Volume ${vol.name}` }: {
    write?: boolean;
    backing?: boolean;
    label?: string;
  } = {},
): Promise<PinnedChain> {
  const files: PinnedFile[] = [];
  const formats: string[] = [];
  const close = async () => {
    for (const f of files.splice(0)) await f.close();
  };
  try {
    let at: { pool: string; path: string } = vol;
    let format: string | null = vol.format ?? null;
    let virtualSize = 0;
    for (let depth = 0;; depth++) {
      const root = await localPoolRoot(client, at.pool);
      if (root === null) {
        throw sourceRefused(
          label,
          t("{{path}} is not a file of a local folder pool", { path: at.path }),
        );
      }
      const file = await pinPoolFile({ path: at.path, root, label, write: write && depth === 0 });
      files.push(file);
      const info = await infoOf(file, format && CHAIN_FORMATS.has(format) ? format : null, label);
      if (!CHAIN_FORMATS.has(info.format)) {
        throw sourceRefused(
          label,
          t("{{path}} is {{format}}: a backing chain holds only qcow2 and raw images", {
            path: file.given,
            format: info.format,
          }),
        );
      }
      formats.push(info.format);
      if (depth === 0) virtualSize = info["virtual-size"];
      const next = info["backing-filename"];
      if (!next) break;
      if (!backing) {
        throw sourceRefused(
          label,
          t("{{path}} has a backing file ({{backing}})", { path: file.given, backing: next }),
        );
      }
      if (depth + 1 >= MAX_CHAIN) {
        throw sourceRefused(
          label,
          t("{{path}} has a backing chain deeper than {{max}}", {
            path: file.given,
            max: String(MAX_CHAIN),
          }),
        );
      }
      const full = next.startsWith("/") ? next : `${dirOf(file.given)}/${next}`;
      const below = await volumeAt({ client, path: full });
      if (!below) {
        throw sourceRefused(
          label,
          t("backing file of {{path}}: {{reason}}", {
            path: file.given,
            reason: t("{{path}} is not a volume of a storage pool", { path: full }),
          }),
        );
      }
      at = below;
      format = info["backing-filename-format"] ?? below.format;
    }
    // Innermost first: each node's backing is the one below, the last has none.
    let node: Record<string, unknown> | null = null;
    for (let i = files.length - 1; i >= 0; i--) {
      node = { driver: formats[i], file: fileNode(files[i].path), backing: node };
    }
    return {
      files,
      formats,
      virtualSize,
      node: node!,
      spec: jsonSpec(node!),
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (err) {
    await close();
    if (err instanceof AppError) throw err;
    throw sourceRefused(label, (err as Error).message);
  }
}

/** A new volume made through its pinned file: where, how large, in what format, over what. */
export interface PinnedVolumeSpec {
  pool: string;
  name: string;
  bytes: number;
  format: "qcow2" | "raw";
  /** What refusals call the volume. */
  label: string;
  /** Names of what was made, for the caller's clean-up. */
  made: string[];
  backing?: { path: string; format: string };
}

/**
 * Makes new volume `name` of local folder pool `pool` and opens it for writing: libvirt makes an
 * empty raw file (opened with O_EXCL, then changed only through that descriptor, so a link
 * swapped in never leads it elsewhere), which we pin and then size or format through the opened
 * file. libvirt's own qcow2 creation runs `qemu-img create`, which opens the path again by name.
 * `backing`: a qcow2 overlay of that image, whose name is only written into the header (`-u`:
 * qemu-img does not open it). The volume's name goes into `made` as soon as it exists, for the
 * caller's clean-up.
 */
export async function createPinnedVolume(
  client: LibvirtClient,
  { pool, name, bytes, format, label, made, backing }: PinnedVolumeSpec,
): Promise<{ vol: VolumeSnapshot; file: PinnedFile }> {
  const since = Date.now();
  const vol = await callMake(client, "volumeCreate", pool, volumeXml(name, 0, "raw")).catch(
    (err) => {
      throw fromLibvirt(err, { failed: t("Failed to create volume {{name}}", { name }) });
    },
  );
  made.push(name);
  // The empty file libvirt made, not one renamed over its name meanwhile (checkNewFile).
  const file = await pinNewVolume(client, { ...vol, pool, name }, { since, label });
  if (!file) {
    throw sourceRefused(
      label,
      t("{{path}} is not a file of a local folder pool", { path: vol.path }),
    );
  }
  try {
    if (format === "raw") {
      using out = await Deno.open(file.path, { write: true });
      await out.truncate(bytes);
    } else {
      const base = backing ? ["-u", "-b", backing.path, "-F", backing.format] : [];
      const args = ["create", "-q", "-f", "qcow2", ...base, file.path, String(bytes)];
      const failed = await qemuImgRun(args);
      if (failed !== null) {
        throw new AppError(
          "IoError",
          t("Failed to create volume {{name}}: {{reason}}", { name, reason: failed }),
        );
      }
    }
    return { vol, file };
  } catch (err) {
    await file.close();
    throw err;
  }
}
