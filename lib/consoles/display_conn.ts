// A byte stream to a VM's display, however it is reached: a TCP address, a UNIX socket on this
// machine, or an ssh tunnel (`ssh -W`) to a remote host's own loopback, as virt-manager does.
// The console proxy (routes/api/vnc.ts) pipes a WebSocket to it.

import { AppError } from "../errors.ts";
import type { VncTarget } from "./vnc.ts";
import { t } from "../../shared/i18n/t.ts";

/** What the proxy needs of a connection: bytes both ways, and an end. */
export interface DisplayConn {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
  close(): void;
}

/** How long ssh may take to log in and reach the display before the attempt is given up. */
const SSH_WAIT_MS = 20_000;

/** Connects to the display; VNC_UNREACHABLE with the system's (or ssh's) words when it cannot. */
export async function connectDisplay(target: VncTarget): Promise<DisplayConn> {
  if ("ssh" in target) return await sshDisplay(target.ssh);
  try {
    return "path" in target
      ? await Deno.connect({ transport: "unix", path: target.path })
      : await Deno.connect({ hostname: target.hostname, port: target.port });
  } catch (err) {
    throw unreachable((err as Error).message, err);
  }
}

function unreachable(error: string, cause?: unknown): AppError {
  return new AppError(
    "VNC_UNREACHABLE",
    t("Cannot reach the VM's display: {{error}}", { error }),
    undefined,
    { cause },
  );
}

/**
 * The display through `ssh -W`: ssh's output is the display's bytes. A VNC server speaks first,
 * so the connection counts as made when its first bytes arrive; ssh ending before that (the
 * far port closed, the login refused) is told in ssh's own words.
 */
async function sshDisplay(argv: string[]): Promise<DisplayConn> {
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stop = () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already ended */ }
  };
  const said = new Response(child.stderr).text();
  const reader = child.stdout.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let first: ReadableStreamReadResult<Uint8Array>;
  try {
    first = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(t("ssh did not reach it within {{seconds}} s", { seconds: 20 }))),
          SSH_WAIT_MS,
        );
      }),
    ]);
  } catch (err) {
    stop();
    await child.status;
    throw unreachable((err as Error).message, err);
  } finally {
    clearTimeout(timer);
  }
  if (first.done) {
    await child.status;
    const words = (await said).trim().split("\n").filter(Boolean).at(-1);
    throw unreachable(words ?? t("ssh ended without a word"));
  }
  const readable = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first.value);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel() {
      stop();
    },
  });
  return { readable, writable: child.stdin, close: stop };
}
