// The agent's policy file: defaults, loading and validation. A missing file means the
// defaults; anything malformed stops the agent with a message naming the key, because a
// guessed policy is worse than none.

import { MAX_LINE_BYTES } from "./protocol.ts";
import { basename, normalize, pathSyntaxProblem } from "./path_lexical.ts";
import { servicePattern } from "./service_names.ts";

export const DEFAULT_CONFIG_PATH = "/etc/kvmm-agent/config.json";

export interface AgentConfig {
  allowed_dirs: string[];
  allowed_commands: string[];
  denied_commands: string[];
  /** Services list_services may show as manageable and service_action may start, stop, restart. */
  allowed_services: string[];
  /** Whether the host may replace this agent with a newer bundle (update_agent). */
  allow_self_update: boolean;
  command_timeout_ms: number;
  max_command_timeout_ms: number;
  max_output_bytes: number;
  max_file_bytes: number;
  max_concurrent_commands: number;
  command_path: string;
  shutdown_command: string[];
  reboot_command: string[];
}

export const DEFAULT_CONFIG: Readonly<AgentConfig> = Object.freeze({
  allowed_dirs: ["/var/lib/kvmm-agent/files"],
  // Tools that only look. Missing on purpose: cat (as root it reads any file, around
  // allowed_dirs), ip and hostname (given arguments they change the network and the name).
  allowed_commands: ["uptime", "uname", "df", "free", "ps", "ls", "lsblk", "lscpu", "id", "whoami"],
  denied_commands: [],
  // None: starting or stopping a service is the guest owner's choice to make, by name.
  allowed_services: [],
  // Off: new code running as root in the guest is the guest owner's choice.
  allow_self_update: false,
  command_timeout_ms: 10_000,
  max_command_timeout_ms: 60_000,
  max_output_bytes: 1024 * 1024,
  max_file_bytes: 8 * 1024 * 1024,
  max_concurrent_commands: 4,
  command_path: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  shutdown_command: ["systemctl", "poweroff"],
  reboot_command: ["systemctl", "reboot"],
});

// Output travels as a JSON string, where a control byte becomes a six-byte "\u0000" escape:
// six times the cap must still fit in one protocol line.
export const OUTPUT_BYTES_CEILING = 2 * 1024 * 1024;
// A file travels base64-encoded (4 bytes per 3) in one line, with room for the envelope.
export const FILE_BYTES_CEILING = Math.floor((MAX_LINE_BYTES - 64 * 1024) / 4) * 3;
const TIMEOUT_CEILING_MS = 60 * 60 * 1000;

/**
 * Programs that run other programs, or code, from their arguments: allowing one by name would
 * allow everything, so the config is refused rather than quietly trusted.
 */
const RUNS_ANYTHING = [
  /^(sh|ash|bash|dash|zsh|ksh|mksh|pdksh|csh|tcsh|fish|rbash|busybox|toybox)$/,
  /^(python|perl|ruby|php|lua|luajit|tclsh|wish|node|nodejs|deno|bun|awk|gawk|mawk|nawk)[\d.]*$/,
  /^(env|sudo|su|doas|pkexec|runuser|chroot|nsenter|unshare|setsid|nohup|nice|ionice|timeout)$/,
  /^(xargs|find|watch|strace|ltrace|gdb|systemd-run|flock|stdbuf|taskset|script|expect)$/,
];

export function runsAnything(command: string): boolean {
  const name = basename(command);
  return RUNS_ANYTHING.some((re) => re.test(name));
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads the config file; a missing file gives the defaults (`fromFile` false). Throws
 * ConfigError for anything else that is wrong.
 */
export async function loadConfig(
  path: string,
): Promise<{ config: AgentConfig; fromFile: boolean }> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      return { config: structuredClone(DEFAULT_CONFIG), fromFile: false };
    }
    throw new ConfigError(`config ${path}: cannot read it: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config ${path}: not valid JSON: ${(err as Error).message}`);
  }
  try {
    return { config: parseConfig(json), fromFile: true };
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(`config ${path}: ${err.message}`);
    throw err;
  }
}

const KEYS = Object.keys(DEFAULT_CONFIG) as (keyof AgentConfig)[];

/** Validates a parsed config object over the defaults. Keys starting with "_" are comments. */
export function parseConfig(json: unknown): AgentConfig {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ConfigError("must be a JSON object");
  }
  const input = json as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!key.startsWith("_") && !(KEYS as string[]).includes(key)) {
      throw new ConfigError(`unknown key "${key}" (known keys: ${KEYS.join(", ")})`);
    }
  }
  const c: AgentConfig = { ...structuredClone(DEFAULT_CONFIG) };
  const has = (key: keyof AgentConfig) => input[key] !== undefined;

  if (has("allowed_dirs")) {
    c.allowed_dirs = stringList(input, "allowed_dirs").map((d, i) =>
      checkDir(d, `allowed_dirs[${i}]`)
    );
  }
  if (has("allowed_commands")) {
    c.allowed_commands = stringList(input, "allowed_commands");
    c.allowed_commands.forEach((cmd, i) => {
      checkCommandName(cmd, `allowed_commands[${i}]`);
      if (runsAnything(cmd)) {
        throw new ConfigError(
          `allowed_commands[${i}]: "${cmd}" is a shell, an interpreter or a program that runs ` +
            "other programs; allowing it would allow any command, so the agent refuses it",
        );
      }
    });
  }
  if (has("denied_commands")) {
    c.denied_commands = stringList(input, "denied_commands");
    c.denied_commands.forEach((cmd, i) => checkCommandName(cmd, `denied_commands[${i}]`));
  }
  if (has("allowed_services")) {
    c.allowed_services = stringList(input, "allowed_services").map((p, i) =>
      checkServicePattern(p, `allowed_services[${i}]`)
    );
  }
  if (has("allow_self_update")) {
    if (typeof input.allow_self_update !== "boolean") {
      throw new ConfigError("allow_self_update must be true or false");
    }
    c.allow_self_update = input.allow_self_update;
  }
  if (has("max_command_timeout_ms")) {
    c.max_command_timeout_ms = integer(input, "max_command_timeout_ms", 100, TIMEOUT_CEILING_MS);
  }
  if (has("command_timeout_ms")) {
    c.command_timeout_ms = integer(input, "command_timeout_ms", 100, TIMEOUT_CEILING_MS);
  }
  if (c.command_timeout_ms > c.max_command_timeout_ms) {
    throw new ConfigError(
      `command_timeout_ms (${c.command_timeout_ms}) is above max_command_timeout_ms ` +
        `(${c.max_command_timeout_ms})`,
    );
  }
  if (has("max_output_bytes")) {
    c.max_output_bytes = integer(input, "max_output_bytes", 1024, OUTPUT_BYTES_CEILING);
  }
  if (has("max_file_bytes")) {
    c.max_file_bytes = integer(input, "max_file_bytes", 1, FILE_BYTES_CEILING);
  }
  if (has("max_concurrent_commands")) {
    c.max_concurrent_commands = integer(input, "max_concurrent_commands", 1, 64);
  }
  if (has("command_path")) c.command_path = commandPath(input.command_path);
  if (has("shutdown_command")) c.shutdown_command = argv(input, "shutdown_command");
  if (has("reboot_command")) c.reboot_command = argv(input, "reboot_command");
  return c;
}

function stringList(input: Record<string, unknown>, key: string): string[] {
  const v = input[key];
  if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) {
    throw new ConfigError(`${key} must be an array of strings`);
  }
  return [...v];
}

function integer(input: Record<string, unknown>, key: string, min: number, max: number): number {
  const v = input[key];
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new ConfigError(
      `${key} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/** An allowed directory, normalised: absolute, no "..", not "/" (`i` is its index, for words). */
/** An allowed directory, normalised; `where` names the entry in a refusal. */
export function checkDir(dir: string, where: string): string {
  const problem = pathSyntaxProblem(dir);
  if (problem) throw new ConfigError(`${where}: "${dir}" ${problem}`);
  const clean = normalize(dir);
  if (clean === "/") throw new ConfigError(`${where}: "/" would expose every file of the guest`);
  return clean;
}

/** A bare program name, or an absolute path to one; `where` names the entry in a refusal. */
export function checkCommandName(cmd: string, where: string): void {
  if (cmd.includes("/")) {
    const problem = pathSyntaxProblem(cmd);
    if (problem) throw new ConfigError(`${where}: "${cmd}" ${problem}`);
  } else if (!/^[A-Za-z0-9._+-]+$/.test(cmd) || cmd === "." || cmd === "..") {
    throw new ConfigError(
      `${where}: "${cmd}" must be a program name (letters, digits, . _ + -) or an absolute path`,
    );
  }
}

/** A service name or pattern ("nginx", "app-*.service"), with ".service" added when missing. */
export function checkServicePattern(pattern: string, where: string): string {
  const checked = servicePattern(pattern);
  if ("problem" in checked) throw new ConfigError(`${where}: ${checked.problem}`);
  return checked.pattern;
}

function commandPath(v: unknown): string {
  if (typeof v !== "string" || v === "") {
    throw new ConfigError("command_path must be a non-empty string of ':'-separated directories");
  }
  for (const dir of v.split(":")) {
    const problem = pathSyntaxProblem(dir);
    if (problem) throw new ConfigError(`command_path: directory "${dir}" ${problem}`);
  }
  return v;
}

function argv(input: Record<string, unknown>, key: string): string[] {
  const list = stringList(input, key);
  if (list.length === 0) throw new ConfigError(`${key} must name a program`);
  checkCommandName(list[0], `${key}[0]`);
  if (list.some((a) => a.includes("\0"))) throw new ConfigError(`${key} contains a NUL byte`);
  return list;
}
