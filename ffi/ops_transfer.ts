// Worker operations that stream a volume's bytes. A transfer keeps its stream open across
// calls, so it runs on a worker of its own (LibvirtClient.openTransfer) that holds at most
// one transfer at a time.

import type { Connection } from "./connection.ts";
import { ErrorCode, LibvirtError } from "./error.ts";
import type { StorageVol } from "./storage_vol.ts";
import type { Stream } from "./stream.ts";

let current: { vol: StorageVol; stream: Stream } | null = null;

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

function release() {
  current?.stream.free();
  current?.vol.free();
  current = null;
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

  /** Opens a download of the whole volume. */
  downloadBegin(conn: Connection, poolName: string, volName: string): void {
    const t = open(conn, poolName, volName);
    try {
      t.vol.beginDownload(t.stream);
    } catch (err) {
      release();
      throw err;
    }
  },

  /** The next bytes of the download, up to `max`; empty at the end (the stream is then done). */
  downloadRead(_conn: Connection, max: number): Uint8Array<ArrayBuffer> {
    const t = running();
    try {
      // The read that met the end returned its last bytes; this one reports the end.
      const bytes = t.stream.finished ? new Uint8Array(0) : t.stream.receive(max);
      if (bytes.length === 0) release();
      return bytes;
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
