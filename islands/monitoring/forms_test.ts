// The retention and alert-rule forms: what the inputs start with and the bodies the API gets.

import { assertEquals } from "../../tests/support/assert.ts";
import type { AlertRule, RetentionPolicy } from "../../shared/metrics.ts";
import {
  cleanupSummary,
  NEW_RULE,
  retentionDraft,
  retentionInput,
  ruleDraft,
  ruleInput,
} from "./forms.ts";

const POLICY: RetentionPolicy = {
  enabled: true,
  rawHours: 24,
  minuteDays: 14,
  hourDays: 365,
  cleanupHour: 3,
  lastCleanupAt: null,
};

Deno.test("monitoring forms - retention round-trips; what is not a number goes as typed", () => {
  const draft = retentionDraft(POLICY);
  assertEquals(draft, {
    enabled: true,
    rawHours: "24",
    minuteDays: "14",
    hourDays: "365",
    cleanupHour: "3",
  });
  assertEquals(retentionInput(draft), {
    enabled: true,
    rawHours: 24,
    minuteDays: 14,
    hourDays: 365,
    cleanupHour: 3,
  });
  // The API's message then names the field and its range.
  const typed = retentionInput({ ...draft, enabled: false, rawHours: " 0 ", minuteDays: "" });
  assertEquals(typed.enabled, false);
  assertEquals(typed.rawHours, 0);
  assertEquals(typed.minuteDays as unknown, "");
});

Deno.test("monitoring forms - a clean-up's result in words", () => {
  assertEquals(
    cleanupSummary({
      deleted: { raw: 1200, minute: 3, hour: 0 },
      at: "2025-01-01T03:00:00.000Z",
      durationMs: 12.4,
      dbSizeBytes: 1536 * 1024,
    }),
    "Deleted 1,200 raw, 3 one-minute, 0 one-hour rows in 12 ms. The database is now 1.50 MiB.",
  );
});

Deno.test("monitoring forms - a rule's draft and the full body a PUT replaces it with", () => {
  const rule: AlertRule = {
    id: "r1",
    name: "busy",
    metric: "disk",
    threshold: 12.5,
    vmId: "6b5a6f1e-0000-4000-8000-000000000001",
    consecutive: 2,
    severity: "critical",
    enabled: false,
    webhookUrl: "https://hooks.example/x",
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
  };
  const draft = ruleDraft(rule);
  assertEquals(draft.threshold, "12.5");
  assertEquals(ruleInput(draft), {
    name: "busy",
    metric: "disk",
    threshold: 12.5,
    vmId: rule.vmId,
    consecutive: 2,
    severity: "critical",
    enabled: false,
    webhookUrl: "https://hooks.example/x",
  });
  // Every VM and no webhook are nulls; the name is trimmed.
  assertEquals(ruleInput({ ...NEW_RULE, name: " cpu high ", webhookUrl: "  " }), {
    name: "cpu high",
    metric: "cpu",
    threshold: 90,
    vmId: null,
    consecutive: 3,
    severity: "warning",
    enabled: true,
    webhookUrl: null,
  });
});
