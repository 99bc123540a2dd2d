// A read of the system through one of its own tools (systemctl, apt, dnf, pacman) under the
// config's limits, with its refusals in words: past the deadline, past the output cap, or an exit
// status other than those that mean an answer.

import type { RpcErrorName } from "./protocol.ts";
import { AgentError } from "./errors.ts";
import { runBounded } from "./run.ts";

export interface ToolRun {
  timeoutMs: number;
  maxOutputBytes: number;
  env: Record<string, string>;
  /** Exit statuses that mean an answer; default [0]. */
  okCodes?: number[];
  /** The refusal for any other exit status, which ends with the tool's last line of stderr. */
  failure: RpcErrorName;
  /** How the refusals name the command; default the program and its arguments. */
  shown?: string;
}

export async function runTool(
  program: string,
  args: string[],
  { timeoutMs, maxOutputBytes, env, okCodes = [0], failure, shown }: ToolRun,
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const outcome = await runBounded(program, args, { timeoutMs, maxOutputBytes, env });
  const named = shown ?? `${program} ${args.join(" ")}`;
  if (outcome.kind === "timeout") {
    throw new AgentError("COMMAND_TIMEOUT", `${named} took longer than ${timeoutMs} ms`);
  }
  if (outcome.kind !== "exited") {
    throw new AgentError(
      "OUTPUT_LIMIT",
      `${named} printed more than max_output_bytes (${maxOutputBytes})`,
      { limit_bytes: maxOutputBytes },
    );
  }
  if (outcome.exitCode === null || !okCodes.includes(outcome.exitCode)) {
    const said = outcome.stderr.trim().split("\n").at(-1) || `exit ${outcome.exitCode}`;
    throw new AgentError(failure, `${named}: ${said}`);
  }
  return { stdout: outcome.stdout, stderr: outcome.stderr, exitCode: outcome.exitCode };
}
