// Reading /proc and /sys. Deno guards them (and /dev) behind --allow-all, even when a narrower
// --allow-read names them (denoland/deno#27564). The systemd unit grants --allow-all; started
// with the narrower list (development, tests), the agent reads them through `cat` and `ls`
// instead: a child process is outside that guard, which is what --allow-run allows anyway.

import { findExecutable } from "./command_path.ts";
import { DEFAULT_CONFIG } from "./config.ts";
import { runBounded } from "./run.ts";

// Deno 1.x called it PermissionDenied.
const NotCapable = Deno.errors.NotCapable ?? Deno.errors.PermissionDenied;

/** Deno refuses this kind of path here; set on the first refusal to skip the retries. */
let guarded = false;

/** The file's text, or null when it cannot be read (missing, or refused even through cat). */
export async function readKernelFile(path: string): Promise<string | null> {
  if (!guarded) {
    try {
      return await Deno.readTextFile(path);
    } catch (err) {
      if (!(err instanceof NotCapable)) return null;
      guarded = true;
    }
  }
  return await viaChild("cat", [path]);
}

/** The names in a directory, or null when it cannot be listed. */
export async function listKernelDir(path: string): Promise<string[] | null> {
  if (!guarded) {
    try {
      const names = [];
      for await (const e of Deno.readDir(path)) names.push(e.name);
      return names;
    } catch (err) {
      if (!(err instanceof NotCapable)) return null;
      guarded = true;
    }
  }
  const out = await viaChild("ls", ["-1", "-A", path]);
  return out === null ? null : out.split("\n").filter((s) => s !== "");
}

async function viaChild(tool: string, args: string[]): Promise<string | null> {
  const program = await findExecutable(tool, DEFAULT_CONFIG.command_path);
  if (!program) return null;
  try {
    const r = await runBounded(program, args, {
      timeoutMs: 5_000,
      maxOutputBytes: 1024 * 1024,
      env: { PATH: DEFAULT_CONFIG.command_path, LANG: "C.UTF-8" },
    });
    return r.kind === "exited" && r.exitCode === 0 ? r.stdout : null;
  } catch {
    return null;
  }
}
