// The monitoring API on libvirt's test driver: collector readings into history, retention
// settings, alert rules and events, insights, /metrics, and bad input as 400s.

import { VERSION } from "../../lib/version.ts";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import type {
  AlertEvent,
  AlertRule,
  CleanupResult,
  GuestMetricSeries,
  InsightReport,
  MetricsSettings,
  RetentionPolicy,
  VmMetricSeries,
} from "../../shared/metrics.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { VmSummary } from "../../shared/vms.ts";
import type { AgentHeartbeat } from "../../shared/guest.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";
import { vmSample } from "../../tests/support/vm_sample.ts";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

const MISSING = "6b5a6f1e-0000-4000-8000-00000000ffff";

Deno.test("metrics API - readings go into history and answer the graph ranges", async () => {
  await withTestApp(async ({ req, ctx }) => {
    await ctx.monitoring.collector.tick();
    const vms = await json<VmSummary[]>(await req("GET", "/api/vms"), 200);
    const running = vms.find((v) => v.state === "running")!;
    const live = await json<VmMetricSeries>(
      await req("GET", `/api/vms/${running.id}/metrics?range=live`),
      200,
    );
    assertEquals([live.vmId, live.resolution, live.stepSeconds], [running.id, "raw", 5]);
    assertEquals(live.t.length, 1);
    // The test driver reports state only: no usage figures, so every column is null.
    assertEquals([live.cpu[0], live.memUsedMb[0], live.netRx[0]], [null, null, null]);
    // Asked by name it is the same VM; the default range is 1h.
    const byName = await json<VmMetricSeries>(
      await req("GET", `/api/vms/${running.name}/metrics`),
      200,
    );
    assertEquals([byName.vmId, byName.range], [running.id, "1h"]);
    for (const [range, resolution] of [["6h", "1m"], ["24h", "1m"], ["7d", "1h"], ["30d", "1h"]]) {
      const s = await json<VmMetricSeries>(
        await req("GET", `/api/vms/${running.id}/metrics?range=${range}`),
        200,
      );
      assertEquals(s.resolution, resolution);
    }
    const host = await json<VmMetricSeries>(await req("GET", "/api/host/metrics?range=live"), 200);
    assertEquals(host.t.length, 1);
    assert(host.memTotalMb[0]! > 0, "the test driver's node has memory");
    // A stopped VM has no readings yet but is a VM: empty series, not 404.
    const stopped = vms.find((v) => v.state === "stopped")!;
    const none = await json<VmMetricSeries>(
      await req("GET", `/api/vms/${stopped.id}/metrics`),
      200,
    );
    assertEquals(none.t, []);
  });
});

Deno.test("metrics API - bad ranges and unknown VMs", async () => {
  await withTestApp(async ({ req }) => {
    assertEquals(await json<ApiError>(await req("GET", "/api/host/metrics?range=2h"), 400), {
      code: "INVALID_RANGE",
      message: "range must be one of live, 1h, 6h, 24h, 7d, 30d",
    });
    assertEquals(await json<ApiError>(await req("GET", "/api/insights?range=1h"), 400), {
      code: "INVALID_RANGE",
      message: "range must be one of 24h, 7d, 30d",
    });
    const missing = await json<ApiError>(await req("GET", `/api/vms/${MISSING}/metrics`), 404);
    assertEquals(missing.code, "VM_NOT_FOUND");
    const noInsights = await json<ApiError>(await req("GET", `/api/vms/${MISSING}/insights`), 404);
    assertEquals(noInsights.code, "VM_NOT_FOUND");
  });
});

Deno.test("metrics API - guest detail: stored samples come back; no agent says so; bad input refused", async () => {
  await withTestApp(async ({ req, ctx }) => {
    const vms = await json<VmSummary[]>(await req("GET", "/api/vms"), 200);
    const vm = vms.find((v) => v.state === "running")!;
    // A sample as the sampler stores it (the test driver's guests have no agent to ask).
    ctx.monitoring.history.recordGuest(Date.now() - 2000, vm.id, vm.name, {
      cpus: [{ id: 0, busyPercent: 40 }, { id: 1, busyPercent: 2.5 }],
      memoryMb: {
        usedMb: 100,
        buffersMb: 10,
        cachedMb: 50,
        freeMb: 864,
        availableMb: 900,
        totalMb: 1024,
        swapUsedMb: 0,
        swapTotalMb: 0,
      },
    });
    const s = await json<GuestMetricSeries>(
      await req("GET", `/api/vms/${vm.name}/metrics/guest?range=live`),
      200,
    );
    assertEquals([s.vmId, s.source, s.resolution], [vm.id, "none", "raw"]);
    assertEquals(s.cores, [[40], [2.5]]);
    assertEquals(s.memory.cachedMb, [50]);
    assertEquals(ctx.guestSampler.watched(), [], "no agent answers: nothing to sample");
    assertEquals(
      (await json<ApiError>(await req("GET", `/api/vms/${vm.id}/metrics/guest?range=1y`), 400))
        .code,
      "INVALID_RANGE",
    );
    assertEquals(
      (await json<ApiError>(await req("GET", `/api/vms/${MISSING}/metrics/guest`), 404)).code,
      "VM_NOT_FOUND",
    );
    // The heartbeat of a VM no round has reached yet.
    const beat = await json<AgentHeartbeat>(
      await req("GET", `/api/vms/${vm.id}/guest/heartbeat`),
      200,
    );
    assertEquals([beat.vmId, beat.agent, beat.lastSeenAt, beat.intervalSeconds], [
      vm.id,
      null,
      null,
      30,
    ]);
    // After a round: the test driver's domains have no agent channel, so nothing is pinged.
    await ctx.heartbeat.round();
    const after = await json<AgentHeartbeat>(
      await req("GET", `/api/vms/${vm.id}/guest/heartbeat`),
      200,
    );
    assertEquals([after.agent, after.responding, after.checkedAt !== null], [null, false, true]);
  });
});

Deno.test("metrics API - retention settings are validated, saved and applied on demand", async () => {
  await withTestApp(async ({ req }) => {
    const before = await json<MetricsSettings>(await req("GET", "/api/settings/metrics"), 200);
    assertEquals(before.policy.rawHours, 2);
    assertEquals(before.tickSeconds, 5);
    const saved = await json<RetentionPolicy>(
      await req("PUT", "/api/settings/metrics/retention", { rawHours: 6, enabled: false }),
      200,
    );
    assertEquals([saved.rawHours, saved.enabled, saved.minuteDays], [6, false, 3]);
    const bad = await json<ApiError>(
      await req("PUT", "/api/settings/metrics/retention", { rawHours: 6, hourDays: 0 }),
      400,
    );
    assertEquals(bad, {
      code: "INVALID_SETTING",
      message: "hourDays must be a whole number from 1 to 3650",
    });
    const malformed = await json<ApiError>(
      await req("PUT", "/api/settings/metrics/retention", "{"),
      400,
    );
    assertEquals(malformed.message, "Malformed JSON body");
    const after = await json<MetricsSettings>(await req("GET", "/api/settings/metrics"), 200);
    assertEquals(after.policy, saved, "a refused change changes nothing");
    const cleaned = await json<CleanupResult>(
      await req("POST", "/api/settings/metrics/cleanup"),
      200,
    );
    assertEquals(cleaned.deleted, { raw: 0, minute: 0, hour: 0 });
    const last = await json<MetricsSettings>(await req("GET", "/api/settings/metrics"), 200);
    assertEquals(last.policy.lastCleanupAt, cleaned.at);
  });
});

Deno.test("metrics API - alert rules: create, replace, delete; firings on the event stream", async () => {
  await withTestApp(async ({ req, ctx, events }) => {
    const vms = await json<VmSummary[]>(await req("GET", "/api/vms"), 200);
    const web = vms.find((v) => v.name === "web")!;
    const rule = await json<AlertRule>(
      await req("POST", "/api/alerts/rules", {
        name: "web hot",
        metric: "cpu",
        threshold: 80,
        vmId: web.id,
        consecutive: 2,
        severity: "critical",
      }),
      201,
    );
    assertEquals([rule.vmId, rule.enabled, rule.webhookUrl], [web.id, true, null]);
    assertEquals(await json<AlertRule[]>(await req("GET", "/api/alerts/rules"), 200), [rule]);
    const dup = await json<ApiError>(
      await req("POST", "/api/alerts/rules", { name: "WEB HOT", metric: "cpu", threshold: 1 }),
      409,
    );
    assertEquals(dup.message, "An alert rule named WEB HOT already exists");
    const badVm = await json<ApiError>(
      await req("POST", "/api/alerts/rules", {
        name: "x",
        metric: "cpu",
        threshold: 1,
        vmId: MISSING,
      }),
      400,
    );
    assertEquals(badVm, { code: "INVALID_ALERT_RULE", message: `vmId: VM not found: ${MISSING}` });

    // The demo driver has no usage figures, so readings are given as the collector would.
    const reading = (cpu: number) => [vmSample(web.id, web.name, cpu)];
    ctx.monitoring.alerts.check(Date.now(), reading(95));
    ctx.monitoring.alerts.check(Date.now(), reading(95));
    const active = await json<AlertEvent[]>(await req("GET", "/api/alerts?state=active"), 200);
    assertEquals(active.map((a) => [a.ruleName, a.vmName, a.severity, a.value]), [
      ["web hot", "web", "critical", 95],
    ]);
    assert(events.some((e) => e.type === "alert-fired" && e.alert.id === active[0].id));

    const replaced = await json<AlertRule>(
      await req("PUT", `/api/alerts/rules/${rule.id}`, {
        name: "web hot",
        metric: "cpu",
        threshold: 99,
      }),
      200,
    );
    assertEquals([replaced.threshold, replaced.consecutive, replaced.vmId], [99, 3, null]);
    assert(
      events.some((e) => e.type === "alert-resolved" && e.alert.resolvedReason === "rule changed"),
    );
    assertEquals(await json<AlertEvent[]>(await req("GET", "/api/alerts?state=active"), 200), []);
    const all = await json<AlertEvent[]>(await req("GET", `/api/alerts?vm=${web.id}&limit=5`), 200);
    assertEquals(all.length, 1);

    assertEquals((await req("DELETE", `/api/alerts/rules/${rule.id}`)).status, 204);
    const gone = await json<ApiError>(await req("DELETE", `/api/alerts/rules/${rule.id}`), 404);
    assertEquals(gone, {
      code: "ALERT_RULE_NOT_FOUND",
      message: `Alert rule not found: ${rule.id}`,
    });
    for (const query of ["state=open", "limit=0", "limit=1001", "limit=x"]) {
      assertEquals((await req("GET", `/api/alerts?${query}`)).status, 400, query);
    }
  });
});

Deno.test("metrics API - insights answer from the hourly history", async () => {
  await withTestApp(async ({ req, ctx }) => {
    const vms = await json<VmSummary[]>(await req("GET", "/api/vms"), 200);
    const web = vms.find((v) => v.name === "web")!;
    const history = ctx.monitoring.history;
    const now = Date.now();
    // 24 hours of an idle VM with 4 vCPUs, one reading a minute.
    for (let t = now - 24 * 3_600_000; t < now; t += 60_000) {
      history.record(t, null, [{
        vmId: web.id,
        name: web.name,
        cpu: 0.5,
        memUsedMb: 200,
        memTotalMb: 1024,
        diskRead: 0,
        diskWrite: 0,
        netRx: 100,
        netTx: 100,
      }], () => 4);
    }
    await history.rollup(now);
    const report = await json<InsightReport>(await req("GET", "/api/insights"), 200);
    assertEquals(report.analyzedVms, 1);
    assertEquals(report.insights.map((i) => i.kind), ["idle-vm", "oversized-memory"]);
    const one = await json<InsightReport>(
      await req("GET", `/api/vms/${web.id}/insights?range=7d`),
      200,
    );
    // 24 hours are not enough to judge a week.
    assertEquals([one.range, one.analyzedVms, one.insights], ["7d", 0, []]);
  });
});

Deno.test("metrics API - /metrics is Prometheus text with request counts by route", async () => {
  await withTestApp(async ({ req, ctx }) => {
    await ctx.monitoring.collector.tick();
    await req("GET", "/api/vms");
    await req("GET", `/api/vms/${MISSING}`);
    const res = await req("GET", "/metrics");
    assertEquals(res.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const families = parsePrometheusTextFormat(await res.text()) as {
      name: string;
      metrics: { value: string; labels?: Record<string, string> }[];
    }[];
    const get = (name: string) => families.find((f) => f.name === name)?.metrics ?? [];
    assertEquals(get("libvirt_up"), [{ value: "1" }]);
    const [build] = get("kvmm_build_info");
    assertEquals([build.value, build.labels!.version], ["1", VERSION]);
    assertEquals(get("libvirt_domain_info_vstate").map((m) => m.labels!.domain).sort(), [
      "cache",
      "web",
    ]);
    const requests = get("kvmm_http_requests_total").map((m) =>
      `${m.labels!.method} ${m.labels!.route} ${m.labels!.status} ${m.value}`
    );
    assertEquals(requests.sort(), ["GET /api/vms 200 1", "GET /api/vms/:id 404 1"]);
    // The process's own figures, as /proc and V8 tell them.
    const rss = Number(get("process_resident_memory_bytes")[0]?.value);
    const status = await Deno.readTextFile("/proc/self/status");
    const procRss = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)![1]) * 1024;
    assert(
      rss > 10 * 2 ** 20 && Math.abs(rss - procRss) < procRss / 4,
      `RSS ${rss}, /proc ${procRss}`,
    );
    assert(Number(get("kvmm_v8_heap_used_bytes")[0]?.value) > 0, "V8 heap in use");
    // A private test node is one connection on the main thread: no worker isolate at all.
    assertEquals(get("kvmm_libvirt_isolates"), [{ value: "0", labels: { host: "local" } }]);
    assertEquals(get("kvmm_libvirt_shared_isolates"), [
      { value: "0", labels: { pool: "calls" } },
      { value: "0", labels: { pool: "agent" } },
    ]);
  });
});

Deno.test("metrics API - a collector tick makes the same libvirt calls for 3 VMs or 300", async () => {
  // Read by ffi/libvirt/library.ts when each worker loads it: set before the app starts its workers.
  Deno.env.set("KVMM_COUNT_LIBVIRT_CALLS", "1");
  try {
    const perTick = async (count: number) => {
      let calls: Record<string, number> = {};
      await withTestApp(async ({ ctx }) => {
        await ctx.monitoring.collector.tick();
        await ctx.monitoring.collector.tick();
        calls = ctx.monitoring.collector.stats.lastCalls;
        assertEquals(ctx.monitoring.collector.stats.lastVms, count);
      }, Array.from({ length: count }, (_, i) => ({ name: `vm${i}`, runstate: 1 as const })));
      return calls;
    };
    const few = await perTick(3);
    const many = await perTick(300);
    // Reading each record's UUID and name is local to the record list (no driver call).
    const { virDomainGetUUIDString: a, virDomainGetName: b, ...fewRest } = few;
    const { virDomainGetUUIDString: c, virDomainGetName: d, ...manyRest } = many;
    assertEquals([a, b, c, d], [3, 3, 300, 300]);
    assertEquals(manyRest, fewRest);
    assertEquals(fewRest.virConnectGetAllDomainStats, 1);
  } finally {
    Deno.env.delete("KVMM_COUNT_LIBVIRT_CALLS");
  }
});

Deno.test("metrics API - between ticks: rollups, hourly raw trim and the daily clean-up as configured", async () => {
  await withTestApp(async ({ req, ctx }) => {
    const m = ctx.monitoring;
    const web = (await json<VmSummary[]>(await req("GET", "/api/vms"), 200))[0];
    const settings = async () =>
      await json<MetricsSettings>(await req("GET", "/api/settings/metrics"), 200);
    await json(
      await req("PUT", "/api/settings/metrics/retention", {
        enabled: false,
        rawHours: 1,
        minuteDays: 1,
        cleanupHour: 3,
      }),
      200,
    );
    // Three hours of readings, one a minute, up to 04:00 local time.
    const base = new Date(2026, 10, 10, 4, 0).getTime();
    for (let t = base - 3 * 3_600_000; t < base; t += 60_000) {
      m.history.record(t, null, [{
        vmId: web.id,
        name: web.name,
        cpu: 5,
        memUsedMb: 100,
        memTotalMb: 200,
        diskRead: 0,
        diskWrite: 0,
        netRx: 0,
        netTx: 0,
      }]);
    }
    // Disabled: rolled up, nothing deleted, no clean-up recorded.
    await m.maintain(base);
    let s = await settings();
    assertEquals([s.rows, s.policy.lastCleanupAt], [{ raw: 180, minute: 180, hour: 3 }, null]);
    // Enabled after 03:00: raw trimmed to its hour and the daily clean-up runs once.
    await json(await req("PUT", "/api/settings/metrics/retention", { enabled: true }), 200);
    await m.maintain(base + 60_000);
    s = await settings();
    assertEquals(s.rows, { raw: 59, minute: 180, hour: 3 });
    assertEquals(s.policy.lastCleanupAt, new Date(base + 60_000).toISOString());
    await m.maintain(base + 120_000);
    assertEquals((await settings()).policy.lastCleanupAt, new Date(base + 60_000).toISOString());
    // Two days later at 05:00: minutes are past their day, hours stay for a year.
    const later = new Date(2026, 10, 12, 5, 0).getTime();
    await m.maintain(later);
    s = await settings();
    assertEquals(s.rows, { raw: 0, minute: 0, hour: 3 });
    assertEquals(s.policy.lastCleanupAt, new Date(later).toISOString());
  });
});
