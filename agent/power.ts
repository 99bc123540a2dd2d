// shutdown and reboot: accept, let the answer leave, then run the configured command.

import type { AgentConfig } from "./config.ts";
import { commandEnv, findExecutable } from "./command_path.ts";
import { log } from "./log.ts";
import { onlyKeys, optionalInteger, type Params } from "./params.ts";
import type { PowerResult } from "./protocol.ts";
import { runBounded } from "./run.ts";

export const DEFAULT_POWER_DELAY_MS = 500;
export const MAX_POWER_DELAY_MS = 10_000;

/** One pending action at a time: a repeated request is accepted without a second run. */
let pending: Promise<void> | null = null;

/** Resolves when the scheduled action (if any) has run. */
export function powerSettled(): Promise<void> {
  return pending ?? Promise.resolve();
}

export function powerAction(
  kind: "shutdown" | "reboot",
  params: Params,
  config: AgentConfig,
): PowerResult {
  onlyKeys(params, ["delay_ms"]);
  const delay = optionalInteger(params, "delay_ms", 0, MAX_POWER_DELAY_MS) ??
    DEFAULT_POWER_DELAY_MS;
  const argv = kind === "shutdown" ? config.shutdown_command : config.reboot_command;
  pending ??= new Promise((r) => setTimeout(r, delay))
    .then(() => runPowerCommand(kind, argv, config))
    .finally(() => pending = null);
  return { accepted: true };
}

async function runPowerCommand(kind: string, argv: string[], config: AgentConfig) {
  const program = await findExecutable(argv[0], config.command_path);
  if (!program) {
    log(`${kind}: ${argv[0]} was not found on ${config.command_path}`);
    return;
  }
  try {
    const outcome = await runBounded(program, argv.slice(1), {
      timeoutMs: 60_000,
      maxOutputBytes: 64 * 1024,
      env: commandEnv(config),
    });
    const how = outcome.kind === "exited"
      ? `exit ${outcome.exitCode ?? outcome.signal}`
      : outcome.kind;
    const stderr = outcome.stderr.trim().split("\n").at(-1);
    log(`${kind}: ${argv.join(" ")}: ${how}${stderr ? `: ${stderr}` : ""}`);
  } catch (err) {
    log(`${kind}: ${argv.join(" ")} could not be started: ${(err as Error).message}`);
  }
}
