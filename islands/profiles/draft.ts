// The profile and override forms' drafts: strings as the inputs hold them, to and from the API's
// shapes. The server checks everything (names, paths, thresholds, zones); the drafts only convert.

import type {
  AgentPermissions,
  BackupPolicy,
  PolicySetting,
  ProfileDetails,
  ProfileInput,
  ProfilePolicy,
  SettingKind,
} from "../../shared/profiles.ts";
import { type AlertDraft, alertDraft, alertOf, NEW_ALERT } from "../monitoring/forms.ts";
import { newDraft, type ScheduleDraft, timingOf } from "../schedules/draft.ts";
import { num } from "../wizard/draft.ts";
import { t } from "../../shared/i18n/t.ts";

/** One entry a line (directories, commands): trimmed, blank lines dropped. */
export const linesOf = (text: string): string[] =>
  text.split("\n").map((l) => l.trim()).filter((l) => l !== "");

/** Tags typed with commas or one a line: trimmed, blanks dropped, each once. */
export const tagsOf = (text: string): string[] => [
  ...new Set(text.split(/[,\n]/).map((tag) => tag.trim()).filter((tag) => tag !== "")),
];

export interface AgentDraft {
  directories: string;
  allowed: string;
  disallowed: string;
  services: string;
  /** Admins may update the guest's agent from the host. */
  update: boolean;
}

export const agentDraft = (a: AgentPermissions | null): AgentDraft => ({
  directories: a?.allowedDirectories.join("\n") ?? "",
  allowed: a?.allowedCommands.join("\n") ?? "",
  disallowed: a?.disallowedCommands.join("\n") ?? "",
  services: a?.allowedServices?.join("\n") ?? "",
  update: a?.allowAgentUpdate === true,
});

export const agentOf = (d: AgentDraft): AgentPermissions => ({
  allowedDirectories: linesOf(d.directories),
  allowedCommands: linesOf(d.allowed),
  disallowedCommands: linesOf(d.disallowed),
  allowedServices: linesOf(d.services),
  ...(d.update ? { allowAgentUpdate: true } : {}),
});

/** No backup policy, scheduled backups with their retention, or the retention alone. */
export type BackupChoice = "none" | "schedule" | "retention";

export interface BackupDraft {
  choice: BackupChoice;
  /** The timing, zone, mode and keep fields (the schedule form's, "once" never offered). */
  fields: ScheduleDraft;
}

const DEFAULT_KEEP = "7";

export function backupDraft(b: BackupPolicy | null, zone: string): BackupDraft {
  const fields: ScheduleDraft = { ...newDraft(zone), operation: "backup", keep: DEFAULT_KEEP };
  if (!b) return { choice: "none", fields };
  const f = { ...fields, timezone: b.timezone, mode: b.mode, keep: String(b.keep) };
  const t = b.timing;
  if (t) {
    f.kind = t.kind;
    if (t.kind !== "cron") f.time = t.time;
    if (t.kind === "weekly") f.days = [...t.days];
    if (t.kind === "monthly") f.day = String(t.day);
    if (t.kind === "cron") f.expression = t.expression;
  }
  return { choice: t ? "schedule" : "retention", fields: f };
}

export function backupOf(d: BackupDraft): BackupPolicy | null {
  if (d.choice === "none") return null;
  const f = d.fields;
  return {
    timing: d.choice === "schedule" ? timingOf(f) as BackupPolicy["timing"] : null,
    timezone: f.timezone.trim(),
    mode: f.mode,
    keep: num(f.keep),
  };
}

export interface PolicyDraft {
  /** Agent permissions are set (else the agent's own config alone applies). */
  agentOn: boolean;
  agent: AgentDraft;
  alerts: AlertDraft[];
  backup: BackupDraft;
  tags: string;
}

export const policyDraft = (p: ProfilePolicy | null, zone: string): PolicyDraft => ({
  agentOn: !!p?.agent,
  agent: agentDraft(p?.agent ?? null),
  alerts: p?.alerts.map(alertDraft) ?? [],
  backup: backupDraft(p?.backup ?? null, zone),
  tags: p?.tags.join(", ") ?? "",
});

export const policyOf = (d: PolicyDraft): ProfilePolicy => ({
  agent: d.agentOn ? agentOf(d.agent) : null,
  alerts: d.alerts.map(alertOf),
  backup: backupOf(d.backup),
  tags: tagsOf(d.tags),
});

export interface ProfileDraft {
  name: string;
  description: string;
  policy: PolicyDraft;
}

export const profileDraft = (p: ProfileDetails | null, zone: string): ProfileDraft => ({
  name: p?.name ?? "",
  description: p?.description ?? "",
  policy: policyDraft(p, zone),
});

/** The body of POST /api/profiles, and of PATCH (every field, as the form shows them). */
export const profileInputOf = (d: ProfileDraft): ProfileInput => ({
  name: d.name.trim(),
  description: d.description.trim() || null,
  ...policyOf(d.policy),
});

/** The local override form: one setting of the chosen kind. */
export interface OverrideDraft {
  kind: SettingKind;
  tag: string;
  alert: AlertDraft;
  agent: AgentDraft;
  backup: BackupDraft;
}

export const overrideDraft = (zone: string): OverrideDraft => ({
  kind: "tag",
  tag: "",
  alert: NEW_ALERT,
  agent: agentDraft(null),
  backup: { ...backupDraft(null, zone), choice: "schedule" },
});

export function settingOf(d: OverrideDraft): PolicySetting {
  switch (d.kind) {
    case "tag":
      return { kind: "tag", tag: d.tag.trim() };
    case "alert":
      return { kind: "alert", alert: alertOf(d.alert) };
    case "agent":
      return { kind: "agent", agent: agentOf(d.agent) };
    case "backup":
      // "none" is not a setting: the form offers a schedule or the retention alone.
      return { kind: "backup", backup: backupOf(d.backup)! };
  }
}

const NAME_MAX = 64;

/** The "Rename to" suggestion for an import whose name is taken, within the 64 characters. */
export function renameSuggestion(name: string): string {
  const imported = ` ${t("(imported)")}`;
  return `${name.slice(0, NAME_MAX - imported.length)}${imported}`;
}
