// Where a download's bytes go: straight into the volume's file when the pool is a folder on this
// machine (as fast as the disk, like curl), else through libvirt's upload stream (remote hosts,
// block pools), which passes every byte through libvirtd and its I/O helper.

import type { LibvirtClient, Transfer } from "../../ffi/libvirt/client.ts";
import { whereOf } from "../vms/disk_sources.ts";
import { poolFacts } from "../xml/pool_xml.ts";

export interface VolumeSink {
  /** How the bytes travel, for the task's words and the benchmark. */
  kind: "file" | "libvirt";
  /** Writes `piece`; its buffer may be filled again once this resolves, not before. */
  write(piece: Uint8Array<ArrayBuffer>): Promise<void>;
  /** All written: libvirt reports a failure on its side (disk full …) here. */
  finish(): Promise<void>;
  /** Stops without finishing; never throws. */
  abort(): Promise<void>;
}

const FILE_POOLS = new Set(["dir", "fs", "netfs"]);

/**
 * The sink for volume `name` at `path` of `pool`. `viaLibvirt`: the stream even where the file
 * could be written (tests prove the path remote hosts and block pools take on a local pool).
 */
export async function openVolumeSink(
  client: LibvirtClient,
  { pool, name, path, length }: { pool: string; name: string; path: string; length: number },
  { viaLibvirt = false, from = 0 }: {
    viaLibvirt?: boolean;
    /** Append after this many bytes already in the file (a download going on after a restart). */
    from?: number;
  } = {},
): Promise<VolumeSink> {
  const facts = await client.call("poolGet", pool).then((p) => poolFacts(p.xml), () => null);
  if (!viaLibvirt && whereOf(client.uri) === "local" && facts && FILE_POOLS.has(facts.type)) {
    // The file libvirt just made (empty, its owner and mode as libvirt set them), or the one a
    // cut download left, cut to the bytes that count and written on from there.
    const file = await Deno.open(path, { write: true, truncate: from === 0 });
    if (from > 0) {
      await file.truncate(from);
      await file.seek(from, Deno.SeekMode.Start);
    }
    let closed = false;
    const close = () => {
      if (!closed) file.close();
      closed = true;
    };
    return {
      kind: "file",
      async write(piece) {
        for (let at = 0; at < piece.length;) at += await file.write(piece.subarray(at));
      },
      async finish() {
        try {
          await file.syncData();
        } finally {
          close();
        }
      },
      abort: () => Promise.resolve(close()),
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
    },
    async abort() {
      await transfer.call("transferAbort").catch(() => {});
      await transfer.close().catch(() => {});
    },
  };
}
