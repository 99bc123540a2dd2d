// The profile and override forms' conversions: lines and tags, alert rules, backup policies,
// whole profiles round-tripping, override settings and the import's rename suggestion.

import type { BackupPolicy, ProfileDetails } from "../../shared/profiles.ts";
import { assertEquals } from "../../tests/support/assert.ts";
import { alertOf, NEW_ALERT } from "../monitoring/forms.ts";
import {
  backupDraft,
  backupOf,
  linesOf,
  overrideDraft,
  profileDraft,
  profileInputOf,
  renameSuggestion,
  settingOf,
  tagsOf,
} from "./draft.ts";

const profile: ProfileDetails = {
  id: "p1",
  name: "web-tier",
  description: "Front ends",
  settingCount: 5,
  vmCount: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-02T00:00:00.000Z",
  assignedVms: [{ id: "6b5a6f1e-0000-4000-8000-000000000001", name: "web" }],
  agent: {
    allowedDirectories: ["/srv", "/var/log"],
    allowedCommands: ["systemctl"],
    disallowedCommands: [],
    allowedServices: ["nginx.service", "app-*.service"],
    allowAgentUpdate: true,
  },
  alerts: [{
    name: "cpu-high",
    metric: "cpu",
    threshold: 85.5,
    consecutive: 3,
    severity: "critical",
    enabled: true,
    webhookUrl: null,
  }],
  backup: {
    timing: { kind: "weekly", days: [1, 5], time: "02:30" },
    timezone: "Europe/Berlin",
    mode: "incremental",
    keep: 4,
  },
  tags: ["prod", "web"],
};

Deno.test("profile draft - lines and tags drop blanks; tags split on commas and lines, once each", () => {
  assertEquals(linesOf(" /srv \n\n/var/log\n  "), ["/srv", "/var/log"]);
  assertEquals(tagsOf("prod, web,\n web ,, db"), ["prod", "web", "db"]);
  assertEquals(tagsOf("  "), []);
});

Deno.test("profile draft - a stored profile round-trips through the form", () => {
  const d = profileDraft(profile, "UTC");
  assertEquals(d.policy.tags, "prod, web");
  assertEquals(d.policy.agent.directories, "/srv\n/var/log");
  assertEquals(d.policy.agent.services, "nginx.service\napp-*.service");
  assertEquals(d.policy.backup.choice, "schedule");
  assertEquals(d.policy.backup.fields.kind, "weekly");
  assertEquals(d.policy.backup.fields.timezone, "Europe/Berlin");
  const { name, description, agent, alerts, backup, tags } = profile;
  assertEquals(profileInputOf(d), { name, description, agent, alerts, backup, tags });
});

Deno.test("profile draft - a new profile is empty: no agent limits, no backup policy", () => {
  const d = profileDraft(null, "UTC");
  d.name = " db-tier ";
  assertEquals(profileInputOf(d), {
    name: "db-tier",
    description: null,
    agent: null,
    alerts: [],
    backup: null,
    tags: [],
  });
});

Deno.test("profile draft - numbers typed as numbers; anything else goes as typed, for the API", () => {
  assertEquals(alertOf({ ...NEW_ALERT, name: " x ", threshold: "12.5", webhookUrl: " " }), {
    name: "x",
    metric: "cpu",
    threshold: 12.5,
    consecutive: 3,
    severity: "warning",
    enabled: true,
    webhookUrl: null,
  });
  assertEquals(alertOf({ ...NEW_ALERT, threshold: "lots" }).threshold, "lots" as unknown);
});

Deno.test("profile draft - backup: none, retention only, each timing kind", () => {
  assertEquals(backupOf(backupDraft(null, "UTC")), null);
  const retention: BackupPolicy = { timing: null, timezone: "UTC", mode: "auto", keep: 9 };
  const d = backupDraft(retention, "Europe/Paris");
  assertEquals(d.choice, "retention");
  assertEquals(backupOf(d), retention);
  const timings: BackupPolicy["timing"][] = [
    { kind: "daily", time: "03:00" },
    { kind: "monthly", day: 31, time: "23:15" },
    { kind: "cron", expression: "0 9 L * *" },
  ];
  for (const timing of timings) {
    const b: BackupPolicy = { timing, timezone: "UTC", mode: "full", keep: 2 };
    assertEquals(backupOf(backupDraft(b, "UTC")), b);
  }
});

Deno.test("profile draft - an override is one setting of the chosen kind", () => {
  const d = overrideDraft("UTC");
  assertEquals(settingOf({ ...d, tag: " pinned " }), { kind: "tag", tag: "pinned" });
  assertEquals(settingOf({ ...d, kind: "alert", alert: { ...NEW_ALERT, name: "mem" } }), {
    kind: "alert",
    alert: { ...alertOf(NEW_ALERT), name: "mem" },
  });
  assertEquals(settingOf({ ...d, kind: "agent" }), {
    kind: "agent",
    agent: {
      allowedDirectories: [],
      allowedCommands: [],
      disallowedCommands: [],
      allowedServices: [],
    },
  });
  // An override's backup is never "none": the form starts on a schedule.
  assertEquals(settingOf({ ...d, kind: "backup" }), {
    kind: "backup",
    backup: { timing: { kind: "daily", time: "03:00" }, timezone: "UTC", mode: "auto", keep: 7 },
  });
});

Deno.test("profile draft - the rename suggestion stays within 64 characters", () => {
  assertEquals(renameSuggestion("web-tier"), "web-tier (imported)");
  const long = "x".repeat(64);
  const s = renameSuggestion(long);
  assertEquals(s.length, 64);
  assertEquals(s.endsWith(" (imported)"), true);
});
