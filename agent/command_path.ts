// Where the programs the agent runs come from: its own command_path, never the environment's
// PATH, and a fixed environment instead of the agent's.

import type { AgentConfig } from "./config.ts";
import { join } from "./path_lexical.ts";

export function commandEnv(config: AgentConfig): Record<string, string> {
  return { PATH: config.command_path, LANG: "C.UTF-8" };
}

/** The first executable regular file named `name` on `commandPath`, or null. */
export async function findExecutable(name: string, commandPath: string): Promise<string | null> {
  const candidates = name.startsWith("/")
    ? [name]
    : commandPath.split(":").map((d) => join(d, name));
  for (const candidate of candidates) {
    try {
      const info = await Deno.stat(candidate);
      if (info.isFile && ((info.mode ?? 0o755) & 0o111) !== 0) return candidate;
    } catch {
      // not there (or not readable): try the next directory
    }
  }
  return null;
}
