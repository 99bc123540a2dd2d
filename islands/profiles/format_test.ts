// Words of profiles and a VM's policy table: setting values, sources, the rows with overridden
// profile settings under their local ones, import counts and outcomes.

import type { EffectiveSetting, KeyedSetting, VmPolicy } from "../../shared/profiles.ts";
import { assertEquals } from "../../tests/support/assert.ts";
import {
  convertedWords,
  deleteWords,
  policyRows,
  previewCounts,
  removeLabel,
  settingWords,
  sourceWords,
  syncWords,
} from "./format.ts";

const cpu = (threshold: number): KeyedSetting => ({
  key: "alert:cpu-high",
  kind: "alert",
  alert: {
    name: "cpu-high",
    metric: "cpu",
    threshold,
    consecutive: 3,
    severity: "warning",
    enabled: true,
    webhookUrl: null,
  },
});
const tag = (t: string): KeyedSetting => ({ key: `tag:${t}`, kind: "tag", tag: t });

Deno.test("profile format - a setting's value in a line", () => {
  assertEquals(settingWords(tag("prod")), "prod");
  assertEquals(settingWords(cpu(90)), "cpu-high: CPU above 90 % for 3 checks, warning");
  assertEquals(
    settingWords({
      kind: "agent",
      agent: { allowedDirectories: ["/srv"], allowedCommands: [], disallowedCommands: ["rm"] },
    }),
    "Directories: /srv; commands: none; refused: rm",
  );
  assertEquals(
    settingWords({
      kind: "agent",
      agent: {
        allowedDirectories: [],
        allowedCommands: [],
        disallowedCommands: [],
        allowedServices: ["nginx.service", "app-*.service"],
      },
    }),
    "Directories: none; commands: none; refused: none; services: nginx.service, app-*.service",
  );
  assertEquals(
    settingWords({
      kind: "backup",
      backup: { timing: { kind: "daily", time: "03:00" }, timezone: "UTC", mode: "auto", keep: 7 },
    }),
    "Daily at 03:00 (UTC), auto, keep 7",
  );
  assertEquals(
    settingWords({
      kind: "backup",
      backup: { timing: null, timezone: "UTC", mode: "auto", keep: 3 },
    }),
    "No scheduled backups, keep 3",
  );
});

Deno.test("profile format - sources and Remove labels", () => {
  const fromProfile: EffectiveSetting = { ...tag("a"), source: "profile", overridesProfile: false };
  assertEquals(sourceWords(fromProfile, "web-tier"), "Profile web-tier");
  assertEquals(sourceWords({ ...fromProfile, source: "local" }, "web-tier"), "Local");
  assertEquals(
    sourceWords({ ...cpu(50), source: "local", overridesProfile: true }, "web-tier"),
    "Local (overrides profile)",
  );
  assertEquals(removeLabel(tag("pinned")), "Remove local tag pinned");
  assertEquals(removeLabel(cpu(1)), "Remove local alert rule cpu-high");
  assertEquals(
    removeLabel({ kind: "backup", backup: { timing: null, timezone: "", mode: "auto", keep: 1 } }),
    "Remove local backup policy",
  );
});

Deno.test("profile format - policy rows: by key, an overridden profile setting under its local one", () => {
  const policy: VmPolicy = {
    vmId: "v",
    vmName: "web",
    profile: { id: "p", name: "web-tier" },
    assignedAt: "2026-01-01T00:00:00.000Z",
    profileSettings: [
      { ...cpu(90), source: "profile", overridden: true },
      { ...tag("prod"), source: "profile", overridden: false },
    ],
    localSettings: [
      { ...cpu(50), source: "local", addedAt: "2026-01-02T00:00:00.000Z" },
      { ...tag("pinned"), source: "local", addedAt: "2026-01-02T00:00:00.000Z" },
    ],
    settings: [
      { ...tag("prod"), source: "profile", overridesProfile: false },
      { ...tag("pinned"), source: "local", overridesProfile: false },
      { ...cpu(50), source: "local", overridesProfile: true },
    ],
    effective: { agent: null, alerts: [], backup: null, tags: [] },
  };
  assertEquals(
    policyRows(policy).map((r) => [r.kind, r.setting.key, settingWords(r.setting)]),
    [
      ["effective", "alert:cpu-high", "cpu-high: CPU above 50 % for 3 checks, warning"],
      ["overridden", "alert:cpu-high", "cpu-high: CPU above 90 % for 3 checks, warning"],
      ["effective", "tag:pinned", "pinned"],
      ["effective", "tag:prod", "prod"],
    ],
  );
});

Deno.test("profile format - import counts and outcomes", () => {
  assertEquals(
    previewCounts({
      name: "x",
      description: null,
      version: 1,
      settingCount: 4,
      counts: { agent: 0, alerts: 2, backup: 1, tags: 1 },
      hasNameCollision: false,
      existingProfileId: null,
    }),
    "no agent permissions, 2 alert rules, a backup policy, 1 tag",
  );
  assertEquals(syncWords("web-tier", 1), "Saved web-tier: 1 VM updated.");
  assertEquals(syncWords("web-tier", 0), "Saved web-tier: 0 VMs updated.");
  assertEquals(
    convertedWords("web-tier", 2),
    "Deleted web-tier: converted 2 VMs (its settings are now their local overrides).",
  );
  assertEquals(deleteWords(1), "The VM assigned to it keeps its settings as local overrides.");
  assertEquals(deleteWords(0), "No VM is assigned to it.");
});
