// `virsh -c URI ARGS…` for tests, answered by this test process's virsh server (virsh_server.ts,
// started on first use, like the test Chromium in browser.ts): a connection to a unix socket
// instead of a virsh process and a new libvirt connection each time. The answer is what a virsh
// process would have given: its stdout, its stderr and its exit status.
//
// The server is set apart (detached.ts), and each call's socket is closed before the call
// returns. Its address is kept in this process's environment, which all test modules of one
// `deno test` run share.

import type { VirshReply, VirshRequest } from "./virsh_server.ts";
import { startDetached } from "./detached.ts";

const SOCKET_VAR = "KVMM_TEST_VIRSH";
const SERVER = new URL("./virsh_server.ts", import.meta.url).pathname;
/** How long the server may take to start on a loaded 2-core machine. */
const START_MS = 60_000;

let starting: Promise<string> | null = null;

async function startServer(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-virsh-" });
  const socket = `${dir}/virsh.sock`;
  await startDetached(SERVER, [socket]);
  const end = Date.now() + START_MS;
  while (Date.now() < end) {
    if (await Deno.stat(socket).then(() => true, () => false)) {
      Deno.env.set(SOCKET_VAR, socket);
      return socket;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the test virsh server did not listen on ${socket} within ${START_MS / 1000} s`);
}

async function ask(socket: string, request: VirshRequest): Promise<VirshReply> {
  const conn = await Deno.connect({ transport: "unix", path: socket });
  try {
    const writer = conn.writable.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(request) + "\n"));
    writer.releaseLock();
    const text = await new Response(conn.readable).text();
    return JSON.parse(text) as VirshReply;
  } finally {
    try {
      conn.close();
    } catch {
      // The reply's end closed it.
    }
  }
}

/** Runs `virsh -c uri ...args` and returns what the process would have. */
export async function runVirsh(uri: string, args: string[]): Promise<VirshReply> {
  const known = Deno.env.get(SOCKET_VAR);
  if (known) {
    try {
      return await ask(known, { uri, args });
    } catch (e) {
      // Gone (the server ended): start another below. A request it took and dropped is not
      // asked again, since the command may have run.
      if (!(e instanceof Deno.errors.NotFound || e instanceof Deno.errors.ConnectionRefused)) {
        throw e;
      }
    }
  }
  starting ??= startServer().finally(() => starting = null);
  return await ask(await starting, { uri, args });
}
