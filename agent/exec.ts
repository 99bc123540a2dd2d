// exec_command: the allow-lists (the config's and the host policy's, policy.ts), argument
// screening, the concurrency limit and the mapping of a bounded run (run.ts) to a result or a
// COMMAND_TIMEOUT / OUTPUT_LIMIT refusal.

import type { AgentConfig } from "./config.ts";
import { commandEnv, findExecutable } from "./command_path.ts";
import { AgentError, invalidParams } from "./errors.ts";
import {
  onlyKeys,
  optionalInteger,
  optionalStringList,
  type Params,
  requiredString,
} from "./params.ts";
import { checkAllowed, checkNotDenied, parsePolicy } from "./policy.ts";
import type { ExecResult } from "./protocol.ts";
import { runBounded } from "./run.ts";

export const MAX_ARGS = 64;
export const MAX_ARG_BYTES = 4096;
// No shell ever runs, so these are harmless to the agent; they are refused anyway so that an
// allowed program which itself hands an argument to a shell cannot be made to.
const SHELL_METACHARACTERS = [";", "|", "&", "$", "`", "<", ">", "\n", "\r", "\0"];

/** Commands running now, against max_concurrent_commands. */
let running = 0;

export function runningCommands(): number {
  return running;
}

export async function execCommand(params: Params, config: AgentConfig): Promise<ExecResult> {
  onlyKeys(params, ["command", "args", "timeout_ms", "policy"]);
  const command = requiredString(params, "command");
  const args = optionalStringList(params, "args") ?? [];
  const timeoutMs = optionalInteger(params, "timeout_ms", 1, config.max_command_timeout_ms) ??
    config.command_timeout_ms;
  if (command === "" || command.includes("\0") || command.length > MAX_ARG_BYTES) {
    throw invalidParams(
      `params.command must be a program name of 1 to ${MAX_ARG_BYTES} bytes without NUL bytes`,
    );
  }
  const shown = JSON.stringify(command);
  checkArgs(args);
  const policy = parsePolicy(params.policy);

  checkAllowed(command, config, policy);
  const program = await findExecutable(command, config.command_path);
  // Deny wins, whichever way the program was named.
  await checkNotDenied(command, program, config, policy);
  if (program === null) {
    throw new AgentError(
      "COMMAND_NOT_FOUND",
      command.startsWith("/")
        ? `${shown} is allowed but is not an executable file`
        : `${shown} is allowed but was not found on ${config.command_path}`,
    );
  }
  if (running >= config.max_concurrent_commands) {
    throw new AgentError(
      "BUSY",
      `${running} commands are running, the agent's max_concurrent_commands; try again later`,
    );
  }

  running++;
  let outcome;
  try {
    outcome = await runBounded(program, args, {
      timeoutMs,
      maxOutputBytes: config.max_output_bytes,
      env: commandEnv(config),
    });
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new AgentError("COMMAND_NOT_FOUND", `${shown} could not be started: not found`);
    }
    throw new AgentError(
      "IO_ERROR",
      `${shown} could not be started: ${(err as Error).message}`,
    );
  } finally {
    running--;
  }

  const { stdout, stderr } = outcome;
  switch (outcome.kind) {
    case "timeout":
      throw new AgentError(
        "COMMAND_TIMEOUT",
        `${shown} did not finish within ${timeoutMs} ms and was killed`,
        { stdout, stderr },
      );
    case "output_limit":
      throw new AgentError(
        "OUTPUT_LIMIT",
        `${shown} wrote more than ${config.max_output_bytes} bytes of output and was killed`,
        { stdout, stderr, limit_bytes: config.max_output_bytes },
      );
    case "exited":
      return {
        exit_code: outcome.exitCode,
        signal: outcome.signal,
        stdout,
        stderr,
        duration_ms: outcome.durationMs,
      };
  }
}

function checkArgs(args: string[]): void {
  if (args.length > MAX_ARGS) {
    throw invalidParams(
      `params.args has ${args.length} arguments; at most ${MAX_ARGS} are allowed`,
    );
  }
  const encoder = new TextEncoder();
  args.forEach((arg, i) => {
    if (encoder.encode(arg).length > MAX_ARG_BYTES) {
      throw invalidParams(`params.args[${i}] is longer than ${MAX_ARG_BYTES} bytes`);
    }
    const bad = SHELL_METACHARACTERS.find((c) => arg.includes(c));
    if (bad !== undefined) {
      throw invalidParams(
        `params.args[${i}] contains the shell metacharacter ${JSON.stringify(bad)}; ` +
          "the agent refuses ; | & $ ` < > newlines and NUL in arguments",
      );
    }
  });
}
