// Rules against events, on the app store with a loopback webhook: kind, severity, host and a
// pool's rise past N decide what is sent; a digest rule gathers its events into one message
// sent once its minutes have passed.

import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { captureServer } from "../../tests/support/smtp_server.ts";
import { parseAllowed } from "../outbound/address_rules.ts";
import { openStore } from "../store.ts";
import type { NotifyEvent } from "../../shared/notify.ts";
import { NotifyService } from "./service.ts";

const T0 = Date.UTC(2026, 10, 26, 1);

const event = (over: Partial<NotifyEvent>): NotifyEvent => ({
  kind: "backup-failed",
  severity: "critical",
  hostId: "local",
  title: "Backup of db failed",
  text: "x",
  at: new Date(T0).toISOString(),
  ...over,
});

async function withService(
  fn: (
    s: NotifyService,
    hook: ReturnType<typeof captureServer>,
    clock: { now: number },
  ) => Promise<void>,
) {
  const hook = captureServer();
  const store = openStore(null);
  const clock = { now: T0 };
  const notify = new NotifyService({
    store,
    outbound: () => ({ allowed: [parseAllowed("127.0.0.1")!] }),
    now: () => clock.now,
    timing: { tickMs: 20 },
  });
  notify.start();
  try {
    await fn(notify, hook, clock);
  } finally {
    await notify.close();
    store.close();
    await hook.close();
  }
}

function webhook(notify: NotifyService, url: string) {
  return notify.createTarget({ name: "hook", kind: "webhook", config: { url } });
}

Deno.test("notify bus - rules match by kind, severity, host and a pool's rise past N", async () => {
  await withService(async (notify, hook) => {
    const target = webhook(notify, `${hook.url}/h`);
    notify.createRule({
      name: "remote-warnings",
      kinds: ["backup-failed", "pool-full", "alert-fired"],
      minSeverity: "warning",
      hostId: "h2",
      poolPercent: 80,
      targetIds: [target.id],
    });
    notify.publish(event({ hostId: "local" })); // another host
    notify.publish(event({ hostId: "h2", kind: "alert-fired", severity: "info" })); // too mild
    notify.publish(event({ hostId: "h2", kind: "vm-crashed" })); // another kind
    notify.publish(event({ hostId: "h2", kind: "pool-full", percent: 79, previousPercent: 0 }));
    notify.publish(event({ hostId: "h2", kind: "pool-full", percent: 85, previousPercent: 83 }));
    notify.publish(event({ hostId: "h2", title: "sent 1" }));
    notify.publish(
      event({ hostId: "h2", kind: "pool-full", percent: 81, previousPercent: 79, title: "sent 2" }),
    );
    await notify.queue.idle();
    assertEquals(hook.requests.map((r) => JSON.parse(r.body).title), ["sent 1", "sent 2"]);
  });
});

Deno.test("notify bus - a digest rule sends what gathered as one message once its minutes passed", async () => {
  await withService(async (notify, hook, clock) => {
    const target = webhook(notify, `${hook.url}/h`);
    const rule = notify.createRule({
      name: "nightly",
      kinds: ["backup-succeeded", "backup-failed"],
      targetIds: [target.id],
      digestMinutes: 10,
    });
    notify.publish(
      event({ kind: "backup-succeeded", severity: "info", title: "Backup of a succeeded" }),
    );
    clock.now += 5 * 60_000;
    notify.publish(event({ title: "Backup of b failed" }));
    await new Promise((r) => setTimeout(r, 100));
    await notify.queue.idle();
    assertEquals(hook.requests.length, 0, "gathering");
    clock.now += 5 * 60_000;
    await hook.until(1);
    const digest = JSON.parse(hook.requests[0].body);
    assertEquals([digest.event, digest.severity, digest.title], [
      "digest",
      "critical",
      "2 notifications (nightly)",
    ]);
    assertMatch(digest.text, /Backup of a succeeded\n.*Backup of b failed/);
    // The hook has the request before the sender has its answer and marks the delivery sent
    // (ci50 read "pending" here): wait for the attempt to end.
    await notify.queue.idle();
    assertEquals(notify.listRules().find((r) => r.id === rule.id)?.last?.status, "sent");
    await new Promise((r) => setTimeout(r, 100));
    assertEquals(hook.requests.length, 1, "sent once");
  });
});

Deno.test("notify service - wants a kind from a host only while an enabled rule sends it from there", async () => {
  await withService((notify, hook) => {
    const target = webhook(notify, `${hook.url}/h`);
    assertEquals(notify.wants("pool-full", "local"), false, "no rule");
    const rule = (hostId: string | null, enabled: boolean, kinds: string[]) =>
      notify.createRule({
        name: `r-${hostId}-${enabled}-${kinds.join("-")}`,
        kinds,
        minSeverity: "info",
        hostId,
        poolPercent: 90,
        targetIds: [target.id],
        digestMinutes: 0,
        enabled,
      });
    rule(null, true, ["backup-failed"]);
    rule(null, false, ["pool-full"]);
    assertEquals(notify.wants("pool-full", "local"), false, "another kind, or switched off");
    const remote = rule("rack-2", true, ["pool-full"]);
    assertEquals(notify.wants("pool-full", "local"), false, "another host's rule");
    assertEquals(notify.wants("pool-full", "rack-2"), true);
    notify.deleteRule(remote.id);
    rule(null, true, ["pool-full", "job-failed"]);
    assertEquals(notify.wants("pool-full", "local"), true, "a rule for every host");
    return Promise.resolve();
  });
});
