import { AppError, vmNotFound } from "../errors.ts";
import { openStore, type Store } from "../store.ts";
import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { PolicyAlertRule } from "../../shared/profiles.ts";
import { AlertService } from "./alerts.ts";
import { parseAllowed } from "../outbound/address_rules.ts";
import type { FetchRules } from "../outbound/guarded_fetch.ts";
import type { VmSample } from "./sampler.ts";
import { vmSample } from "../../tests/support/vm_sample.ts";
import { holdWriteLock } from "../../tests/support/store_lock.ts";

const WEB = "6b5a6f1e-0000-4000-8000-000000000001";
const DB = "6b5a6f1e-0000-4000-8000-000000000002";
const NAMES: Record<string, string> = { [WEB]: "web", [DB]: "db" };
const T0 = Date.UTC(2026, 10, 1, 10);

const sample = (vmId: string, cpu: number | null, extra: Partial<VmSample> = {}) =>
  vmSample(vmId, NAMES[vmId], cpu, extra);

/** The tests' webhook servers are on loopback, which webhooks reach only when it is allowed. */
const LOOPBACK_ALLOWED = (): FetchRules => ({ allowed: [parseAllowed("127.0.0.1")!] });

function service(
  store: Store,
  outbound: (() => FetchRules) | undefined = LOOPBACK_ALLOWED,
  policy?: () => Map<string, PolicyAlertRule[]>,
) {
  const events: AppEvent[] = [];
  const alerts = new AlertService(store, {
    emit: (e) => events.push(e),
    findVm: (id) => {
      const name = NAMES[id];
      return name ? Promise.resolve({ id, name }) : Promise.reject(vmNotFound(id));
    },
    now: () => new Date(T0),
    outbound,
    policyRules: policy,
  });
  return { alerts, events };
}

const kinds = (events: AppEvent[]) =>
  events.map((e) => e.type === "alert-fired" || e.type === "alert-resolved" ? `${e.type}` : "");

Deno.test("alerts - fires after N readings in a row above, resolves after N below", async () => {
  using store = openStore(null);
  const { alerts, events } = service(store);
  const rule = await alerts.createRule({
    name: "hot",
    metric: "cpu",
    threshold: 80,
    consecutive: 3,
  });
  // Two above, one below, two above: never three in a row.
  for (const cpu of [90, 95, 10, 90, 85]) alerts.check(T0, [sample(WEB, cpu)]);
  assertEquals(events, []);
  // A reading without the figure changes nothing; the third in a row fires.
  alerts.check(T0, [sample(WEB, null)]);
  alerts.check(T0 + 5000, [sample(WEB, 99)]);
  assertEquals(kinds(events), ["alert-fired"]);
  const fired = (events[0] as { alert: { vmName: string; value: number; firedAt: string } }).alert;
  assertEquals(
    [fired.vmName, fired.value, fired.firedAt],
    ["web", 99, new Date(T0 + 5000).toISOString()],
  );
  assertEquals(alerts.activeCount(), 1);
  // Still above: no second firing. Then three below resolve it.
  for (const cpu of [99, 50, 50]) alerts.check(T0, [sample(WEB, cpu)]);
  assertEquals(kinds(events), ["alert-fired"]);
  alerts.check(T0 + 60_000, [sample(WEB, 50)]);
  assertEquals(kinds(events), ["alert-fired", "alert-resolved"]);
  const [resolved] = alerts.events({ state: "all" });
  assertEquals(resolved.ruleId, rule.id);
  assertEquals(resolved.resolvedReason, "below threshold");
  assertEquals(resolved.resolvedAt, new Date(T0 + 60_000).toISOString());
  assertEquals(alerts.events({ state: "active" }), []);
});

Deno.test("alerts - scope, units and the VM stopping", async () => {
  using store = openStore(null);
  const { alerts, events } = service(store);
  await alerts.createRule({
    name: "db mem",
    metric: "memory",
    threshold: 90,
    vmId: DB,
    consecutive: 1,
  });
  await alerts.createRule({ name: "net", metric: "network", threshold: 1, consecutive: 1 });
  const MiB = 1024 * 1024;
  alerts.check(T0, [
    // web: memory 95 % but the rule is for db only; 2 MiB/s of traffic fires "net".
    sample(WEB, 1, { memUsedMb: 95, memTotalMb: 100, netRx: MiB, netTx: MiB }),
    // db: memory 91 % fires; 0.5 MiB/s does not.
    sample(DB, 1, { memUsedMb: 91, memTotalMb: 100, netRx: MiB / 2, netTx: 0 }),
  ]);
  const fired = alerts.events({ state: "active" }).map((e) =>
    `${e.ruleName}:${e.vmName}:${e.value}`
  );
  assertEquals(fired.sort(), ["db mem:db:91", "net:web:2"]);
  // web is no longer in the reading: it stopped.
  alerts.check(T0, [sample(DB, 1, { memUsedMb: 91, memTotalMb: 100 })]);
  const [stopped] = alerts.events({ state: "all", vmId: WEB });
  assertEquals(stopped.resolvedReason, "VM stopped");
  assertEquals(kinds(events), ["alert-fired", "alert-fired", "alert-resolved"]);
});

Deno.test("alerts - a restart does not fire again what was already firing", async () => {
  using store = openStore(null);
  const first = service(store);
  await first.alerts.createRule({ name: "hot", metric: "cpu", threshold: 50, consecutive: 1 });
  first.alerts.check(T0, [sample(WEB, 90)]);
  const again = service(store);
  assertEquals(again.alerts.activeCount(), 1);
  again.alerts.check(T0, [sample(WEB, 90)]);
  assertEquals(again.events, []);
  again.alerts.check(T0, [sample(WEB, 10)]);
  assertEquals(kinds(again.events), ["alert-resolved"]);
});

Deno.test("alerts - changing or deleting a rule resolves its alerts", async () => {
  using store = openStore(null);
  const { alerts } = service(store);
  const rule = await alerts.createRule({
    name: "hot",
    metric: "cpu",
    threshold: 50,
    consecutive: 1,
  });
  alerts.check(T0, [sample(WEB, 90)]);
  await alerts.replaceRule(rule.id, { name: "hot", metric: "cpu", threshold: 95, consecutive: 1 });
  assertEquals(alerts.events()[0].resolvedReason, "rule changed");
  alerts.check(T0, [sample(WEB, 90)]);
  assertEquals(alerts.activeCount(), 0, "90 is below the new threshold");
  await alerts.replaceRule(rule.id, { name: "hot", metric: "cpu", threshold: 50, consecutive: 1 });
  alerts.check(T0, [sample(WEB, 90)]);
  alerts.deleteRule(rule.id);
  assertEquals(alerts.events()[0].resolvedReason, "rule deleted");
  assertEquals(alerts.activeCount(), 0);
  // A disabled rule is not checked.
  await alerts.createRule({
    name: "off",
    metric: "cpu",
    threshold: 1,
    consecutive: 1,
    enabled: false,
  });
  alerts.check(T0, [sample(WEB, 90)]);
  assertEquals(alerts.activeCount(), 0);
});

Deno.test("alerts - rules are validated with the API's words", async () => {
  using store = openStore(null);
  const { alerts } = service(store);
  const cases: [unknown, string][] = [
    [
      { metric: "cpu", threshold: 1 },
      "name is required: 1-64 characters, not starting with '-' or '.', without '/', '<', '>', " +
      "invisible or control characters, nor a space at either end",
    ],
    [
      { name: "x", metric: "load", threshold: 1 },
      "metric must be one of cpu, memory, disk, network",
    ],
    [
      { name: "x", metric: "cpu", threshold: 101 },
      "threshold must be a number from 0 to 100 for cpu (percent)",
    ],
    [
      { name: "x", metric: "disk", threshold: 0 },
      "threshold must be a number above 0 for disk (MiB/s)",
    ],
    [
      { name: "x", metric: "cpu", threshold: 1, consecutive: 0 },
      "consecutive must be a whole number from 1 to 100",
    ],
    [
      { name: "x", metric: "cpu", threshold: 1, severity: "panic" },
      "severity must be one of info, warning, critical",
    ],
    [
      { name: "x", metric: "cpu", threshold: 1, webhookUrl: "file:///etc/passwd" },
      "webhookUrl must be an http:// or https:// URL",
    ],
    [
      { name: "x", metric: "cpu", threshold: 1, vmId: "6b5a6f1e-0000-4000-8000-00000000ffff" },
      "vmId: VM not found: 6b5a6f1e-0000-4000-8000-00000000ffff",
    ],
    [{ name: "x", metric: "cpu", threshold: 1, color: "red" }, 'Unknown field "color"'],
  ];
  for (const [input, message] of cases) {
    const err = await assertRejects(() => alerts.createRule(input), AppError);
    assertEquals([err.status, err.code, err.message], [400, "INVALID_ALERT_RULE", message]);
  }
  await alerts.createRule({ name: "Hot", metric: "cpu", threshold: 1 });
  const dup = await assertRejects(
    () => alerts.createRule({ name: "hot", metric: "cpu", threshold: 2 }),
    AppError,
  );
  assertEquals([dup.status, dup.message], [409, "An alert rule named hot already exists"]);
  const missing = await assertRejects(
    () => alerts.replaceRule("nope", { name: "a", metric: "cpu", threshold: 1 }),
    AppError,
  );
  assertEquals([missing.status, missing.code], [404, "ALERT_RULE_NOT_FOUND"]);
  assertEquals(alerts.rules.list().length, 1, "nothing was stored by the refused requests");
});

Deno.test("alerts - webhooks get fired and resolved alerts; failures are kept on the alert", async () => {
  const received: { event: string; alert: { ruleName: string } }[] = [];
  let status = 200;
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      received.push(await req.json());
      return new Response(null, { status });
    },
  );
  using store = openStore(null);
  const { alerts } = service(store);
  const url = `http://127.0.0.1:${server.addr.port}/hook`;
  await alerts.createRule({
    name: "hot",
    metric: "cpu",
    threshold: 50,
    consecutive: 1,
    webhookUrl: url,
  });
  alerts.check(T0, [sample(WEB, 90)]);
  await alerts.settled();
  status = 500;
  alerts.check(T0, [sample(WEB, 10)]);
  await alerts.settled();
  assertEquals(received.map((r) => `${r.event}:${r.alert.ruleName}`), [
    "alert-fired:hot",
    "alert-resolved:hot",
  ]);
  const [event] = alerts.events();
  assertEquals(event.webhookError, "Webhook answered 500 Internal Server Error");
  // Nothing listening: the error says so, and the alert still fired.
  await server.shutdown();
  alerts.check(T0, [sample(WEB, 90)]);
  await alerts.settled();
  assert(alerts.events()[0].webhookError?.startsWith("Webhook failed:"));
});

Deno.test("alerts - a webhook that redirects is a failure with its status; the target is never hit", async () => {
  let targetHits = 0;
  await using target = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => {
    targetHits++;
    return new Response(null, { status: 204 });
  });
  let hookHits = 0;
  await using hook = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => {
    hookHits++;
    const location = `http://127.0.0.1:${target.addr.port}/elsewhere`;
    return new Response(null, { status: 302, headers: { location } });
  });
  using store = openStore(null);
  const { alerts, events } = service(store);
  await alerts.createRule({
    name: "hot",
    metric: "cpu",
    threshold: 50,
    consecutive: 1,
    webhookUrl: `http://127.0.0.1:${hook.addr.port}/hook?token=SECRET123`,
  });
  alerts.check(T0, [sample(WEB, 90)]);
  await alerts.settled();
  assertEquals([hookHits, targetHits], [1, 0]);
  const failed = "Webhook answered 302 Found (redirects are not followed)";
  assertEquals(alerts.events()[0].webhookError, failed);
  // The event stream reaches every role: the resolved alert carries only a sign of the failure.
  alerts.check(T0, [sample(WEB, 10)]);
  await alerts.settled();
  assertEquals([hookHits, targetHits], [2, 0]);
  const resolved = events.findLast((e) => e.type === "alert-resolved");
  assert(resolved?.type === "alert-resolved");
  assertEquals(resolved.alert.webhookError, "Webhook delivery failed");
  assertEquals(alerts.events()[0].webhookError, failed);
});

const policyRule = (name: string, extra: Partial<PolicyAlertRule> = {}): PolicyAlertRule => ({
  name,
  metric: "cpu",
  threshold: 50,
  consecutive: 1,
  severity: "warning",
  enabled: true,
  webhookUrl: null,
  ...extra,
});

/**
 * Rules whose names resolve to a public address and whose requests, once checked, are recorded
 * and answered 204 (no connection is made).
 */
function recordingFetch() {
  const sent: string[] = [];
  const send = ((_url: string, init: RequestInit) => {
    const { event, alert } = JSON.parse(String(init.body));
    sent.push(`${event}:${alert.ruleName}:${alert.vmName}`);
    return Promise.resolve(new Response(null, { status: 204 }));
  }) as typeof fetch;
  const outbound = (): FetchRules => ({
    allowed: [],
    resolve: () => Promise.resolve(["192.0.2.7"]),
    send,
  });
  return { sent, outbound };
}

Deno.test("alerts - a VM's policy rules are checked on that VM only, like the table's", async () => {
  using store = openStore(null);
  const policy = new Map([[WEB, [
    policyRule("hot", { threshold: 80, consecutive: 2, severity: "critical" }),
    policyRule("off", { threshold: 1, enabled: false }),
  ]]]);
  const { alerts, events } = service(store, undefined, () => policy);
  // A table rule of the same name is another rule: both fire on web.
  const table = await alerts.createRule({ name: "hot", metric: "cpu", threshold: 85 });
  for (let i = 0; i < 2; i++) alerts.check(T0, [sample(WEB, 90), sample(DB, 90)]);
  assertEquals(alerts.events({ state: "active" }).map((e) => [e.ruleId, e.ruleName, e.vmName]), [
    ["policy:hot", "hot", "web"],
  ]);
  alerts.check(T0, [sample(WEB, 90), sample(DB, 90)]);
  assertEquals(
    alerts.events({ state: "active" }).map((e) => `${e.ruleId}:${e.vmName}`).sort(),
    [`${table.id}:db`, `${table.id}:web`, "policy:hot:web"].sort(),
  );
  const [fired] = alerts.events({ state: "all", vmId: WEB }).filter((e) =>
    e.ruleId === "policy:hot"
  );
  assertEquals([fired.severity, fired.threshold, fired.metric], ["critical", 80, "cpu"]);
  // Below for two readings in a row: the policy alert resolves; "off" never fired.
  alerts.check(T0, [sample(WEB, 10), sample(DB, 90)]);
  alerts.check(T0 + 1000, [sample(WEB, 10), sample(DB, 90)]);
  const resolved = alerts.events({ state: "all", vmId: WEB }).find((e) =>
    e.ruleId === "policy:hot"
  )!;
  assertEquals(resolved.resolvedReason, "below threshold");
  assertEquals(alerts.events({ state: "all" }).filter((e) => e.ruleName === "off"), []);
  assertEquals(kinds(events).filter((k) => k === "alert-fired").length, 3);
});

Deno.test("alerts - policyChanged resolves alerts of changed or vanished rules and restarts their streaks", async () => {
  using store = openStore(null);
  let web = [
    policyRule("cpu-high"),
    policyRule("mem-high", { metric: "memory" }),
    policyRule("steady", { threshold: 10 }),
    policyRule("slow", { threshold: 50, consecutive: 3 }),
  ];
  const { sent, outbound } = recordingFetch();
  const { alerts } = service(store, outbound, () => new Map([[WEB, web]]));
  const reading = (cpu: number) => sample(WEB, cpu, { memUsedMb: 90, memTotalMb: 100 });
  alerts.check(T0, [reading(90)]);
  alerts.check(T0, [reading(90)]);
  const open = () => alerts.events({ state: "active" }).map((e) => e.ruleName).sort();
  assertEquals(open(), ["cpu-high", "mem-high", "steady"], "slow needs a third reading");

  // cpu-high's threshold changes, mem-high goes, steady only gets a webhook, slow needs 2 now.
  web = [
    policyRule("cpu-high", { threshold: 60 }),
    policyRule("steady", { threshold: 10, webhookUrl: "https://hooks.example/x" }),
    policyRule("slow", { threshold: 50, consecutive: 2 }),
  ];
  alerts.policyChanged([DB]);
  assertEquals(open(), ["cpu-high", "mem-high", "steady"], "another VM's change touches none");
  alerts.policyChanged([WEB.toUpperCase()]);
  assertEquals(open(), ["steady"]);
  const ended = alerts.events({ state: "all" }).filter((e) => e.resolvedAt !== null);
  assertEquals(ended.map((e) => [e.ruleName, e.resolvedReason]).sort(), [
    ["cpu-high", "policy changed"],
    ["mem-high", "policy changed"],
  ]);
  // Streaks restarted: slow's two readings above before the change do not count.
  alerts.check(T0, [reading(90)]);
  assertEquals(open(), ["cpu-high", "steady"]);
  alerts.check(T0, [reading(90)]);
  assertEquals(open(), ["cpu-high", "slow", "steady"]);

  // Disabling a rule is a change too; no call needed for the next check to notice it.
  web = web.map((r) => r.name === "steady" ? { ...r, enabled: false } : r);
  alerts.check(T0, [reading(90)]);
  assertEquals(open(), ["cpu-high", "slow"]);
  const steady = alerts.events().find((e) => e.ruleName === "steady")!;
  assertEquals(steady.resolvedReason, "policy changed");
  await alerts.settled();
  assertEquals(sent, ["alert-resolved:steady:web"], "the rule's webhook as it was");
});

Deno.test("alerts - open policy alerts survive a restart; their webhooks are found", async () => {
  using store = openStore(null);
  const hook = "https://hooks.example/policy";
  let web = [policyRule("hot", { webhookUrl: hook }), policyRule("warm", { webhookUrl: hook })];
  const rules = () => new Map([[WEB, web]]);
  const first = recordingFetch();
  const before = service(store, first.outbound, rules);
  before.alerts.check(T0, [sample(WEB, 90)]);
  await before.alerts.settled();
  assertEquals(first.sent, ["alert-fired:hot:web", "alert-fired:warm:web"]);

  const after = recordingFetch();
  const again = service(store, after.outbound, rules);
  assertEquals(again.alerts.activeCount(), 2);
  // Changed while down: compared with what the alert recorded when it fired.
  web = [
    policyRule("hot", { webhookUrl: hook }),
    policyRule("warm", { threshold: 70, webhookUrl: hook }),
  ];
  again.alerts.policyChanged([WEB]);
  again.alerts.check(T0, [sample(WEB, 60)]);
  assertEquals(again.events.filter((e) => e.type === "alert-fired"), [], "hot did not fire twice");
  // The VM stops: hot resolves, and the policy rule's webhook hears of it.
  again.alerts.check(T0, []);
  await again.alerts.settled();
  assertEquals(after.sent, ["alert-resolved:warm:web", "alert-resolved:hot:web"]);
  assertEquals(
    again.alerts.events().map((e) => [e.ruleName, e.resolvedReason]),
    [["warm", "policy changed"], ["hot", "VM stopped"]],
  );
});

Deno.test("alerts - a store locked by another process holds an alert back until it is free", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-alerts-busy-" });
  try {
    using store = openStore(dir);
    const { alerts, events } = service(store);
    await alerts.createRule({ name: "hot", metric: "cpu", threshold: 80, consecutive: 1 });
    const lock = await holdWriteLock(store.path);
    try {
      // The firing cannot be written: no event, no exception out of the tick.
      alerts.check(T0, [sample(WEB, 99)]);
      alerts.check(T0 + 5000, [sample(WEB, 99)]);
      assertEquals(events, []);
      assertEquals(alerts.activeCount(), 0);
    } finally {
      await lock.release();
    }
    alerts.check(T0 + 10_000, [sample(WEB, 99)]);
    assertEquals(kinds(events), ["alert-fired"]);
    assertEquals(alerts.activeCount(), 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
