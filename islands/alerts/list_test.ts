// The alerts list under live events: fired alerts are added on top, resolved ones replaced.

import { assertEquals } from "../../tests/support/assert.ts";
import type { AlertEvent } from "../../shared/metrics.ts";
import { splitAlerts, upsertAlert } from "./list.ts";

const alert = (id: number, resolvedAt: string | null = null): AlertEvent => ({
  id,
  ruleId: "r",
  ruleName: "cpu high",
  metric: "cpu",
  severity: "warning",
  vmId: "u1",
  vmName: "web",
  threshold: 80,
  value: 95,
  firedAt: "2025-01-01T00:00:00.000Z",
  resolvedAt,
  resolvedReason: resolvedAt ? "below threshold" : null,
  webhookError: null,
});

Deno.test("alerts list - a fired alert goes on top, a resolved one replaces its firing state", () => {
  const fired = upsertAlert([alert(1, "2025-01-01T00:01:00.000Z")], alert(2));
  assertEquals(fired.map((a) => a.id), [2, 1]);
  const resolved = upsertAlert(fired, alert(2, "2025-01-01T00:02:00.000Z"));
  assertEquals(resolved.map((a) => [a.id, a.resolvedReason]), [
    [2, "below threshold"],
    [1, "below threshold"],
  ]);
  const { active, history } = splitAlerts(fired);
  assertEquals(active?.map((a) => a.id), [2]);
  assertEquals(history?.map((a) => a.id), [1]);
  assertEquals(splitAlerts(null), { active: null, history: null });
});
