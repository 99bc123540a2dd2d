// Where a download's bytes go: straight into the volume's file when the pool is a folder on this
// machine, written on a thread of its own that also checksums them (piece_thread.ts: as fast as
// curl), else through libvirt's upload stream (remote hosts, block pools), which passes every
// byte through libvirtd and its I/O helper. The file is opened once inside its pool, never
// through a link (lib/storage/pinned_file.ts), and the thread writes through what was opened.

import type { LibvirtClient, Transfer } from "../../ffi/libvirt/client.ts";
import { FILE_POOLS, whereOf } from "../storage/disk_sources.ts";
import { poolFacts } from "../xml/pool_xml.ts";
import { type PinnedFile, pinPoolFile } from "../storage/pinned_file.ts";
import { checkNewFile } from "../storage/pinned_volume.ts";
import { PieceThread } from "./piece_thread.ts";

export interface VolumeSink {
  /** How the bytes travel, for the task's words and the benchmark. */
  kind: "file" | "libvirt";
  /** Whether finish() answers the checksum asked for (of the whole file, `from` included). */
  hashes: boolean;
  /** Writes `piece`; its buffer may be filled again once this resolves, not before. */
  write(piece: Uint8Array<ArrayBuffer>): Promise<void>;
  /**
   * All written and kept: libvirt reports a failure on its side (disk full …) here, a file is
   * synced. The checksum in hex when `hashes`, else null.
   */
  finish(): Promise<string | null>;
  /** Stops without finishing; never throws. */
  abort(): Promise<void>;
}

/**
 * Whether `pool` is a folder of this machine, whose volumes a download writes as files (and can
 * go on with after a restart); else they go through libvirt's upload stream.
 */
export async function isLocalFilePool(client: LibvirtClient, pool: string): Promise<boolean> {
  return await localPoolFolder(client, pool) !== null;
}

/**
 * The folder of `pool` when it is a folder of this machine (a dir, fs or netfs pool), whose
 * volumes are files inside it; else null.
 */
export async function localPoolFolder(client: LibvirtClient, pool: string): Promise<string | null> {
  if (whereOf(client.uri) !== "local") return null;
  const facts = await client.call("poolGet", pool).then((p) => poolFacts(p.xml), () => null);
  return facts !== null && FILE_POOLS.has(facts.type) ? facts.path : null;
}

/**
 * The sink for volume `name` at `path` of `pool`. `viaLibvirt`: the stream even where the file
 * could be written (tests prove the path remote hosts and block pools take on a local pool).
 */
export async function openVolumeSink(
  client: LibvirtClient,
  { pool, name, path, length }: { pool: string; name: string; path: string; length: number },
  { viaLibvirt = false, from = 0, algorithm = null, signal, file, fresh }: {
    viaLibvirt?: boolean;
    /** The file already opened by the caller (a resume: download_resume.ts), who closes it. */
    file?: PinnedFile;
    /** Append after this many bytes already in the file (a download going on after a restart). */
    from?: number;
    /** The checksum of what is written (the bytes before `from` too), where the sink can take it. */
    algorithm?: string | null;
    /** The download's stop: a file's writing thread ends at once (piece_thread.ts). */
    signal?: AbortSignal;
    /**
     * The volume libvirt has just made (asked for at `since`, `size` bytes long): the file
     * opened must be that one (checkNewFile), not one renamed over its name meanwhile.
     */
    fresh?: { since: number; size: number };
  } = {},
): Promise<VolumeSink> {
  const folder = viaLibvirt ? null : await localPoolFolder(client, pool);
  if (folder !== null) {
    // The file libvirt just made (empty, its owner and mode as libvirt set them), or the one a
    // cut download left, cut to the bytes that count and written on from there.
    const own = file ? null : await pinPoolFile({ path, root: folder, label: name, write: true });
    if (own && fresh) {
      await checkNewFile(client, { file: own, pool, label: name, ...fresh }).catch(async (err) => {
        await own.close();
        throw err;
      });
    }
    const opened = (file ?? own)!;
    const thread = new PieceThread({ algorithm, file: { path: opened.path, from }, signal });
    return {
      kind: "file",
      hashes: algorithm !== null,
      write: (piece) => thread.give(piece),
      finish: async () => {
        try {
          return await thread.finish();
        } finally {
          await own?.close();
        }
      },
      abort: async () => {
        thread.close();
        await own?.close().catch(() => {});
      },
    };
  }
  const transfer: Transfer = await client.openTransfer();
  try {
    // Length 0: to the stream's end (an unpacked size is not known before).
    await transfer.call("uploadBegin", pool, name, length);
  } catch (err) {
    await transfer.close();
    throw err;
  }
  return {
    kind: "libvirt",
    hashes: false,
    async write(piece) {
      // A copy: the caller fills the piece's buffer again once this resolves, and the call may
      // post it to the worker later than now.
      await transfer.call("uploadChunk", piece.slice());
    },
    async finish() {
      try {
        await transfer.call("uploadFinish");
      } finally {
        await transfer.close();
      }
      return null;
    },
    async abort() {
      await transfer.call("transferAbort").catch(() => {});
      await transfer.close().catch(() => {});
    },
  };
}
