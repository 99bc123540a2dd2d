// The command-line client's commands (`vm`, `host`, `network` …) as main.ts runs them. Kept apart
// from main.ts, which loads the whole server, so that a process can run the client alone:
// tests/harness/client_entry.ts starts in about 0.06 s instead of main.ts's 0.8 s, and the test
// suite runs the client some 150 times (bench/test_costs.ts).

import { ConfigError } from "../lib/config/values.ts";
import { CLI_COMMANDS } from "./mod.ts";

/** True when `command` is one of the client's. */
export function isClientCommand(command: string | undefined): boolean {
  return command !== undefined && CLI_COMMANDS.has(command);
}

/** Runs a client command (`args[0]`); resolves to the process's exit status. */
export async function clientMain(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const run = CLI_COMMANDS.get(command);
  if (!run) {
    console.error(`kvm-manager: "${command}" is not a client command`);
    return 2;
  }
  return await withConfigErrors(run, rest);
}

/**
 * Runs a command of the program; a ConfigError (bad flags, file or environment) is its message
 * and exit status 2, as for every command, the server's and the client's alike.
 */
export async function withConfigErrors(
  run: (args: string[]) => Promise<number>,
  args: string[],
): Promise<number> {
  try {
    return await run(args);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`kvm-manager: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
