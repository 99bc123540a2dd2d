// list_services and service_action: systemd's services through systemctl (run without a shell,
// under a deadline and an output cap), with the parsers of its JSON and plain-table outputs.
// Only services the config's and the host policy's allowed_services match are acted on.

import type { AgentConfig } from "./config.ts";
import { commandEnv, findExecutable } from "./command_path.ts";
import { AgentError, invalidParams } from "./errors.ts";
import { onlyKeys, type Params, requiredString } from "./params.ts";
import { checkServiceAllowed, parsePolicy, serviceRefusal } from "./policy.ts";
import type {
  GuestService,
  HostPolicy,
  ServiceActionName,
  ServiceActionResult,
  ServicesResult,
} from "./protocol.ts";
import { runTool } from "./run_tool.ts";
import { serviceUnit } from "./service_names.ts";

/** The most services one reply carries (a guest rarely has more than a few hundred). */
export const MAX_SERVICES = 2000;
const ACTIONS: readonly ServiceActionName[] = ["start", "stop", "restart"];
/** `systemctl list-units --output=json` came with systemd 251. */
const JSON_SINCE = 251;
const SHOW_PROPERTIES = "Id,Description,LoadState,ActiveState,SubState,UnitFileState";

type Unit = Omit<GuestService, "allowed">;

/** The number in `systemctl --version`'s first line ("systemd 252 (252.39-1~deb12u2)"). */
export function parseSystemdVersion(text: string): number | null {
  const m = /^systemd (\d+)/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/**
 * `text` as a JSON array; null when it is not one (a systemctl too old for --output=json prints
 * its table instead, and the caller falls back to reading that).
 */
function jsonArray(text: string) {
  try {
    const rows = JSON.parse(text);
    return Array.isArray(rows) ? rows : null;
  } catch {
    return null;
  }
}

/** `systemctl list-units --type=service --all --output=json`; null when it is not such JSON. */
export function parseUnitsJson(text: string): Unit[] | null {
  const rows = jsonArray(text);
  if (!rows) return null;
  const str = (v: unknown) => typeof v === "string" ? v : "";
  return rows.filter((r) => r && typeof r === "object" && typeof r.unit === "string")
    .map((r) => ({
      name: r.unit,
      description: str(r.description),
      load_state: str(r.load),
      active_state: str(r.active),
      sub_state: str(r.sub),
      file_state: null,
    }));
}

/**
 * `systemctl list-units --type=service --all --plain --no-legend`: UNIT LOAD ACTIVE SUB
 * DESCRIPTION, blank-separated (the description keeps its blanks). Some versions still put a
 * "●" before a failed or not-found unit even with --plain.
 */
export function parseUnitsPlain(text: string): Unit[] {
  const units: Unit[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/^\s*[●*]\s*/, "").trim();
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(line);
    if (!m || !m[1].endsWith(".service")) continue;
    units.push({
      name: m[1],
      load_state: m[2],
      active_state: m[3],
      sub_state: m[4],
      description: m[5] ?? "",
      file_state: null,
    });
  }
  return units;
}

/** `systemctl list-unit-files --type=service` as JSON (null if it is not) → unit → state. */
export function parseUnitFilesJson(text: string): Map<string, string> | null {
  const rows = jsonArray(text);
  if (!rows) return null;
  const states = new Map<string, string>();
  for (const r of rows) {
    if (r && typeof r.unit_file === "string" && typeof r.state === "string") {
      states.set(r.unit_file, r.state);
    }
  }
  return states;
}

/** `systemctl list-unit-files --type=service --plain --no-legend`: UNIT FILE, STATE[, PRESET]. */
export function parseUnitFilesPlain(text: string): Map<string, string> {
  const states = new Map<string, string>();
  for (const line of text.split("\n")) {
    const [unit, state] = line.trim().split(/\s+/);
    if (unit?.endsWith(".service") && state) states.set(unit, state);
  }
  return states;
}

/**
 * The loaded units with their unit files' states, then the unit files no unit is loaded from
 * (a disabled service systemd has not loaded yet: inactive), but not templates ("x@.service",
 * nothing to start by that name) nor aliases (listed under their real name). Sorted by name.
 */
export function mergeServices(units: Unit[], files: Map<string, string>): Unit[] {
  const byName = new Map(
    units.map((u) => [u.name, { ...u, file_state: files.get(u.name) ?? null }]),
  );
  for (const [name, state] of files) {
    if (byName.has(name) || name.endsWith("@.service") || state === "alias") continue;
    byName.set(name, {
      name,
      description: "",
      load_state: state === "masked" ? "masked" : "loaded",
      active_state: "inactive",
      sub_state: "dead",
      file_state: state,
    });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** `systemctl show --property=…`: Key=Value lines → one unit. */
export function parseShow(text: string, unit: string): Unit {
  const props = new Map<string, string>();
  for (const line of text.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) props.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  const fileState = props.get("UnitFileState");
  return {
    name: props.get("Id") || unit,
    description: props.get("Description") ?? "",
    load_state: props.get("LoadState") ?? "",
    active_state: props.get("ActiveState") ?? "",
    sub_state: props.get("SubState") ?? "",
    file_state: fileState ? fileState : null,
  };
}

/** Runs systemctl with `args` under the config's limits; its stdout, or a refusal in words. */
async function systemctl(
  args: string[],
  config: AgentConfig,
  { timeoutMs = config.command_timeout_ms, okCodes = [0] } = {},
): Promise<{ stdout: string; stderr: string; exitCode: number | null }> {
  const program = await findExecutable("systemctl", config.command_path);
  if (!program) {
    throw new AgentError(
      "NO_SERVICE_MANAGER",
      `systemctl is not on the agent's command_path (${config.command_path}): the guest does not ` +
        "run systemd",
    );
  }
  return await runTool(program, args, {
    timeoutMs,
    maxOutputBytes: config.max_output_bytes,
    env: { ...commandEnv(config), SYSTEMD_COLORS: "0", SYSTEMD_PAGER: "" },
    okCodes,
    failure: "SERVICE_FAILED",
    shown: `systemctl ${args.join(" ")}`,
  });
}

function policyOf(params: Params): HostPolicy | null {
  return parsePolicy(params.policy);
}

/** `list_services`: every service systemd knows, with whether service_action may act on it. */
export async function listServices(params: Params, config: AgentConfig): Promise<ServicesResult> {
  onlyKeys(params, ["policy"]);
  const policy = policyOf(params);
  const version = parseSystemdVersion((await systemctl(["--version"], config)).stdout);
  const common = ["--type=service", "--no-pager"];
  let units: Unit[] | null = null;
  let files: Map<string, string> | null = null;
  if (version !== null && version >= JSON_SINCE) {
    const json = [...common, "--output=json"];
    units = parseUnitsJson((await systemctl(["list-units", "--all", ...json], config)).stdout);
    files = parseUnitFilesJson((await systemctl(["list-unit-files", ...json], config)).stdout);
  }
  const plain = [...common, "--plain", "--no-legend"];
  units ??= parseUnitsPlain((await systemctl(["list-units", "--all", ...plain], config)).stdout);
  files ??= parseUnitFilesPlain((await systemctl(["list-unit-files", ...plain], config)).stdout);
  const all = mergeServices(units, files);
  return {
    systemd_version: version,
    services: all.slice(0, MAX_SERVICES).map((u) => ({
      ...u,
      allowed: serviceRefusal(u.name, config, policy) === null,
    })),
    truncated: all.length > MAX_SERVICES,
  };
}

/** `service_action`: starts, stops or restarts an allowed service and reports it afterwards. */
export async function serviceAction(
  params: Params,
  config: AgentConfig,
): Promise<ServiceActionResult> {
  onlyKeys(params, ["name", "action", "policy"]);
  const name = requiredString(params, "name");
  const action = params.action as ServiceActionName;
  if (!ACTIONS.includes(action)) {
    throw invalidParams(`params.action must be one of ${ACTIONS.join(", ")}`);
  }
  const checked = serviceUnit(name);
  if ("problem" in checked) throw invalidParams(`params.name: ${checked.problem}`);
  const policy = policyOf(params);
  checkServiceAllowed(checked.unit, config, policy);
  // "--" ends the options: the name cannot be one anyway (it starts with a letter or digit).
  await systemctl([action, "--no-ask-password", "--", checked.unit], config, {
    timeoutMs: config.max_command_timeout_ms,
  });
  const shown = await systemctl(
    ["show", `--property=${SHOW_PROPERTIES}`, "--no-pager", "--", checked.unit],
    config,
  );
  return { action, service: { ...parseShow(shown.stdout, checked.unit), allowed: true } };
}
