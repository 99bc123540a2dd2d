// The host's policy for one call (the `policy` param of exec_command, the file, directory and
// service calls): it only narrows the agent's own config. A command must be allowed by both and
// is refused when either denies it; a path must lie within an allowed directory of both; a
// service must match an allowed_services pattern of both.

import {
  type AgentConfig,
  checkCommandName,
  checkDir,
  checkServicePattern,
  ConfigError,
} from "./config.ts";
import { AgentError, invalidParams } from "./errors.ts";
import { basename } from "./path_lexical.ts";
import type { DirScope } from "./paths.ts";
import type { HostPolicy } from "./protocol.ts";
import { serviceAllowed } from "./service_names.ts";

const KEYS = ["allowed_dirs", "allowed_commands", "denied_commands", "allowed_services"] as const;

const AGENT_DIRS = "the agent's allowed_dirs";
const HOST_DIRS = "the host policy's allowed directories";

/**
 * The `policy` param, checked like the config's lists (same syntax, directories normalised);
 * null when the call has none. Shells on its allowed_commands are not refused: the config's
 * list, which refuses them, must allow a command too.
 */
export function parsePolicy(value: unknown): HostPolicy | null {
  if (value === undefined) return null;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidParams("params.policy must be an object");
  }
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw invalidParams(`unknown parameter "policy.${key}" (policy takes: ${KEYS.join(", ")})`);
    }
  }
  const policy: HostPolicy = {};
  try {
    if (input.allowed_dirs !== undefined) {
      policy.allowed_dirs = list(input, "allowed_dirs").map((d, i) =>
        checkDir(d, `allowed_dirs[${i}]`)
      );
    }
    for (const key of ["allowed_commands", "denied_commands"] as const) {
      if (input[key] === undefined) continue;
      policy[key] = list(input, key);
      policy[key].forEach((cmd, i) => checkCommandName(cmd, `${key}[${i}]`));
    }
    if (input.allowed_services !== undefined) {
      policy.allowed_services = list(input, "allowed_services").map((p, i) =>
        checkServicePattern(p, `allowed_services[${i}]`)
      );
    }
  } catch (err) {
    if (err instanceof ConfigError) throw invalidParams(`params.policy.${err.message}`);
    throw err;
  }
  return policy;
}

function list(input: Record<string, unknown>, key: string): string[] {
  const v = input[key];
  if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) {
    throw invalidParams(`params.policy.${key} must be an array of strings`);
  }
  return [...v];
}

/** The directory lists a file path must satisfy: the config's, then the host's when given. */
export function dirScopes(config: AgentConfig, policy: HostPolicy | null): DirScope[] {
  const scopes = [{ dirs: config.allowed_dirs, name: AGENT_DIRS }];
  if (policy?.allowed_dirs) scopes.push({ dirs: policy.allowed_dirs, name: HOST_DIRS });
  return scopes;
}

/** Refuses a command that is not, exactly as named, on both allow-lists. */
export function checkAllowed(
  command: string,
  config: AgentConfig,
  policy: HostPolicy | null,
): void {
  const shown = JSON.stringify(command);
  if (!config.allowed_commands.includes(command)) {
    throw new AgentError("COMMAND_NOT_ALLOWED", `${shown} is not on the agent's allowed_commands`);
  }
  if (policy?.allowed_commands && !policy.allowed_commands.includes(command)) {
    throw new AgentError(
      "COMMAND_NOT_ALLOWED",
      `${shown} is not on the host policy's allowed commands`,
    );
  }
}

/**
 * Refuses a command either deny-list names, by the name it was asked by, the path it was found
 * at (`program`, null when not found) or the real path behind that. Deny wins over allow.
 */
export async function checkNotDenied(
  command: string,
  program: string | null,
  config: AgentConfig,
  policy: HostPolicy | null,
): Promise<void> {
  const hostDenied = policy?.denied_commands ?? [];
  if (config.denied_commands.length === 0 && hostDenied.length === 0) return;
  const names = await namesOf(command, program);
  const shown = JSON.stringify(command);
  if (config.denied_commands.some((d) => names.has(d))) {
    throw new AgentError("COMMAND_NOT_ALLOWED", `${shown} is on the agent's denied_commands`);
  }
  if (hostDenied.some((d) => names.has(d))) {
    throw new AgentError(
      "COMMAND_NOT_ALLOWED",
      `${shown} is on the host policy's disallowed commands`,
    );
  }
}

async function namesOf(command: string, program: string | null): Promise<Set<string>> {
  const names = new Set([command, basename(command)]);
  if (program) {
    names.add(program).add(basename(program));
    try {
      const real = await Deno.realPath(program);
      names.add(real).add(basename(real));
    } catch { /* vanished: the spawn will say so */ }
  }
  return names;
}

/**
 * Refuses a service (a unit name, "x.service") that is not matched by the config's
 * allowed_services, or, when the host sends a policy, by its allowed services (absent there:
 * none, since starting and stopping must be allowed by name on both sides).
 */
export function checkServiceAllowed(
  unit: string,
  config: AgentConfig,
  policy: HostPolicy | null,
): void {
  const why = serviceRefusal(unit, config, policy);
  if (why) throw new AgentError("SERVICE_NOT_ALLOWED", why);
}

/** Why a service may not be started, stopped or restarted; null when it may. */
export function serviceRefusal(
  unit: string,
  config: AgentConfig,
  policy: HostPolicy | null,
): string | null {
  const shown = JSON.stringify(unit);
  if (!serviceAllowed(unit, config.allowed_services)) {
    return `${shown} is not on the agent's allowed_services`;
  }
  if (policy && !serviceAllowed(unit, policy.allowed_services ?? [])) {
    return `${shown} is not on the host policy's allowed services`;
  }
  return null;
}
