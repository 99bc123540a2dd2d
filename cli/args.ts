// Command-line parsing for the client: the global flags every command takes (--url, --token,
// --config, --host, --json, --insecure, --ca-cert) plus each command's own, anywhere on the line.

import { parseArgs } from "node:util";
import { usageError } from "./errors.ts";

/** One option of a command: a value (`--memory 512`) or a switch (`--yes`). */
export type OptionSpec = { type: "string" } | { type: "boolean"; short?: string };

/** The flags of every client command. */
export const GLOBAL_OPTIONS = {
  url: { type: "string" },
  token: { type: "string" },
  config: { type: "string" },
  host: { type: "string" },
  json: { type: "boolean" },
  insecure: { type: "boolean" },
  "ca-cert": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies Record<string, OptionSpec>;

/** The global flags as given (nothing resolved yet: see config.ts). */
export interface GlobalFlags {
  url?: string;
  token?: string;
  config?: string;
  host?: string;
  json: boolean;
  insecure: boolean;
  caCert?: string;
  help: boolean;
}

/** A parsed command line: global flags, the command's own values, and the words left. */
export interface ParsedArgs {
  global: GlobalFlags;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses `args` with the global flags and `options`; a bad flag is a usage error (exit 2). */
export function parseCommandLine(
  args: string[],
  options: Record<string, OptionSpec> = {},
): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...GLOBAL_OPTIONS, ...options },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    // node's messages go on with advice about "--"; the first sentence says what is wrong.
    throw usageError((err as Error).message.split(/\.\s|\n/)[0].replace(/\.$/, ""));
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const global: GlobalFlags = {
    url: v.url as string | undefined,
    token: v.token as string | undefined,
    config: v.config as string | undefined,
    host: v.host as string | undefined,
    json: v.json === true,
    insecure: v.insecure === true,
    caCert: v["ca-cert"] as string | undefined,
    help: v.help === true,
  };
  const values: Record<string, string | boolean | undefined> = {};
  for (const name of Object.keys(options)) values[name] = v[name];
  return { global, values, positionals: parsed.positionals };
}

/** Whether `--json` appears among the arguments, for reporting errors met while parsing them. */
export function wantsJson(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).includes("--json");
}

/** A whole number flag, or undefined when absent; anything else is a usage error. */
export function intValue(
  values: Record<string, string | boolean | undefined>,
  name: string,
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !/^\d+$/.test(raw.trim())) {
    throw usageError(`--${name} takes a whole number, not "${raw}"`);
  }
  return Number(raw.trim());
}

/** A string flag, or undefined when absent. */
export function textValue(
  values: Record<string, string | boolean | undefined>,
  name: string,
): string | undefined {
  const raw = values[name];
  return typeof raw === "string" ? raw : undefined;
}

/**
 * Refuses a flag given to a subcommand it is not an option of: `own` lists each subcommand's
 * flags (`--yes` is delete's, not list's), `command` names the command in the refusal.
 */
export function onlyOwnFlags(
  values: Record<string, string | boolean | undefined>,
  own: Record<string, string[]>,
  command: string,
  sub: string,
): void {
  for (const [flag, value] of Object.entries(values)) {
    if (value !== undefined && !(own[sub] ?? []).includes(flag)) {
      throw usageError(`--${flag} is not an option of ${command} ${sub}`);
    }
  }
}

/**
 * The subcommand of `kvm-manager <command> …` and the words after it: a usage error (exit 2) in
 * `missing`'s words when none is given, or when a flag is not one of its own (onlyOwnFlags).
 */
export function subcommandOf(
  { positionals, values }: Pick<ParsedArgs, "positionals" | "values">,
  command: string,
  own: Record<string, string[]>,
  missing: string,
): { sub: string; rest: string[] } {
  const [sub, ...rest] = positionals;
  if (!sub) throw usageError(missing);
  onlyOwnFlags(values, own, command, sub);
  return { sub, rest };
}

/** Refuses words after `command` ("repo list"), which takes none (`what`: "NAME", "argument"). */
export function noWords(rest: string[], command: string, what = "NAME"): void {
  if (rest.length) throw usageError(`${command} takes no ${what} (got "${rest[0]}")`);
}

/** The one NAME a command needs (`vm start NAME`); none or several is a usage error. */
export function oneName(positionals: string[], usage: string): string {
  if (positionals.length === 0) throw usageError(`missing NAME: ${usage}`);
  if (positionals.length > 1) {
    throw usageError(`unexpected argument "${positionals[1]}": ${usage}`);
  }
  if (positionals[0] === "") throw usageError(`NAME is empty: ${usage}`);
  return positionals[0];
}
