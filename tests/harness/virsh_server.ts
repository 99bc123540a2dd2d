// The virsh of one test process (virsh.ts starts it): answers `virsh -c URI ARGS…` over a unix
// socket, one request a connection, through a virsh shell that stays connected
// (virsh_shell.ts). When both shells of a URI are busy (a long block copy, a migration), for a
// command that reads the terminal, and for every command the shell reports as failed, it runs a
// virsh process of its own instead, so an error's words and exit status are a real virsh's.
// Ends its shells and itself once the owning test process is gone.
//   deno run -A tests/harness/virsh_server.ts OWNER_PID SOCKET

import { fitsShell, VirshShell } from "./virsh_shell.ts";

export interface VirshRequest {
  uri: string;
  args: string[];
}

export interface VirshReply {
  code: number;
  stdout: string;
  stderr: string;
}

/** Shells kept per URI: one for the test, one for what it runs beside (a poll, a cleanup). */
const SHELLS_PER_URI = 2;

async function ownProcess({ uri, args }: VirshRequest): Promise<VirshReply> {
  const out = await new Deno.Command("virsh", {
    args: ["-c", uri, ...args],
    stdin: "null",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

const shells = new Map<string, VirshShell[]>();

function idleShell(uri: string): VirshShell | null {
  const list = (shells.get(uri) ?? []).filter((s) => !s.ended);
  shells.set(uri, list);
  const idle = list.find((s) => !s.busy);
  if (idle) return idle;
  if (list.length >= SHELLS_PER_URI) return null;
  const shell = new VirshShell(uri);
  list.push(shell);
  return shell;
}

export async function answer(request: VirshRequest): Promise<VirshReply> {
  const shell = fitsShell(request.args) ? idleShell(request.uri) : null;
  if (shell) {
    try {
      const got = await shell.run(request.args);
      if (got.ok) return { code: 0, stdout: got.stdout, stderr: got.stderr };
    } catch {
      // The shell ended, or answered in a form this does not read. The command may have run
      // there: a process of its own answers below (for a command that changes something, it may
      // refuse what the first run did), and the next request starts another shell.
      await shell.close();
    }
  }
  return await ownProcess(request);
}

/** One request a connection: a JSON line in, a JSON line out, then the connection ends. */
async function handle(conn: Deno.UnixConn) {
  const reader = conn.readable.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    reader.releaseLock();
    const reply = await answer(JSON.parse(text) as VirshRequest).catch((e): VirshReply => ({
      code: 127,
      stdout: "",
      stderr: `cannot run virsh: ${e}`,
    }));
    const writer = conn.writable.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(reply) + "\n"));
    await writer.close();
  } catch {
    // The client went away: nothing to answer.
  } finally {
    try {
      conn.close();
    } catch {
      // Closed with its writer.
    }
  }
}

if (import.meta.main) {
  const [owner, socket] = Deno.args;
  const alive = () => Deno.stat(`/proc/${owner}`).then(() => true, () => false);
  const listener = Deno.listen({ transport: "unix", path: socket });
  (async () => {
    for await (const conn of listener) handle(conn);
  })();
  while (await alive()) await new Promise((r) => setTimeout(r, 1000));
  listener.close();
  for (const list of shells.values()) for (const s of list) await s.close();
  await Deno.remove(socket).catch(() => {});
  Deno.exit(0);
}
