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
import { t, tKey } from "../../shared/i18n/t.ts";
import { METRIC_LABELS, SEVERITY_LABELS, withUnit } from "../monitoring/format.ts";
import { MODE_LABELS, timingWords } from "../schedules/format.ts";

export const KIND_LABELS: Record<SettingKind, string> = {
  tag: tKey("Tag"),
  alert: tKey("Alert rule"),
  agent: tKey("Agent permissions"),
  backup: tKey("Backup policy"),
};

/** What a setting holds, in a line: the tag, a rule's condition, the agent's lists, a backup. */
export function settingWords(s: PolicySetting): string {
  switch (s.kind) {
    case "tag":
      return s.tag;
    case "alert": {
      const a = s.alert;
      const name = a.name;
      const metric = t(METRIC_LABELS[a.metric]);
      const value = withUnit(a.metric, a.threshold);
      const count = a.consecutive;
      const severity = t(SEVERITY_LABELS[a.severity]);
      return a.enabled
        ? t("{{name}}: {{metric}} above {{value}} for {{count}} checks, {{severity}}", {
          name,
          metric,
          value,
          count,
          severity,
        })
        : t("{{name}}: {{metric}} above {{value}} for {{count}} checks, {{severity}} (disabled)", {
          name,
          metric,
          value,
          count,
          severity,
        });
    }
    case "agent": {
      const a = s.agent;
      const list = (items: string[]) => items.length ? items.join(", ") : t("none");
      const words = t(
        "Directories: {{directories}}; commands: {{commands}}; refused: {{refused}}",
        {
          directories: list(a.allowedDirectories),
          commands: list(a.allowedCommands),
          refused: list(a.disallowedCommands),
        },
      );
      const services = a.allowedServices?.length
        ? `${words}; ${t("services: {{services}}", { services: list(a.allowedServices) })}`
        : words;
      return a.allowAgentUpdate ? `${services}; ${t("agent updates from the host")}` : services;
    }
    case "backup": {
      const b = s.backup;
      return b.timing
        ? t("{{timing}} ({{zone}}), {{mode}}, keep {{keep}}", {
          timing: timingWords(b.timing, b.timezone),
          zone: b.timezone || t("host time"),
          mode: t(MODE_LABELS[b.mode]),
          keep: b.keep,
        })
        : t("No scheduled backups, keep {{keep}}", { keep: b.keep });
    }
  }
}

/** "Remove local tag web", "Remove local alert rule cpu-high", "Remove local backup policy". */
export function removeLabel(s: PolicySetting): string {
  switch (s.kind) {
    case "tag":
      return t("Remove local tag {{name}}", { name: s.tag });
    case "alert":
      return t("Remove local alert rule {{name}}", { name: s.alert.name });
    case "agent":
      return t("Remove local agent permissions");
    case "backup":
      return t("Remove local backup policy");
  }
}

/** "Profile web-tier", "Local", "Local (overrides profile)". */
export function sourceWords(s: EffectiveSetting, profileName: string | null): string {
  if (s.source === "profile") {
    return profileName ? t("Profile {{name}}", { name: profileName }) : t("Profile");
  }
  return s.overridesProfile ? t("Local (overrides profile)") : t("Local");
}

/** The source of a profile setting a local one replaces: "Profile web-tier (overridden)". */
export const overriddenWords = (profileName: string | null) =>
  profileName
    ? t("Profile {{name}} (overridden)", { name: profileName })
    : t("Profile (overridden)");

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
    c.agent ? t("agent permissions") : t("no agent permissions"),
    t("{{count}} alert rules", { count: c.alerts }),
    c.backup ? t("a backup policy") : t("no backup policy"),
    t("{{count}} tags", { count: c.tags }),
  ].join(", ");
}

/** "Saved web-tier: 2 VMs updated." */
export const syncWords = (name: string, affectedVms: number) =>
  t("Saved {{name}}: {{count}} VMs updated.", { name, count: affectedVms });

/** "Deleted web-tier: converted 2 VMs (its settings are now their local overrides)." */
export const convertedWords = (name: string, convertedVms: number) =>
  convertedVms === 0
    ? t("Deleted {{name}}: converted 0 VMs (none was assigned).", { name })
    : t("Deleted {{name}}: converted {{count}} VMs (its settings are now their local overrides).", {
      name,
      count: convertedVms,
    });

/** The delete confirmation's promise: what happens to the assigned VMs. */
export const deleteWords = (vmCount: number) =>
  vmCount === 0
    ? t("No VM is assigned to it.")
    : t("The {{count}} VMs assigned to it keep its settings as local overrides.", {
      count: vmCount,
    });
