// Going on with a download a server stop or crash cut: the bytes already in the volume's file are
// kept and hashed again by the thread that writes the rest (the checksum covers the whole file),
// and the rest is asked for with an HTTP range that must match the first answer's ETag or
// Last-Modified (remote_file.ts). Only a plain file written straight into a folder pool of this
// machine can go on from its middle: an unpacker's state (.gz, .xz, .zst) or libvirt's upload
// stream is lost with the process. The file is opened once, inside its pool and not through a
// link (lib/storage/pinned_file.ts), before anything is read or written: a link swapped in for it
// while the server was down is refused, and the thread writes through what was opened.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { t } from "../../shared/i18n/t.ts";
import { AppError } from "../errors.ts";
import { type PinnedFile, pinPoolFile } from "../storage/pinned_file.ts";
import type { DownloadRecord } from "./download_records.ts";
import { isLocalFilePool, localPoolFolder } from "./volume_sink.ts";

/** The stop reason a server's shutdown gives its downloads: they are kept to go on later. */
export const SERVER_STOPPED = new Error("the server stopped");

/** Whether a download into this volume could go on after a restart, or why not. */
export async function canResume(
  client: LibvirtClient,
  record: Pick<DownloadRecord, "packing" | "validator" | "pool">,
): Promise<string | null> {
  if (record.packing) {
    return t("it is unpacked on the way, which cannot go on from the middle");
  }
  if (!record.validator) {
    return t("the server named no ETag or Last-Modified to resume against");
  }
  if (!await isLocalFilePool(client, record.pool)) {
    return t("it goes through libvirt's upload stream, which cannot go on from the middle");
  }
  return null;
}

/**
 * The download's file opened to be written on (its `size`: the bytes already in it, which the
 * volume sink hashes again); close it when done. Throws 400 DISK_SOURCE_REFUSED when the name
 * is a link, leads out of the pool or has other hard links.
 */
export async function resumePoint(
  client: LibvirtClient,
  record: DownloadRecord,
): Promise<PinnedFile> {
  const root = await localPoolFolder(client, record.pool);
  if (!root) {
    throw new AppError(
      "DOWNLOAD_INTERRUPTED",
      t("pool '{{pool}}' is no folder of this machine", {
        pool: record.pool,
      }),
    );
  }
  return await pinPoolFile({ path: record.path, root, label: record.name, write: true });
}
