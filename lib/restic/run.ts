// One restic child process: spawned with its arguments as data (never a shell), its stdout read
// line by line (the JSON restic prints), its stderr kept for the error words, optionally fed a
// stream on stdin, and killed when its run is cancelled.

import { AppError } from "../errors.ts";
import { resticError, resticMissing } from "./errors.ts";
import type { ResticCall } from "./command.ts";
import { t } from "../../shared/i18n/t.ts";

/** How one run goes: a stream to feed, each stdout line, and a signal that kills the child. */
export interface RunOptions {
  stdin?: ReadableStream<Uint8Array>;
  /** Each stdout line as it comes (backup's status lines). */
  onLine?: (line: string) => void;
  /** Aborting kills restic (SIGTERM, then SIGKILL after a few seconds). */
  signal?: AbortSignal;
  /** Where stdout goes instead of being read as lines (restic dump into a volume). */
  stdoutTo?: WritableStream<Uint8Array>;
}

const STDERR_MAX = 64 * 1024;

/**
 * The most stdout read whole (listings, a backup's metadata). A repository written off this host
 * could hold millions of snapshots or a huge metadata file: past this, restic is stopped.
 */
export const STDOUT_MAX = 32 * 1024 * 1024;

export const cancelledError = () =>
  new AppError("BACKUP_CANCELLED", t("Cancelled: restic was stopped"));

/**
 * Runs `call` for repository `name`; resolves with stdout (when not sent elsewhere) once restic
 * exited 0, else rejects with the AppError its stderr says (resticError).
 */
export async function runRestic(
  name: string,
  call: ResticCall,
  { stdin, onLine, signal, stdoutTo }: RunOptions = {},
): Promise<string> {
  if (signal?.aborted) throw cancelledError();
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(call.program, {
      args: call.args,
      env: call.env,
      clearEnv: true,
      stdin: stdin ? "piped" : "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) throw resticMissing(call.program);
    throw err;
  }
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  const kill = () => {
    try {
      child.kill("SIGTERM");
    } catch { /* exited */ }
    killTimer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch { /* exited */ }
    }, 5_000);
  };
  signal?.addEventListener("abort", kill, { once: true });
  const feeding = stdin
    ? stdin.pipeTo(child.stdin).catch(() => {/* restic stopped reading: its exit says why */})
    : Promise.resolve();
  let stderr = "";
  const errors = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      stderr = (stderr + chunk).slice(-STDERR_MAX);
    }
  })();
  let stdout = "";
  let tooLarge = false;
  const out = stdoutTo ? child.stdout.pipeTo(stdoutTo) : (async () => {
    let rest = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      stdout += chunk;
      if (onLine) {
        // Only the chunk is split: splitting all that is pending again for every chunk made an
        // answer without newlines quadratic (32 MiB took over 30 s).
        const lines = chunk.split("\n");
        if (lines.length === 1) rest += chunk;
        else {
          onLine(rest + lines[0]);
          for (const line of lines.slice(1, -1)) onLine(line);
          rest = lines.at(-1)!;
        }
        // A status line is short; a "line" past this is no line restic writes.
        if (rest.length > STDERR_MAX) rest = rest.slice(-STDERR_MAX);
      }
      // Status lines are many: keep only what a summary needs.
      if (stdout.length > 4 * 1024 * 1024 && onLine) stdout = stdout.slice(-64 * 1024);
      if (stdout.length > STDOUT_MAX) {
        tooLarge = true;
        kill();
        break;
      }
    }
    if (rest) onLine?.(rest);
  })();
  try {
    const [status] = await Promise.all([child.status, errors, out.catch(() => {}), feeding]);
    if (signal?.aborted) throw cancelledError();
    if (tooLarge) {
      throw new AppError(
        "RESTIC_FAILED",
        t("restic's answer for repository {{name}} is larger than {{mib}} MiB: stopped", {
          name,
          mib: STDOUT_MAX / 1024 / 1024,
        }),
      );
    }
    if (!status.success) throw resticError(name, status.code, stderr);
    return stdout;
  } finally {
    clearTimeout(killTimer);
    signal?.removeEventListener("abort", kill);
  }
}
