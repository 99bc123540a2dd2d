// The development and test transport: the same protocol on a unix socket, one client at a
// time, the next accepted when the previous one closes.

import { log } from "./log.ts";
import type { RpcResponse } from "./protocol.ts";
import { serveConnection } from "./transport.ts";

export async function serveUnixSocket(
  path: string,
  answer: (line: string) => Promise<RpcResponse | null>,
): Promise<void> {
  await removeStaleSocket(path);
  const listener = Deno.listen({ transport: "unix", path });
  // The agent runs as root: only root may talk to it.
  await Deno.chmod(path, 0o600);
  log(`listening on unix socket ${path}`);
  for await (const conn of listener) {
    try {
      await serveConnection(conn, answer, { drainOnEof: true });
    } finally {
      try {
        conn.close();
      } catch { /* the client closed it */ }
    }
  }
}

/** A socket left by an earlier run is replaced; any other file at the path is not ours. */
async function removeStaleSocket(path: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch {
    return;
  }
  if (!info.isSocket) throw new Error(`${path} exists and is not a socket`);
  await Deno.remove(path);
}
