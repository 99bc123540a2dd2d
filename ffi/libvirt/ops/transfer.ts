// Worker operations that stream a volume's bytes. A transfer keeps its stream open across
// calls, so it runs on a worker of its own (LibvirtClient.openTransfer) that holds at most
// one transfer at a time.
//
// Downloads go in windows: libvirt's event loop (running in this process for events) reads
// whatever libvirtd sends into an unbounded queue, so asking for the whole volume at once
// would hold all of it in memory whenever the HTTP client reads slower than the disk.

import type { Connection } from "../connection.ts";
import { ErrorCode, LibvirtError } from "../error.ts";
import type { StorageVol } from "../storage_vol.ts";
import type { Stream } from "../stream.ts";

/** Bytes one download stream asks for: what libvirt may queue ahead of a slow reader. */
const DOWNLOAD_WINDOW = 8 * 1024 * 1024;

let current: { vol: StorageVol; stream: Stream } | null = null;
/** Where a windowed download stands: the next offset and the volume's size on storage. */
let download: { offset: number; size: number } | null = null;

function open(conn: Connection, poolName: string, volName: string) {
  if (current) throw new LibvirtError(ErrorCode.OPERATION_INVALID, 0, "a transfer is running");
  using pool = conn.lookupPool(poolName);
  const vol = pool.lookupVolume(volName);
  const stream = conn.newStream();
  current = { vol, stream };
  return current;
}

function running(): { vol: StorageVol; stream: Stream } {
  if (!current) throw new LibvirtError(ErrorCode.OPERATION_INVALID, 0, "no transfer is running");
  return current;
}

/** Replaces the finished stream with one for the next window of the download. */
function nextWindow(conn: Connection, t: { vol: StorageVol; stream: Stream }) {
  const { offset, size } = download!;
  t.stream.free();
  t.stream = conn.newStream();
  // The last window asks for "to the end", so a volume that grew is still sent whole.
  const length = size - offset > DOWNLOAD_WINDOW ? DOWNLOAD_WINDOW : 0;
  t.vol.beginDownload(t.stream, offset, length);
}

function release() {
  current?.stream.free();
  current?.vol.free();
  current = null;
  download = null;
}

export const transferOps = {
  /** Opens an upload of `length` bytes into an existing volume, from its start. */
  uploadBegin(conn: Connection, poolName: string, volName: string, length: number): void {
    const t = open(conn, poolName, volName);
    try {
      t.vol.beginUpload(t.stream, 0, length);
    } catch (err) {
      release();
      throw err;
    }
  },

  uploadChunk(_conn: Connection, data: Uint8Array<ArrayBuffer>): void {
    try {
      running().stream.send(data);
    } catch (err) {
      release();
      throw err;
    }
  },

  /** Finishes the upload; libvirt reports a failure on its side (disk full …) here. */
  uploadFinish(_conn: Connection): void {
    try {
      running().stream.finish();
    } finally {
      release();
    }
  },

  /** Opens a download of the whole volume; returns its size in bytes (what will be sent). */
  downloadBegin(conn: Connection, poolName: string, volName: string): number {
    const t = open(conn, poolName, volName);
    try {
      download = { offset: 0, size: t.vol.getPhysical() };
      nextWindow(conn, t);
      return download.size;
    } catch (err) {
      release();
      throw err;
    }
  },

  /** The next bytes of the download, up to `max`; empty at the end. */
  downloadRead(conn: Connection, max: number): Uint8Array<ArrayBuffer> {
    const t = running();
    try {
      for (;;) {
        let fresh = false;
        if (t.stream.finished) {
          if (!download || download.offset >= download.size) break;
          nextWindow(conn, t);
          fresh = true;
        }
        const bytes = t.stream.receive(max);
        download!.offset += bytes.length;
        if (bytes.length > 0) return bytes;
        // A new window with nothing in it: the volume is shorter than it said.
        if (fresh) break;
        // Otherwise the window ended exactly here; go on with the next one.
      }
      release();
      return new Uint8Array(0);
    } catch (err) {
      release();
      throw err;
    }
  },

  /** Abandons the transfer in flight, if any. */
  transferAbort(_conn: Connection): void {
    current?.stream.abort();
    release();
  },
};
