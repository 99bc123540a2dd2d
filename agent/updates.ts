// list_updates: the package updates the guest's package manager knows of (apt, dnf or pacman,
// whichever is on command_path first), read-only and as of its last metadata refresh: nothing
// is downloaded, refreshed or installed. Each command runs without a shell, bounded.

import type { AgentConfig } from "./config.ts";
import { commandEnv, findExecutable } from "./command_path.ts";
import { AgentError } from "./errors.ts";
import { onlyKeys, type Params } from "./params.ts";
import type { PendingUpdate, UpdatesResult } from "./protocol.ts";
import { runTool } from "./run_tool.ts";

/** The most updates one reply carries; `count` still says how many there are. */
export const MAX_UPDATES = 5000;

/**
 * `apt list --upgradable`: "NAME/SUITE[,SUITE] NEW ARCH [upgradable from: OLD]" lines after
 * "Listing...".
 */
export function parseAptUpgradable(text: string): PendingUpdate[] {
  const updates: PendingUpdate[] = [];
  for (const line of text.split("\n")) {
    const m = /^([^/\s]+)\/\S+\s+(\S+)\s+\S+\s+\[upgradable from: ([^\]\s]+)\]/.exec(line.trim());
    if (m) updates.push({ name: m[1], current_version: m[3], new_version: m[2] });
  }
  return updates;
}

/**
 * `dnf check-update`: "NAME.ARCH  [EPOCH:]VERSION-RELEASE  REPO" lines, up to "Obsoleting
 * Packages"; a name too long for its column is wrapped onto a line of its own. `installed` maps
 * NAME.ARCH to the installed version (from rpm -qa).
 */
export function parseDnfCheckUpdate(
  text: string,
  installed: Map<string, string> = new Map(),
): PendingUpdate[] {
  const updates: PendingUpdate[] = [];
  let carried: string | null = null;
  for (const raw of text.split("\n")) {
    if (/^Obsoleting Packages/.test(raw) || /^Security:/.test(raw)) break;
    const fields = raw.trim().split(/\s+/).filter(Boolean);
    if (carried && fields.length === 2) fields.unshift(carried);
    carried = null;
    if (fields.length === 1 && /^\S+\.\S+$/.test(fields[0]) && /^\S/.test(raw)) {
      carried = fields[0];
      continue;
    }
    if (fields.length !== 3 || !/^\S+\.[A-Za-z0-9_]+$/.test(fields[0])) continue;
    if (!/^(\d+:)?[^-\s]+-\S+$/.test(fields[1])) continue; // "Last metadata expiration check: …"
    const name = fields[0];
    updates.push({
      name: name.slice(0, name.lastIndexOf(".")),
      current_version: installed.get(name) ?? null,
      new_version: fields[1],
    });
  }
  return updates;
}

/** `rpm -qa --queryformat RPM_QUERYFORMAT` → NAME.ARCH → [EPOCH:]VERSION-RELEASE. */
export const RPM_QUERYFORMAT = "%{NAME}.%{ARCH} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n";

export function parseRpmInstalled(text: string): Map<string, string> {
  const installed = new Map<string, string>();
  for (const line of text.split("\n")) {
    const [name, version] = line.trim().split(/\s+/);
    if (name && version) installed.set(name, version);
  }
  return installed;
}

/** `pacman -Qu`: "NAME OLD -> NEW" lines, maybe followed by " [ignored]". */
export function parsePacmanQu(text: string): PendingUpdate[] {
  const updates: PendingUpdate[] = [];
  for (const line of text.split("\n")) {
    const m = /^(\S+)\s+(\S+)\s+->\s+(\S+)/.exec(line.trim());
    if (m) updates.push({ name: m[1], current_version: m[2], new_version: m[3] });
  }
  return updates;
}

/** Runs a package manager's query; stdout, with the exit codes that mean an answer. */
async function query(
  program: string,
  args: string[],
  okCodes: number[],
  config: AgentConfig,
): Promise<string> {
  const { stdout } = await runTool(program, args, {
    timeoutMs: config.max_command_timeout_ms,
    maxOutputBytes: config.max_output_bytes,
    env: commandEnv(config),
    okCodes,
    failure: "IO_ERROR",
  });
  return stdout;
}

/** `list_updates`: the first of apt, dnf, pacman on command_path answers. */
export async function listUpdates(params: Params, config: AgentConfig): Promise<UpdatesResult> {
  onlyKeys(params, []);
  const find = (name: string) => findExecutable(name, config.command_path);
  let manager: UpdatesResult["manager"];
  let updates: PendingUpdate[];
  const apt = await find("apt");
  const dnf = apt ? null : await find("dnf");
  const pacman = apt || dnf ? null : await find("pacman");
  if (apt) {
    manager = "apt";
    updates = parseAptUpgradable(await query(apt, ["list", "--upgradable"], [0], config));
  } else if (dnf) {
    manager = "dnf";
    // -C: from the cache only, never a metadata download; 100 means "updates available".
    const text = await query(dnf, ["-q", "-C", "check-update"], [0, 100], config);
    const rpm = await find("rpm");
    const installed = rpm
      ? parseRpmInstalled(await query(rpm, ["-qa", "--queryformat", RPM_QUERYFORMAT], [0], config))
      : new Map<string, string>();
    updates = parseDnfCheckUpdate(text, installed);
  } else if (pacman) {
    manager = "pacman";
    // -Qu answers 1 when nothing is out of date.
    updates = parsePacmanQu(await query(pacman, ["-Qu"], [0, 1], config));
  } else {
    throw new AgentError(
      "NO_PACKAGE_MANAGER",
      `none of apt, dnf, pacman is on the agent's command_path (${config.command_path})`,
    );
  }
  return { manager, updates: updates.slice(0, MAX_UPDATES), count: updates.length };
}
