// The virtio-serial port: finding it, and serving it for as long as the agent runs. The host
// end comes and goes (KVM Manager connects when it needs the agent); while it is away reads
// give end-of-file at once, so the agent reads again after a short wait. The port stays open
// meanwhile: libvirt reports the channel "connected" only while the guest holds it open, and
// that is how KVM Manager knows the agent runs. It is reopened only after an error.

import { listKernelDir, readKernelFile } from "./kernel_files.ts";
import { log } from "./log.ts";
import { PORT_NAME, type RpcResponse } from "./protocol.ts";
import { type ByteConnection, serveConnection } from "./transport.ts";

export const DEVICE_LINK = `/dev/virtio-ports/${PORT_NAME}`;
export const REOPEN_DELAY_MS = 500;
const SEARCH_INTERVAL_MS = 5_000;

/**
 * The udev symlink, else the port whose sysfs `name` is ours (guests without udev have no
 * /dev/virtio-ports), else null.
 */
export async function findDevice(
  { link = DEVICE_LINK, sysPorts = "/sys/class/virtio-ports", dev = "/dev" } = {},
): Promise<string | null> {
  try {
    await Deno.lstat(link);
    return link;
  } catch { /* no udev link (or Deno may not look: opening will say so) */ }
  for (const port of await listKernelDir(sysPorts) ?? []) {
    const name = await readKernelFile(`${sysPorts}/${port}/name`);
    if (name?.trim() === PORT_NAME) return `${dev}/${port}`;
  }
  return null;
}

export type DeviceConnection = ByteConnection & { close(): void };

/**
 * The port as a connection. Reads are async; writes are synchronous because Deno runs one
 * async operation at a time per file and a read waits on the port until the host speaks:
 * an async write would sit behind it. A write can block while the host is away, which is
 * why answers are dropped once a read has seen the host go.
 */
export function fileConnection(file: Deno.FsFile): DeviceConnection {
  return {
    read: (p) => file.read(p),
    write: (p) => Promise.resolve(file.writeSync(p)),
    close: () => file.close(),
  };
}

export async function openDevice(path: string): Promise<DeviceConnection> {
  return fileConnection(await Deno.open(path, { read: true, write: true }));
}

export interface DeviceLoopOptions {
  /** A fixed path (--device); otherwise findDevice() each time. */
  device?: string;
  answer: (line: string) => Promise<RpcResponse | null>;
  open?: (path: string) => Promise<DeviceConnection>;
  find?: () => Promise<string | null>;
  reopenDelayMs?: number;
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Serves the port until `signal` aborts (in production: forever). */
export async function serveDevice(opts: DeviceLoopOptions): Promise<void> {
  const { answer, open = openDevice, find = findDevice, reopenDelayMs = REOPEN_DELAY_MS } = opts;
  // Say each state once, not every half second while the host is away.
  let said = "";
  const say = (message: string) => {
    if (message !== said) log(message);
    said = message;
  };
  while (!opts.signal?.aborted) {
    const path = opts.device ?? await find();
    if (!path) {
      say(`no virtio port named ${PORT_NAME}; looking again every ${SEARCH_INTERVAL_MS / 1000} s`);
      await sleep(SEARCH_INTERVAL_MS);
      continue;
    }
    let conn: DeviceConnection;
    try {
      conn = await open(path);
    } catch (err) {
      const hint = err instanceof (Deno.errors.NotCapable ?? Deno.errors.PermissionDenied)
        ? " (Deno opens devices only with --allow-all; see kvmm-agent.service)"
        : "";
      say(`cannot open ${path}: ${(err as Error).message}${hint}; retrying`);
      await sleep(reopenDelayMs);
      continue;
    }
    say(`serving ${path}`);
    try {
      while (!opts.signal?.aborted) {
        // Each round starts with an empty line buffer: half a line the last host left is noise.
        const { bytesRead, readError } = await serveConnection(conn, answer, {
          drainOnEof: false,
        });
        if (readError) throw new Error(readError);
        if (bytesRead > 0) log(`host disconnected from ${path}`);
        await sleep(reopenDelayMs);
      }
    } catch (err) {
      say(`reading ${path} failed: ${(err as Error).message}; reopening`);
    } finally {
      try {
        conn.close();
      } catch { /* already closed */ }
    }
    await sleep(reopenDelayMs);
  }
}
