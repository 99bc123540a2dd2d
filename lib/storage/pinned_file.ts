// A pool's file opened once and checked at the moment of use: opened without following a link
// in its last name, then what was opened (/proc/self/fd/N) must be a regular file inside the
// pool's real folder. Whatever then happens to the name (a link swapped in, the file renamed),
// our own reads and writes and the programs we start (qemu-img) reach the very file that was
// checked, through /proc/PID/fd/N. Checking a path and then opening it by name again would let
// a link swapped in between lead anywhere on the host.

import { closeFd, openNoFollow } from "../../ffi/libc/files.ts";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

/** A checked open file of a pool; close it (or `await using`) when done. */
export interface PinnedFile extends AsyncDisposable {
  /** The path as given. */
  readonly given: string;
  /** Where the opened file really is. */
  readonly real: string;
  /** The opened file itself, for Deno.open and child processes: /proc/PID/fd/N. */
  readonly path: string;
  /** Its size in bytes when it was opened. */
  readonly size: number;
  close(): Promise<void>;
}

/**
 * What descriptor `fd` (opened without following a link) really is: its real path (" (deleted)"
 * at the end once unlinked), `folder`'s real path to hold it against, and the file's facts.
 */
export async function whereOpened(
  fd: number,
  folder: string,
): Promise<{ real: string; folder: string; info: Deno.FileInfo }> {
  const self = `/proc/self/fd/${fd}`;
  const [real, folderReal, info] = await Promise.all([
    Deno.readLink(self),
    Deno.realPath(folder),
    Deno.stat(self),
  ]);
  return { real, folder: folderReal, info };
}

const inside = (path: string, root: string) =>
  path.startsWith(root.endsWith("/") ? root : `${root}/`);

/** 400 DISK_SOURCE_REFUSED naming the file, as lib/storage/disk_sources.ts words it. */
function refused(label: string, reason: string): AppError {
  return new AppError("DISK_SOURCE_REFUSED", `${label}: ${reason}`, { source: label });
}

/** Why `path` could not be opened without following links, in words. */
async function openFailure(path: string): Promise<string> {
  try {
    const info = await Deno.lstat(path);
    if (info.isSymlink) {
      return t("{{path}} is a link: only a pool's own files are used", { path });
    }
    return t("{{path}} cannot be opened", { path });
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return t("{{path}} does not exist", { path });
    return t("{{path}} cannot be read: {{error}}", { path, error: (err as Error).message });
  }
}

/**
 * Opens the file at `path` for use and checks what was opened: a regular file whose real path
 * is inside the folder `root` (a pool's target path). `write`: the caller will change the file,
 * so a file with other hard links (which may be a file outside the pool) is refused too.
 * Throws 400 DISK_SOURCE_REFUSED, labelled `label`.
 */
export async function pinPoolFile(
  { path, root, label = path, write = false }: {
    path: string;
    root: string;
    label?: string;
    write?: boolean;
  },
): Promise<PinnedFile> {
  const fd = await openNoFollow(path);
  if (fd === null) throw refused(label, await openFailure(path));
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    await closeFd(fd);
  };
  try {
    const { real, folder: rootReal, info } = await whereOpened(fd, root);
    if (!real.startsWith("/") || real.endsWith(" (deleted)") || !inside(real, rootReal)) {
      throw refused(
        label,
        t("{{path}} leads to {{real}}, outside the pool's folder {{root}}", {
          path,
          real,
          root: rootReal,
        }),
      );
    }
    if (!info.isFile) throw refused(label, t("{{path}} is not a regular file", { path }));
    if (write && (info.nlink ?? 1) > 1) {
      throw refused(
        label,
        t("{{path}} has other hard links, which may be files outside the pool", { path }),
      );
    }
    return {
      given: path,
      real,
      path: `/proc/${Deno.pid}/fd/${fd}`,
      size: info.size,
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (err) {
    await close();
    if (err instanceof AppError) throw err;
    throw refused(
      label,
      t("{{path}} cannot be read: {{error}}", { path, error: (err as Error).message }),
    );
  }
}
