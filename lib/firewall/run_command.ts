// Running an outside command and capturing its output: the type the firewall backends take
// (tests pass their own) and the real runner on Deno.Command; finding the tool under its names,
// and running the backends' calls one at a time.

import { AppError } from "../errors.ts";
import { textOutput, writeInput } from "../command_io.ts";
import { t } from "../../shared/i18n/t.ts";

/** What a finished command gave back. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `binary` with `args` (no shell) and waits for it; `input`, when given, is its standard
 * input (nft reads a whole transaction from it). Throws Deno.errors.NotFound when the binary does
 * not exist, as Deno.Command does.
 */
export type CommandRunner = (
  binary: string,
  args: readonly string[],
  input?: string,
  /** Kills the command when aborted (a reload that hangs). */
  signal?: AbortSignal,
) => Promise<CommandOutput>;

/** Runs a command with Deno.Command, capturing its output as text. */
export const runCommand: CommandRunner = async (binary, args, input, signal) => {
  const child = new Deno.Command(binary, {
    args: [...args],
    signal,
    stdin: input === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    // iptables' and nft's own messages are English anyway; keep libc's (strerror) English too.
    env: { LC_ALL: "C" },
  }).spawn();
  if (input !== undefined) await writeInput(child, input);
  return textOutput(await child.output());
};

/** The firewall refused us: the server needs root or CAP_NET_ADMIN (iptables and nft alike). */
export const noFirewallPermission = () =>
  new AppError(
    "FIREWALL_UNAVAILABLE",
    t(
      "Port forwarding needs permission to change the firewall: run KVM Manager as root (or give it CAP_NET_ADMIN)",
    ),
    { reason: "permission" },
  );

/** How one firewall tool words its failures, for toolStdout(). */
export interface ToolFailureWords {
  /** The message when the tool is not installed: it names what to install. */
  missing: () => string;
  /** The tool's stderr when the firewall refused us: neither tool has an exit status for it. */
  denied: RegExp;
  /** Any other failure's sentence, filled with the command line, exit status and stderr. */
  failed: (words: { args: string; code: string; stderr: string }) => string;
  /** A failure the tool's caller tells apart (checked after `denied`), or null. */
  own?: (stderr: string) => AppError | null;
}

/**
 * The stdout of a firewall command that ran `args` (FirewallTool.run()'s `out`), or the AppError
 * its failure means: FIREWALL_UNAVAILABLE (503) when the tool is not installed (reason
 * not-installed) or was refused (reason permission), FIREWALL_ERROR (500) otherwise, so iptables
 * and nft report alike, each in its own sentence.
 */
export function toolStdout(
  out: CommandOutput | null,
  args: readonly string[],
  words: ToolFailureWords,
): string {
  if (!out) {
    throw new AppError("FIREWALL_UNAVAILABLE", words.missing(), { reason: "not-installed" });
  }
  if (out.code === 0) return out.stdout;
  const stderr = out.stderr.trim();
  if (words.denied.test(stderr)) throw noFirewallPermission();
  const own = words.own?.(stderr);
  if (own) throw own;
  throw new AppError(
    "FIREWALL_ERROR",
    words.failed({
      args: args.join(" "),
      code: String(out.code),
      stderr: stderr || t("no message"),
    }),
  );
}

/**
 * A firewall tool looked for under several names (PATH first, then sbin, which a non-root user's
 * PATH often lacks); once one runs, only that one is used. run() answers null when none is
 * installed, throws noFirewallPermission() when running it is refused, and `cannotRun` for any
 * other failure to start it.
 */
export class FirewallTool {
  #binaries: string[];
  #run: CommandRunner;
  #cannotRun: (reason: string) => AppError;

  constructor(binaries: string[], run: CommandRunner, cannotRun: (reason: string) => AppError) {
    this.#binaries = [...binaries];
    this.#run = run;
    this.#cannotRun = cannotRun;
  }

  async run(args: readonly string[], input?: string): Promise<CommandOutput | null> {
    for (const binary of this.#binaries) {
      let out: CommandOutput;
      try {
        out = await this.#run(binary, args, input);
      } catch (err) {
        if (err instanceof Deno.errors.NotFound) continue;
        if (err instanceof Deno.errors.PermissionDenied) throw noFirewallPermission();
        throw this.#cannotRun(String((err as Error).message));
      }
      this.#binaries = [binary];
      return out;
    }
    return null;
  }
}

/** What a firewall backend is built with: the binary to run, and how (tests pass their own). */
export interface ToolOptions {
  binary?: string;
  run?: CommandRunner;
}

/**
 * The tool `opts` name, else the first of `defaults` that is installed, run by runCommand; a
 * failure to start it other than absence or permission is FIREWALL_ERROR in `cannotRun`'s words.
 */
export function toolFor(
  opts: ToolOptions,
  defaults: string[],
  cannotRun: (reason: string) => string,
): FirewallTool {
  return new FirewallTool(
    opts.binary ? [opts.binary] : defaults,
    opts.run ?? runCommand,
    (reason) => new AppError("FIREWALL_ERROR", cannotRun(reason)),
  );
}

/** Runs calls one after another: each starts once every earlier one has finished. */
export class OneAtATime {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.catch(() => {});
    return result;
  }
}
