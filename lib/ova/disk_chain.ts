// A VM disk's files as an export reads them: the disk and each file of its backing chain opened
// once without following a link in its name and checked inside its pool's folder
// (lib/storage/pinned_file.ts), and qemu-img given a json: name that opens only those opened
// files, layer by layer (https://www.qemu.org/docs/master/system/qemu-block-drivers.html): the
// backing file named in an image's header is never opened by name, so a link swapped in after
// the check (lib/storage/disk_sources.ts) leads nowhere.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { t } from "../../shared/i18n/t.ts";
import { MAX_VOLUME_BYTES, sourceRefused } from "../storage/disk_sources.ts";
import { volumeAt } from "../storage/lookups.ts";
import { type PinnedFile, pinPoolFile } from "../storage/pinned_file.ts";
import { localPoolFolder } from "../images/volume_sink.ts";

/** What qemu-img info says of one file (its backing file not opened). */
interface LayerInfo {
  format: string;
  "virtual-size": number;
  "backing-filename"?: string;
  "backing-filename-format"?: string;
  "format-specific"?: {
    data?: { "data-file"?: string; extents?: { filename: string }[] };
  };
}

/** A json: node of qemu's block layer: a format driver over one opened file. */
interface Node {
  driver: string;
  file: { driver: "file"; filename: string };
  backing: Node | null;
}

/** The disk's files opened; `source` is qemu-img's name for the disk; close them when done. */
export interface PinnedChain extends AsyncDisposable {
  source: string;
  close(): Promise<void>;
}

const MAX_CHAIN = 16;
const dirOf = (path: string) => path.slice(0, path.lastIndexOf("/")) || "/";

async function layerInfo(path: string, format: string | null, label: string) {
  const args = ["info", "-U", "--output=json", ...(format ? ["-f", format] : []), path];
  const r = await new Deno.Command("qemu-img", { args, stdout: "piped", stderr: "piped" })
    .output();
  if (!r.success) {
    throw sourceRefused(
      label,
      t("{{path}} is no disk image qemu-img can read: {{reason}}", {
        path,
        reason: new TextDecoder().decode(r.stderr).trim().split("\n").at(-1) ?? "",
      }),
    );
  }
  return JSON.parse(new TextDecoder().decode(r.stdout)) as LayerInfo;
}

/**
 * Opens the disk at `path` (format `format`, null: as its header says) and its backing chain,
 * each a volume of a folder pool of this machine, read through what was opened. Throws 400
 * DISK_SOURCE_REFUSED, labelled `label`, when a file is no volume, leads out of its pool, is a
 * link, or names a data file or extent elsewhere.
 */
export async function pinDiskChain(
  client: LibvirtClient,
  { path, format, label }: { path: string; format: string | null; label: string },
): Promise<PinnedChain> {
  const files: PinnedFile[] = [];
  const close = async () => {
    for (const file of files.splice(0)) await file.close();
  };
  try {
    const layers: Node[] = [];
    for (let at: string | null = path, fmt = format; at !== null;) {
      if (layers.length >= MAX_CHAIN) {
        throw sourceRefused(
          label,
          t("{{path}} has a backing chain deeper than {{max}}", { path, max: String(MAX_CHAIN) }),
        );
      }
      const vol = await volumeAt({ client, path: at });
      if (!vol) {
        throw sourceRefused(label, t("{{path}} is not a volume of a storage pool", { path: at }));
      }
      const root = await localPoolFolder(client, vol.pool);
      if (!root) {
        throw sourceRefused(
          label,
          t("{{path}} is in pool '{{pool}}', not a folder pool of this machine", {
            path: at,
            pool: vol.pool,
          }),
        );
      }
      const file = await pinPoolFile({ path: at, root, label });
      files.push(file);
      const info = await layerInfo(file.path, fmt, label);
      const data = info["format-specific"]?.data;
      if (data?.["data-file"]) {
        throw sourceRefused(
          label,
          t("{{path}} is a qcow2 image with an external data file", { path: at }),
        );
      }
      const elsewhere = (data?.extents ?? []).find((e) => e.filename !== file.path);
      if (elsewhere) {
        throw sourceRefused(
          label,
          t("{{path}} is a vmdk descriptor whose data is in another file ({{file}})", {
            path: at,
            file: elsewhere.filename,
          }),
        );
      }
      if (info["virtual-size"] > MAX_VOLUME_BYTES) {
        throw sourceRefused(
          label,
          t("{{path}} declares more than the 64 TiB a volume may have", { path: at }),
        );
      }
      layers.push({
        driver: info.format,
        file: { driver: "file", filename: file.path },
        backing: null,
      });
      const backing = info["backing-filename"];
      if (backing && /^[a-z0-9+.-]+:/i.test(backing)) {
        throw sourceRefused(
          label,
          t("{{path}} has a backing file that is no file ({{backing}})", { path: at, backing }),
        );
      }
      at = backing ? (backing.startsWith("/") ? backing : `${dirOf(at)}/${backing}`) : null;
      fmt = info["backing-filename-format"] ?? null;
    }
    for (let i = layers.length - 1; i > 0; i--) layers[i - 1].backing = layers[i];
    return {
      source: `json:${JSON.stringify(layers[0])}`,
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
