// A byte stream to a VM's display, however it is reached: a TCP address, a UNIX socket on this
// machine, or an ssh tunnel (`ssh -W`) to a remote host's own loopback, as virt-manager does.
// The console proxies (routes/api/vnc.ts, routes/api/spice.ts) pipe a WebSocket to it.

import { AppError } from "../errors.ts";
import type { DisplayTarget } from "./vnc.ts";
import { t } from "../../shared/i18n/t.ts";
import { startSsh } from "../connection_uri/ssh_command.ts";

/** What the proxy needs of a connection: bytes both ways, and an end. */
export interface DisplayConn {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
  close(): void;
}

/** How long ssh may take to log in and reach the display before the attempt is given up. */
const SSH_WAIT_MS = 20_000;

/** The code a display that cannot be reached is refused with: one per protocol. */
export type UnreachableCode = "VNC_UNREACHABLE" | "SPICE_UNREACHABLE";

/**
 * Connects to the display; `code` (VNC_UNREACHABLE by default) with the system's (or ssh's) words
 * when it cannot. `serverSpeaksFirst`: VNC's server greets first, SPICE's waits for the client.
 */
export async function connectDisplay(
  target: DisplayTarget,
  { code = "VNC_UNREACHABLE", serverSpeaksFirst = true }: {
    code?: UnreachableCode;
    serverSpeaksFirst?: boolean;
  } = {},
): Promise<DisplayConn> {
  if ("ssh" in target) return await sshDisplay(target.ssh, code, serverSpeaksFirst);
  try {
    return "path" in target
      ? await Deno.connect({ transport: "unix", path: target.path })
      : await Deno.connect({ hostname: target.hostname, port: target.port });
  } catch (err) {
    throw unreachable(code, (err as Error).message, err);
  }
}

function unreachable(code: UnreachableCode, error: string, cause?: unknown): AppError {
  return new AppError(
    code,
    t("Cannot reach the VM's display: {{error}}", { error }),
    undefined,
    { cause },
  );
}

/**
 * The display through `ssh -W`: ssh's output is the display's bytes. When the server speaks
 * first (VNC), the connection counts as made when its first bytes arrive, and ssh ending before
 * that (the far port closed, the login refused) is told in ssh's own words. When the client
 * speaks first (SPICE), nothing can be awaited before it has: the stream then ends in an error
 * with ssh's words if ssh fails, which the console's status check reports.
 */
async function sshDisplay(
  argv: string[],
  code: UnreachableCode,
  serverSpeaksFirst: boolean,
): Promise<DisplayConn> {
  const ssh = startSsh(argv);
  const child = ssh.child;
  const stop = () => ssh.stop("SIGTERM");
  const said = new Response(child.stderr).text();
  const sshWords = async () => {
    await child.status;
    return (await said).trim().split("\n").filter(Boolean).at(-1) ?? t("ssh ended without a word");
  };
  const reader = child.stdout.getReader();
  let first: Uint8Array | undefined;
  if (serverSpeaksFirst) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(new Error(t("ssh did not reach it within {{seconds}} s", { seconds: 20 }))),
            SSH_WAIT_MS,
          );
        }),
      ]);
    } catch (err) {
      stop();
      await child.status;
      throw unreachable(code, (err as Error).message, err);
    } finally {
      clearTimeout(timer);
    }
    if (read.done) throw unreachable(code, await sshWords());
    first = read.value;
  }
  const readable = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first) controller.enqueue(first);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (!done) controller.enqueue(value);
      else if ((await child.status).success) controller.close();
      else controller.error(unreachable(code, await sshWords()));
    },
    cancel() {
      stop();
    },
  });
  return { readable, writable: child.stdin, close: stop };
}
