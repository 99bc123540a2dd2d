// Running one program under limits: no shell, stdin from /dev/null, a fixed environment, a
// deadline and an output cap, and SIGKILL to its whole process group when either is hit.

export interface RunLimits {
  timeoutMs: number;
  /** stdout and stderr together, counted as they are read. */
  maxOutputBytes: number;
  /** The only environment the program gets. */
  env: Record<string, string>;
}

export interface RunOutput {
  stdout: string;
  stderr: string;
  durationMs: number;
}

export type RunOutcome =
  | RunOutput & { kind: "exited"; exitCode: number | null; signal: string | null }
  | RunOutput & { kind: "timeout" | "output_limit" };

/** Children running now, so that stopping the agent does not leave them behind. */
const live = new Set<Deno.ChildProcess>();

/** SIGKILLs every running command's process group (the agent is stopping). */
export function killAllRunning(): void {
  for (const child of live) killGroup(child);
}

/**
 * Runs `program` (an absolute path) with `args` and waits for it within `limits`.
 * Throws what Deno.Command throws when the program cannot be started.
 */
export async function runBounded(
  program: string,
  args: string[],
  limits: RunLimits,
): Promise<RunOutcome> {
  const started = performance.now();
  const child = new Deno.Command(program, {
    args,
    cwd: "/",
    clearEnv: true,
    env: limits.env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    // Its own session and process group, so a kill reaches the children it started too.
    detached: true,
  }).spawn();
  live.add(child);

  const chunks = { stdout: [] as Uint8Array[], stderr: [] as Uint8Array[] };
  let total = 0;
  let stopped: "timeout" | "output_limit" | null = null;
  // Read through a function: it changes in callbacks, which control-flow narrowing ignores.
  const stopReason = () => stopped;
  const readers = [child.stdout.getReader(), child.stderr.getReader()];

  const stop = (why: "timeout" | "output_limit") => {
    if (stopped) return;
    stopped = why;
    killGroup(child);
    // A grandchild may still hold the pipes open: stop waiting for their end.
    for (const r of readers) r.cancel().catch(() => {});
  };

  const pump = async (reader: ReadableStreamDefaultReader<Uint8Array>, sink: Uint8Array[]) => {
    try {
      while (!stopped) {
        const { value, done } = await reader.read();
        if (done || stopped) return;
        const room = limits.maxOutputBytes - total;
        if (value.length > room) {
          sink.push(value.subarray(0, room));
          total += room;
          stop("output_limit");
          return;
        }
        sink.push(value);
        total += value.length;
      }
    } catch {
      // cancelled by stop()
    }
  };

  const timer = setTimeout(() => stop("timeout"), limits.timeoutMs);
  try {
    await Promise.all([pump(readers[0], chunks.stdout), pump(readers[1], chunks.stderr)]);
    const output = () => ({
      stdout: decode(chunks.stdout),
      stderr: decode(chunks.stderr),
      durationMs: Math.round(performance.now() - started),
    });
    // Once killed, answer even if the process cannot die yet (stuck in the kernel on a dead NFS
    // server, say): the caller must not hang with it.
    const status = stopReason() ? await settleWithin(child.status, 2000) : await child.status;
    // Checked again: a program that closed its output may have run into the timeout since.
    const why = stopReason();
    if (why || !status) return { kind: why ?? "timeout", ...output() };
    return {
      kind: "exited",
      ...output(),
      exitCode: status.signal ? null : status.code,
      signal: status.signal ?? null,
    };
  } finally {
    clearTimeout(timer);
    live.delete(child);
  }
}

async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((r) => timer = setTimeout(() => r(null), ms));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function killGroup(child: Deno.ChildProcess): void {
  try {
    Deno.kill(-child.pid, "SIGKILL");
  } catch {
    // No group (a Deno without `detached`) or it is gone already: the child alone, then.
    try {
      child.kill("SIGKILL");
    } catch { /* already exited */ }
  }
}

function decode(chunks: Uint8Array[]): string {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  // Lossy on purpose: a program's output is not ours to reject for a stray byte.
  return new TextDecoder().decode(all);
}
