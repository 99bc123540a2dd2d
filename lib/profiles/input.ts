// The checks on a profile's policy and on one setting as the API (or an import file) gives them:
// InvalidName for a name, InvalidFormat naming the field for anything else. The same rules hold
// for a profile, a local override and an imported file, so a policy that was saved is valid.

import { AppError } from "../errors.ts";
import { checkAlertRuleInput } from "../metrics/alert_rules.ts";
import { checkTimeZone, checkTiming } from "../scheduler/timing.ts";
import { BACKUP_MODES, type BackupMode } from "../../shared/scheduler.ts";
import { DEFAULT_KEEP, MAX_KEEP } from "../backups/settings.ts";
import { checkCommandName, checkDir, ConfigError, runsAnything } from "../../agent/config.ts";
import { normalize } from "../../agent/path_lexical.ts";
import { isValidName, nameRule } from "../../shared/names.ts";
import { invalidFormat, profileError } from "./errors.ts";
import type {
  AgentPermissions,
  BackupPolicy,
  KeyedSetting,
  PolicyAlertRule,
  PolicySetting,
  ProfilePolicy,
  SettingKind,
} from "../../shared/profiles.ts";
import { SETTING_KINDS } from "../../shared/profiles.ts";

export const NAME_MAX = 64;
export const DESCRIPTION_MAX = 500;
export const LIST_MAX = 64;
export const ALERTS_MAX = 50;
export const TAGS_MAX = 32;
const TAG = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,31}$/;

export const emptyPolicy = (): ProfilePolicy => ({
  agent: null,
  alerts: [],
  backup: null,
  tags: [],
});

type Json = Record<string, unknown>;

function object(value: unknown, field: string, example: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidFormat(field, `must be a JSON object like ${example}`);
  }
  return value as Json;
}

function onlyKeys(o: Json, field: string, known: readonly string[]) {
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) {
      throw invalidFormat(field, `unknown field "${key}" (expected ${known.join(", ")})`);
    }
  }
}

/** A profile name once trimmed: the shared name rule (shared/names.ts), InvalidName otherwise. */
export function checkName(value: unknown, field = "name"): string {
  const name = typeof value === "string" ? value.trim() : "";
  if (!isValidName(name, NAME_MAX)) {
    throw profileError("InvalidName", `${field} must be ${nameRule(NAME_MAX)}`, { field });
  }
  return name;
}

export function checkDescription(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "string" || value.length > DESCRIPTION_MAX) {
    throw invalidFormat("description", `must be text of at most ${DESCRIPTION_MAX} characters`);
  }
  return value.trim() || null;
}

function stringList(value: unknown, field: string, max: number): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((s) => typeof s === "string")) {
    throw invalidFormat(field, "must be a list of strings");
  }
  if (value.length > max) throw invalidFormat(field, `at most ${max} entries`);
  return [...new Set(value.map((s: string) => s.trim()))];
}

/** The agent's own check of a list entry (agent/config.ts), in our error's shape. */
function asAgentChecks<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof ConfigError) {
      throw profileError("InvalidFormat", err.message, { field: where });
    }
    throw err;
  }
}

function checkCommand(cmd: string, where: string): string {
  asAgentChecks(where, () => checkCommandName(cmd, where));
  return cmd.includes("/") ? normalize(cmd) : cmd;
}

/** Guest-agent permissions; shells and interpreters are refused as the agent refuses them. */
export function checkAgent(value: unknown, field = "agent"): AgentPermissions {
  const o = object(
    value,
    field,
    '{"allowedDirectories": ["/srv/data"], "allowedCommands": ["uptime"], "disallowedCommands": []}',
  );
  onlyKeys(o, field, ["allowedDirectories", "allowedCommands", "disallowedCommands"]);
  const allowedDirectories = stringList(
    o.allowedDirectories,
    `${field}.allowedDirectories`,
    LIST_MAX,
  )
    .map((dir, i) => {
      const where = `${field}.allowedDirectories[${i}]`;
      return asAgentChecks(where, () => checkDir(dir, where));
    });
  const allowedCommands = stringList(o.allowedCommands, `${field}.allowedCommands`, LIST_MAX)
    .map((cmd, i) => {
      const where = `${field}.allowedCommands[${i}]`;
      const clean = checkCommand(cmd, where);
      if (runsAnything(clean)) {
        throw invalidFormat(
          where,
          `"${cmd}" is a shell, an interpreter or a program that runs other programs; allowing ` +
            "it would allow any command (the guest agent refuses it too)",
        );
      }
      return clean;
    });
  const disallowedCommands = stringList(
    o.disallowedCommands,
    `${field}.disallowedCommands`,
    LIST_MAX,
  ).map((cmd, i) => checkCommand(cmd, `${field}.disallowedCommands[${i}]`));
  return { allowedDirectories, allowedCommands, disallowedCommands };
}

/** An alert rule of a policy: the alert rules' own checks, without a VM (the policy's VMs). */
export function checkAlert(value: unknown, field = "alert"): PolicyAlertRule {
  const o = object(value, field, '{"name": "cpu-high", "metric": "cpu", "threshold": 90}');
  if (o.vmId !== undefined) {
    throw invalidFormat(field, "a policy's alert rule applies to the policy's VMs: drop vmId");
  }
  try {
    const { vmId: _, ...rule } = checkAlertRuleInput(o);
    return rule;
  } catch (err) {
    if (err instanceof AppError) throw invalidFormat(field, err.message);
    throw err;
  }
}

function checkAlerts(value: unknown): PolicyAlertRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidFormat("alerts", "must be a list of alert rules");
  if (value.length > ALERTS_MAX) throw invalidFormat("alerts", `at most ${ALERTS_MAX} rules`);
  const seen = new Set<string>();
  return value.map((v, i) => {
    const rule = checkAlert(v, `alerts[${i}]`);
    const lower = rule.name.toLowerCase();
    if (seen.has(lower)) {
      throw invalidFormat(`alerts[${i}]`, `two rules are named ${rule.name}`);
    }
    seen.add(lower);
    return rule;
  });
}

/** When backups run (or null: retention only), in which zone, which mode, how many kept. */
export function checkBackup(value: unknown, field = "backup"): BackupPolicy {
  const o = object(
    value,
    field,
    '{"timing": {"kind": "daily", "time": "02:00"}, "timezone": "UTC", "keep": 7}',
  );
  onlyKeys(o, field, ["timing", "timezone", "mode", "keep"]);
  try {
    const timezone = checkTimeZone(o.timezone);
    let timing: BackupPolicy["timing"] = null;
    if (o.timing !== undefined && o.timing !== null) {
      const checked = checkTiming(o.timing, timezone);
      if (checked.kind === "once") {
        throw invalidFormat(
          `${field}.timing`,
          "a policy repeats: use daily, weekly, monthly or cron",
        );
      }
      timing = checked;
    }
    const mode = (o.mode ?? "auto") as BackupMode;
    if (!BACKUP_MODES.includes(mode)) {
      throw invalidFormat(`${field}.mode`, `must be one of ${BACKUP_MODES.join(", ")}`);
    }
    const keep = o.keep ?? DEFAULT_KEEP;
    if (typeof keep !== "number" || !Number.isInteger(keep) || keep < 1 || keep > MAX_KEEP) {
      throw invalidFormat(`${field}.keep`, `must be a whole number from 1 to ${MAX_KEEP}`);
    }
    return { timing, timezone, mode, keep };
  } catch (err) {
    if (err instanceof AppError && err.code !== "InvalidFormat") {
      throw invalidFormat(field, err.message);
    }
    throw err;
  }
}

export function checkTag(value: unknown, field = "tag"): string {
  if (typeof value !== "string" || !TAG.test(value)) {
    throw invalidFormat(
      field,
      `${JSON.stringify(value)} is not a tag: 1 to 32 letters, digits, . _ : / - (no spaces), ` +
        "starting with a letter or digit",
    );
  }
  return value;
}

function checkTags(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidFormat("tags", "must be a list of tags");
  if (value.length > TAGS_MAX) throw invalidFormat("tags", `at most ${TAGS_MAX} tags`);
  return [...new Set(value.map((t, i) => checkTag(t, `tags[${i}]`)))];
}

const POLICY_FIELDS = ["agent", "alerts", "backup", "tags"] as const;

/** The policy fields present in `o` (absent ones stay absent, for a PATCH). */
export function checkPolicyFields(o: Json): Partial<ProfilePolicy> {
  const out: Partial<ProfilePolicy> = {};
  if (o.agent !== undefined) out.agent = o.agent === null ? null : checkAgent(o.agent);
  if (o.alerts !== undefined) out.alerts = checkAlerts(o.alerts);
  if (o.backup !== undefined) out.backup = o.backup === null ? null : checkBackup(o.backup);
  if (o.tags !== undefined) out.tags = checkTags(o.tags);
  return out;
}

/** A create body (name required) or, with `patch`, an update body (every field optional). */
export function checkProfileBody(
  input: unknown,
  { patch }: { patch: boolean },
): { name?: string; description?: string | null } & Partial<ProfilePolicy> {
  const o = object(input, "body", '{"name": "web servers", "tags": ["web"]}');
  onlyKeys(o, "body", ["name", "description", ...POLICY_FIELDS]);
  const out: { name?: string; description?: string | null } & Partial<ProfilePolicy> = {};
  if (!patch || o.name !== undefined) out.name = checkName(o.name);
  if (o.description !== undefined) out.description = checkDescription(o.description);
  return { ...out, ...checkPolicyFields(o) };
}

/** One setting of a local override: `{"kind": "tag", "tag": "web"}` and the like. */
export function checkSetting(input: unknown): PolicySetting {
  const o = object(input, "body", '{"kind": "tag", "tag": "web"}');
  const kind = o.kind as SettingKind;
  if (!SETTING_KINDS.includes(kind)) {
    throw invalidFormat("kind", `must be one of ${SETTING_KINDS.join(", ")}`);
  }
  onlyKeys(o, "body", ["kind", kind]);
  switch (kind) {
    case "agent":
      return { kind, agent: checkAgent(o.agent, "agent") };
    case "alert":
      return { kind, alert: checkAlert(o.alert, "alert") };
    case "backup":
      return { kind, backup: checkBackup(o.backup, "backup") };
    case "tag":
      return { kind, tag: checkTag(o.tag, "tag") };
  }
}

/** A setting's key: one agent and one backup setting per VM, alert rules and tags by name. */
export function keyOf(s: PolicySetting): string {
  switch (s.kind) {
    case "agent":
    case "backup":
      return s.kind;
    case "alert":
      return `alert:${s.alert.name.toLowerCase()}`;
    case "tag":
      return `tag:${s.tag}`;
  }
}

/** A policy as its settings, each with its key. */
export function settingsOf(p: ProfilePolicy): KeyedSetting[] {
  const list: PolicySetting[] = [
    ...(p.agent ? [{ kind: "agent" as const, agent: p.agent }] : []),
    ...p.alerts.map((alert) => ({ kind: "alert" as const, alert })),
    ...(p.backup ? [{ kind: "backup" as const, backup: p.backup }] : []),
    ...p.tags.map((tag) => ({ kind: "tag" as const, tag })),
  ];
  return list.map((s) => ({ ...s, key: keyOf(s) }));
}

/** Settings folded back into one policy (keys are unique, so nothing is dropped). */
export function policyOf(settings: PolicySetting[]): ProfilePolicy {
  const p = emptyPolicy();
  for (const s of settings) {
    if (s.kind === "agent") p.agent = s.agent;
    else if (s.kind === "alert") p.alerts.push(s.alert);
    else if (s.kind === "backup") p.backup = s.backup;
    else p.tags.push(s.tag);
  }
  p.alerts.sort((a, b) => a.name.localeCompare(b.name));
  p.tags.sort();
  return p;
}

/** How many settings a policy holds (the list's count). */
export const settingCount = (p: ProfilePolicy) =>
  (p.agent ? 1 : 0) + p.alerts.length + (p.backup ? 1 : 0) + p.tags.length;

/** A stored setting (JSON from our own store) without a second round of checks. */
export function withoutKey(s: KeyedSetting): PolicySetting {
  const { key: _, ...rest } = s;
  return rest as PolicySetting;
}
