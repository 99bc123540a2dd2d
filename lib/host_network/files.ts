// Reading and writing the host's network files: the interfaces file bounded in size, and every
// write whole or not at all, synced to disk before it counts (an admin cut off by a change may
// power-cycle the host), keeping the file's mode and owner (a 0600 file holding Wi-Fi keys stays
// 0600) and writing through a symlink to the file it points at.

import { dirname } from "node:path";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

/** Far above any host's interfaces file; bounds what is read, diffed and kept. */
export const INTERFACES_MAX_BYTES = 256 * 1024;

/** The file's text ("" when there is none), refused past INTERFACES_MAX_BYTES. */
export async function readInterfaces(path: string): Promise<string> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return "";
    throw err;
  }
  let size: number;
  try {
    size = (await file.stat()).size;
  } catch (err) {
    file.close();
    throw err;
  }
  if (size > INTERFACES_MAX_BYTES) {
    file.close();
    throw new AppError(
      "HOST_NETWORK_APPLY_FAILED",
      t("{{path}} is larger than {{max}} KiB: KVM Manager does not change it", {
        path,
        max: String(INTERFACES_MAX_BYTES / 1024),
      }),
    );
  }
  // The stream closes the file when read to its end.
  return await new Response(file.readable).text();
}

/**
 * Writes `text` to `path` whole, synced, with the mode and owner the file had (`newMode` for a
 * file that did not exist: 0600 for copies that may hold the interfaces file's secrets).
 */
export async function writeDurably(path: string, text: string, newMode = 0o644): Promise<void> {
  const target = await Deno.realPath(path).catch(() => path);
  const before = await Deno.stat(target).catch(() => null);
  const dir = dirname(target);
  const tmp = `${target}.kvmm-${crypto.randomUUID()}`;
  try {
    await Deno.writeTextFile(tmp, text, { createNew: true, mode: 0o600 });
    if (before) {
      if (before.uid !== null && before.gid !== null) await Deno.chown(tmp, before.uid, before.gid);
      await Deno.chmod(tmp, before.mode! & 0o7777);
    } else {
      await Deno.chmod(tmp, newMode);
    }
    const file = await Deno.open(tmp, { read: true, write: true });
    try {
      await file.sync();
    } finally {
      file.close();
    }
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
  await Deno.rename(tmp, target);
  // The rename itself is durable only once the folder is synced.
  const folder = await Deno.open(dir);
  try {
    await folder.sync();
  } finally {
    folder.close();
  }
}

/** A file of ours beside the data (staged copy, pending change), or null when there is none. */
export async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}
