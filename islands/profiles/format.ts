// Words of profiles and policies: setting kinds and values, where a setting comes from, counts,
// and the rows of a VM's policy table (each overridden profile setting under its local one).

import type {
  EffectiveSetting,
  ImportPreview,
  KeyedSetting,
  PolicySetting,
  SettingKind,
  VmPolicy,
} from "../../shared/profiles.ts";
import { plural } from "../../components/format.ts";
import { METRIC_LABELS, withUnit } from "../monitoring/format.ts";
import { timingWords } from "../schedules/format.ts";

export const KIND_LABELS: Record<SettingKind, string> = {
  tag: "Tag",
  alert: "Alert rule",
  agent: "Agent permissions",
  backup: "Backup policy",
};

/** What a setting holds, in a line: the tag, a rule's condition, the agent's lists, a backup. */
export function settingWords(s: PolicySetting): string {
  switch (s.kind) {
    case "tag":
      return s.tag;
    case "alert": {
      const a = s.alert;
      return `${a.name}: ${METRIC_LABELS[a.metric]} above ${withUnit(a.metric, a.threshold)} ` +
        `for ${plural(a.consecutive, "check")}, ${a.severity}${a.enabled ? "" : " (disabled)"}`;
    }
    case "agent": {
      const a = s.agent;
      const list = (items: string[]) => items.length ? items.join(", ") : "none";
      return `Directories: ${list(a.allowedDirectories)}; commands: ${list(a.allowedCommands)}; ` +
        `refused: ${list(a.disallowedCommands)}`;
    }
    case "backup": {
      const b = s.backup;
      const keep = `keep ${b.keep}`;
      return b.timing
        ? `${timingWords(b.timing, b.timezone)} (${b.timezone || "host time"}), ${b.mode}, ${keep}`
        : `No scheduled backups, ${keep}`;
    }
  }
}

/** "Remove local tag web", "Remove local alert rule cpu-high", "Remove local backup policy". */
export function removeLabel(s: PolicySetting): string {
  const name = s.kind === "tag" ? ` ${s.tag}` : s.kind === "alert" ? ` ${s.alert.name}` : "";
  return `Remove local ${KIND_LABELS[s.kind].toLowerCase()}${name}`;
}

/** "Profile web-tier", "Local", "Local (overrides profile)". */
export function sourceWords(s: EffectiveSetting, profileName: string | null): string {
  if (s.source === "profile") return `Profile ${profileName ?? ""}`.trim();
  return s.overridesProfile ? "Local (overrides profile)" : "Local";
}

/** A row of the VM's policy table. */
export type PolicyRow =
  | { kind: "effective"; setting: EffectiveSetting }
  /** A profile setting a local one replaces: shown struck, under the local one. */
  | { kind: "overridden"; setting: KeyedSetting };

/** What applies, sorted by key, with each overridden profile setting right under its local one. */
export function policyRows(p: VmPolicy): PolicyRow[] {
  const overridden = new Map(
    p.profileSettings.filter((s) => s.overridden).map((s) => [s.key, s] as const),
  );
  const rows: PolicyRow[] = [];
  const sorted = [...p.settings].sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  for (const s of sorted) {
    rows.push({ kind: "effective", setting: s });
    const under = s.source === "local" ? overridden.get(s.key) : undefined;
    if (under) {
      rows.push({ kind: "overridden", setting: under });
      overridden.delete(s.key);
    }
  }
  // A profile setting marked overridden without a local one listed (should not happen): shown.
  for (const s of overridden.values()) rows.push({ kind: "overridden", setting: s });
  return rows;
}

/** "1 agent permission set, 2 alert rules, no backup policy, 3 tags" of an import preview. */
export function previewCounts(p: ImportPreview): string {
  const c = p.counts;
  return [
    c.agent ? "agent permissions" : "no agent permissions",
    plural(c.alerts, "alert rule"),
    c.backup ? "a backup policy" : "no backup policy",
    plural(c.tags, "tag"),
  ].join(", ");
}

/** "Saved web-tier: 2 VMs updated." */
export const syncWords = (name: string, affectedVms: number) =>
  `Saved ${name}: ${plural(affectedVms, "VM")} updated.`;

/** "Deleted web-tier: converted 2 VMs (its settings are now their local overrides)." */
export const convertedWords = (name: string, convertedVms: number) =>
  convertedVms === 0
    ? `Deleted ${name}: converted 0 VMs (none was assigned).`
    : `Deleted ${name}: converted ${plural(convertedVms, "VM")} ` +
      `(its settings are now their local overrides).`;

/** The delete confirmation's promise: what happens to the assigned VMs. */
export const deleteWords = (vmCount: number) =>
  vmCount === 0
    ? "No VM is assigned to it."
    : vmCount === 1
    ? "The VM assigned to it keeps its settings as local overrides."
    : `The ${vmCount} VMs assigned to it keep its settings as local overrides.`;
