// Real-QEMU monitoring tests: the real server's collector, history, rollups, retention, alerts
// and /metrics against a running TCG guest on qemu:///system. Fails (never skips) without
// libvirtd. All traffic stays on loopback: the guest's NIC sits on an isolated network.
// The server samples every VM of the host, other people's too (scripts/foreign-guests.sh makes
// some): figures are checked for this test's own guests and the host source only.

import parsePrometheus from "parse-prometheus-text-format";
import type { Server } from "../main.ts";
import { apiCall as call, withRealServer } from "./support/real_server.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import type {
  CleanupResult,
  HostMetricSeries,
  MetricRowCounts,
  MetricsSettings,
} from "../shared/metrics.ts";
import { HOST_SOURCE, type MetricsHistory } from "../lib/metrics/history.ts";
import { TABLES } from "../lib/metrics/history_schema.ts";
import {
  cleanupGuestsNamed,
  defineTestGuest,
  ensureTestNetwork,
  TEST_PREFIX,
  virsh,
  waitForGuestReady,
} from "./support/guest.ts";

type Guest = Awaited<ReturnType<typeof defineTestGuest>>;

/** Every guest of this file is named so; other test files' kvmm-test-* guests are not ours. */
const GUESTS = `${TEST_PREFIX}metrics-`;
type Row = Record<string, number | null>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${what}`);
    await sleep(50);
  }
}

/** Defines a guest with a NIC on the isolated test network, starts it and waits for its init. */
async function startGuest(name: string): Promise<Guest> {
  const guest = await defineTestGuest(name);
  const net = await ensureTestNetwork();
  await virsh("attach-interface", name, "network", net, "--model", "virtio", "--config");
  await virsh("start", name);
  await waitForGuestReady(name);
  return guest;
}

/**
 * A running guest, then the real server on loopback with `statsInterval`, after its first
 * collector tick. `manual` stops the collector there, so the test drives every later tick.
 * Guests named GUESTS* (this file's) and the data folder are always removed.
 */
async function withMonitoredGuest(
  suffix: string,
  { statsInterval, manual = false }: { statsInterval: number; manual?: boolean },
  fn: (s: Server, g: Guest) => Promise<void>,
): Promise<void> {
  await withRealServer({
    cleanup: () => cleanupGuestsNamed(GUESTS),
    prepare: () => startGuest(TEST_PREFIX + suffix),
    extra: { statsInterval },
  }, async (server, guest) => {
    const { collector } = server.ctx.monitoring;
    await until(() => collector.stats.ticks >= 1, 10_000, "the collector's first tick");
    if (manual) await collector.stop();
    await fn(server, guest);
  });
}

/** One collector tick driven by the test, in a later second than the last (its own raw row). */
async function tick(s: Server): Promise<void> {
  const { collector } = s.ctx.monitoring;
  const { ticks, errors, lastTickAt } = collector.stats;
  await sleep(Math.max(0, (Math.floor(lastTickAt! / 1000) + 1) * 1000 - Date.now() + 2));
  await collector.tick();
  const after = collector.stats;
  assertEquals([after.ticks, after.errors], [ticks + 1, errors], `tick: ${after.lastError}`);
}

async function getJson<T = any>(s: Server, path: string): Promise<T> {
  const res = await call(s, "GET", path);
  assertEquals(res.status, 200, `GET ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A series' columns as one object per point. */
function rowsOf(series: HostMetricSeries): Row[] {
  const columns = Object.entries(series).filter(([, v]) => Array.isArray(v));
  return series.t.map((_, i) => Object.fromEntries(columns.map(([k, v]) => [k, v[i]])));
}

/**
 * Per bucket of `bucketMs`: the non-null CPU values of a raw series (none in a bucket holding
 * only a first reading). Skips the all-null points the series puts in gaps.
 */
function cpuByBucket(series: HostMetricSeries, bucketMs: number): [number, number[]][] {
  const out = new Map<number, number[]>();
  for (const r of rowsOf(series).filter((r) => r.cpu !== null || r.memTotalMb !== null)) {
    const bucket = Math.floor(r.t! / bucketMs) * bucketMs;
    out.set(bucket, [...out.get(bucket) ?? [], ...r.cpu === null ? [] : [r.cpu]]);
  }
  return [...out];
}

const mean = (xs: number[]) => xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
/** The mean as history stores it: of the values in tenths of a percent, rounded to a tenth. */
const storedMean = (xs: number[]) =>
  xs.length ? Math.round(mean(xs.map((x) => Math.round(x * 10)))!) / 10 : null;

/**
 * Rows per table of these sources only (VM UUIDs, or HOST_SOURCE): the totals also hold the
 * rows of every other VM on the host, which this test did not make.
 */
function ownRows(history: MetricsHistory, uuids: string[]): MetricRowCounts {
  const ids = history.sources().filter((s) => uuids.includes(s.uuid)).map((s) => s.id);
  const count = (table: string) =>
    ids.length === 0 ? 0 : Number(
      history.store.db.prepare(
        `SELECT count(*) AS n FROM ${table} WHERE source IN (${ids.map(() => "?").join()})`,
      ).get(...ids)!.n,
    );
  return { raw: count(TABLES.raw), minute: count(TABLES.minute), hour: count(TABLES.hour) };
}

/** The UUIDs of the VMs in the collector's last reading that are among `own`. */
function ownInReading(s: Server, own: string[]): string[] {
  const read = s.ctx.monitoring.collector.latestVmSamples();
  return own.filter((uuid) => read.has(uuid));
}

/** The value of `key=N` in `virsh domstats` output. */
async function domstat(name: string, group: string, key: string): Promise<number> {
  const out = await virsh("domstats", group, name);
  const m = new RegExp(`^\\s*${key.replace(/\./g, "\\.")}=(\\d+)$`, "m").exec(out);
  assert(m, `virsh domstats ${group}: no ${key} in\n${out}`);
  return Number(m[1]);
}

/** GET /api/events, parsed as frames arrive; open once the first frame came. */
async function openEvents(s: Server) {
  const res = await fetch(`${s.url}/api/events`, { headers: adminHeaders(s) });
  assertEquals(res.status, 200, "GET /api/events");
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: { event: string; data: any; ticks: number }[] = [];
  const pump = (async () => {
    let buf = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      buf += r.value;
      for (let i; (i = buf.indexOf("\n\n")) >= 0; buf = buf.slice(i + 2)) {
        const event = /^event: (.*)$/m.exec(buf.slice(0, i))?.[1];
        const data = /^data: (.*)$/m.exec(buf.slice(0, i))?.[1];
        const ticks = s.ctx.monitoring.collector.stats.ticks;
        if (event && data) seen.push({ event, data: JSON.parse(data), ticks });
      }
    }
  })().catch(() => {});
  const find = (event: string) => seen.find((e) => e.event === event);
  const waitFor = async (event: string) => {
    await until(() => find(event) !== undefined, 10_000, `SSE ${event}`);
    return find(event)!;
  };
  await waitFor("connection-status-changed");
  return {
    seen,
    waitFor,
    async close() {
      await reader.cancel();
      await pump;
    },
  };
}

/** A webhook receiver on 127.0.0.1 that keeps the JSON bodies POSTed to it. */
function webhookReceiver() {
  const posts: any[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    posts.push(await req.json());
    return new Response(null, { status: 204 });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/hook`,
    posts,
    close: () => server.shutdown(),
  };
}

Deno.test("qemu metrics - samples of a running guest and the host are stored every tick", async () => {
  // 15 s ticks make every other reading slow (30 s cadence); the test drives them.
  await withMonitoredGuest("metrics-samples", { statsInterval: 15, manual: true }, async (s, g) => {
    const { collector, history } = s.ctx.monitoring;
    const own = [g.uuid, HOST_SOURCE];
    for (let i = 1; i <= 4; i++) {
      const before = { own: ownRows(history, own).raw, all: history.counts().raw };
      await tick(s);
      assertEquals(ownInReading(s, [g.uuid]), [g.uuid], "the guest is in the reading");
      assertEquals(
        ownRows(history, own).raw,
        before.own + 2,
        `raw rows after tick ${i} (VM + host)`,
      );
      // Other VMs of the host (not ours) add a row each; the host's row comes once.
      const vms = collector.stats.lastVms;
      assertEquals(history.counts().raw, before.all + vms + 1, `all raw rows after tick ${i}`);
    }
    const memMb = await domstat(g.name, "--balloon", "balloon.current") / 1024;
    const vm = rowsOf(await getJson(s, `/api/vms/${g.uuid}/metrics?range=live`));
    assertEquals(vm.length, 5, "one row per tick");
    vm.forEach((r, i) => {
      const slow = i % 2 === 0;
      const at = `row ${i} (${slow ? "slow" : "fast"}): ${JSON.stringify(r)}`;
      // The first reading has no baseline for the counters, so no rates yet.
      if (i === 0) assertEquals([r.cpu, r.diskRead, r.netRx], [null, null, null], at);
      else {
        assert(typeof r.cpu === "number" && r.cpu >= 0 && r.cpu <= 100, `cpu % ${at}`);
        assert(r.netRx! >= 0 && r.netTx! >= 0, `net rates ${at}`);
      }
      assertEquals(r.memTotalMb, slow ? memMb : null, `memTotalMb ${at}`);
      assert(slow ? r.memUsedMb! > 0 && r.memUsedMb! <= memMb : r.memUsedMb === null, at);
      if (i > 0 && slow) assert(r.diskRead! >= 0 && r.diskWrite! >= 0, `disk rates ${at}`);
      else if (i > 0) assertEquals([r.diskRead, r.diskWrite], [null, null], `disk ${at}`);
    });

    const host = rowsOf(await getJson(s, "/api/host/metrics?range=live"));
    assertEquals(host.length, 5, "host rows");
    host.forEach((r, i) => {
      const at = `host row ${i}: ${JSON.stringify(r)}`;
      if (i > 0) assert(typeof r.cpu === "number" && r.cpu >= 0 && r.cpu <= 100, at);
      assert(r.memUsedMb! > 0 && r.memUsedMb! < r.memTotalMb!, at);
    });
    console.log("guest cpu %", vm.map((r) => r.cpu), "mem MB", vm.map((r) => r.memUsedMb));
    console.log("guest disk B/s", vm.map((r) => r.diskRead), "net B/s", vm.map((r) => r.netRx));
    console.log("host cpu %", host.map((r) => r.cpu), "mem MB", host.map((r) => r.memUsedMb));
  });
});

Deno.test("qemu metrics - real samples roll up, and retention cleans each resolution", async () => {
  await withMonitoredGuest("metrics-rollup", { statsInterval: 1 }, async (s, g) => {
    const { collector, history } = s.ctx.monitoring;
    await until(() => collector.stats.ticks >= 6, 15_000, "six ticks of 1 s");
    await collector.stop();
    const last = collector.stats.lastTickAt!;
    const settings = () => getJson<MetricsSettings>(s, "/api/settings/metrics");
    const raw = { vm: history.vmSeries(g.uuid, "1h", last), host: history.hostSeries("1h", last) };
    const paths = { vm: `/api/vms/${g.uuid}/metrics`, host: "/api/host/metrics" };
    console.log(`${collector.stats.ticks} ticks, ${raw.vm.t.length} VM rows, cpu % ${raw.vm.cpu}`);

    await history.rollup(last + 2 * 60_000);
    let minuteRows = 0;
    for (const k of ["vm", "host"] as const) {
      const expected = cpuByBucket(raw[k], 60_000).map(([t, xs]) => [t, storedMean(xs)]);
      const served = await getJson<HostMetricSeries>(s, `${paths[k]}?range=6h`);
      assertEquals(served.resolution, "1m", `${k} 6h resolution`);
      assertEquals(served.t.map((t, i) => [t, served.cpu[i]]), expected, `${k} minute averages`);
      minuteRows += served.t.length;
    }

    await history.rollup(last + 2 * HOUR);
    let hourRows = 0;
    for (const k of ["vm", "host"] as const) {
      const buckets = cpuByBucket(raw[k], HOUR);
      const served = await getJson<HostMetricSeries>(s, `${paths[k]}?range=7d`);
      assertEquals([served.resolution, served.t], ["1h", buckets.map(([t]) => t)], `${k} 7d`);
      buckets.forEach(([, xs], i) => {
        // Each minute's average is rounded to a tenth before it is averaged again.
        const [avg, want] = [served.cpu[i], mean(xs)];
        const at = `${k} hour ${i}: served ${avg}, raw mean ${want}`;
        assert(avg === want || Math.abs(avg! - want!) <= 0.1 + 1e-9, at);
        assertEquals(served.cpuMax[i], xs.length ? Math.max(...xs) : null, at);
      });
      hourRows += served.t.length;
    }
    // The settings count every VM's rows, the host's other VMs' too; ours are the served ones.
    const own = ownRows(history, [g.uuid, HOST_SOURCE]);
    assertEquals([own.minute, own.hour], [minuteRows, hourRows], "our rows are the served ones");
    const all = history.counts();
    const rawRows = all.raw;
    assertEquals((await settings()).rows, all, "the settings count every row");

    const put = await call(s, "PUT", "/api/settings/metrics/retention", {
      rawHours: 1,
      minuteDays: 1,
    });
    assertEquals([put.status, put.body.rawHours, put.body.minuteDays], [200, 1, 1], "PUT");
    // Cleaning up now keeps everything: all of it is younger than every window.
    const now = await call(s, "POST", "/api/settings/metrics/cleanup");
    const result: CleanupResult = now.body;
    assertEquals([now.status, result.deleted], [200, { raw: 0, minute: 0, hour: 0 }], "cleanup");
    assert(result.dbSizeBytes > 0 && result.durationMs >= 0, JSON.stringify(result));
    let after = await settings();
    assertEquals([after.policy.lastCleanupAt, after.rows.raw], [result.at, rawRows]);

    const policy = after.policy;
    const beyondRaw = await history.cleanup(policy, last + HOUR + 60_000);
    assertEquals(beyondRaw, { raw: rawRows, minute: 0, hour: 0 }, "past the raw window");
    assertEquals((await settings()).rows, { raw: 0, minute: all.minute, hour: all.hour });
    const beyondMinutes = await history.cleanup(policy, last + DAY + 60_000);
    assertEquals(beyondMinutes, { raw: 0, minute: all.minute, hour: 0 }, "past minuteDays");
    after = await settings();
    assertEquals(after.rows, { raw: 0, minute: 0, hour: all.hour }, "hour rows kept");
    assertEquals(ownRows(history, [g.uuid, HOST_SOURCE]).hour, hourRows, "our hour rows kept");
    assertEquals((await getJson(s, `${paths.vm}?range=6h`)).t, [], "no minute rows served");
    assertEquals((await getJson(s, `${paths.vm}?range=7d`)).t.length, hourRows / 2, "7d");
  });
});

Deno.test("qemu metrics - an alert fires after N readings, resolves when the VM stops, and is POSTed", async () => {
  // 30 s ticks: every reading is slow, so every tick reads memory.
  await withMonitoredGuest("metrics-alerts", { statsInterval: 30, manual: true }, async (s, g) => {
    const { collector } = s.ctx.monitoring;
    const hook = webhookReceiver();
    const events = await openEvents(s);
    try {
      // The hook is on loopback, which webhooks reach only when an admin allows it.
      const allowed = await call(s, "PUT", "/api/images/settings", {
        allowedSources: ["127.0.0.1"],
        maxDownloadBytes: 1024 ** 3,
      });
      assertEquals(allowed.status, 200, JSON.stringify(allowed.body));
      // Without the balloon driver's statistics the guest's whole allocation counts as used.
      const rule = await call(s, "POST", "/api/alerts/rules", {
        name: "guest memory",
        metric: "memory",
        threshold: 50,
        consecutive: 2,
        vmId: g.uuid,
        webhookUrl: hook.url,
      });
      assertEquals(rule.status, 201, JSON.stringify(rule.body));
      const ticksAtRule = collector.stats.ticks;

      await tick(s);
      assertEquals(await getJson(s, "/api/alerts?state=all"), [], "nothing after one reading");
      await tick(s);
      const fired = await events.waitFor("alert-fired");
      const alert = fired.data.alert;
      assertEquals(fired.ticks - ticksAtRule, 2, "readings until it fired");
      assertEquals(alert.firedAt, new Date(collector.stats.lastTickAt!).toISOString(), "firedAt");
      assertEquals([alert.vmId, alert.metric, alert.threshold], [g.uuid, "memory", 50]);
      assert(alert.value > 50, `memory % ${alert.value}`);
      assertEquals(events.seen.filter((e) => e.event === "alert-fired").length, 1, "fired once");

      await virsh("destroy", g.name);
      await tick(s);
      const resolved = (await events.waitFor("alert-resolved")).data.alert;
      assertEquals([resolved.id, resolved.resolvedReason], [alert.id, "VM stopped"]);
      assertEquals(await getJson(s, "/api/alerts?state=active"), [], "no active alert");
      assertEquals(await getJson(s, "/api/alerts?state=all"), [resolved], "the resolved event");
      console.log(`fired at ${alert.value} % memory after 2 readings; resolved: VM stopped`);

      // Deliveries run beside the collector; once settled, both must have reached the hook.
      await s.ctx.monitoring.alerts.settled();
      const sent = [{ event: "alert-fired", alert }, { event: "alert-resolved", alert: resolved }];
      const error = (await getJson(s, "/api/alerts?state=all"))[0].webhookError;
      assertEquals(hook.posts, sent, `webhook POSTs (webhookError: ${error})`);
    } finally {
      await events.close();
      await s.ctx.monitoring.alerts.settled();
      await hook.close();
    }
  });
});

interface Family {
  name: string;
  help?: string;
  type?: string;
  metrics: { value: string; labels?: Record<string, string> }[];
}

Deno.test("qemu metrics - /metrics parses and matches virsh domstats", async () => {
  await withMonitoredGuest("metrics-prom", { statsInterval: 30, manual: true }, async (s, g) => {
    // A slow reading has the block counters, unless the guest's libvirt job was busy at that
    // moment: the bulk stats call passes NOWAIT and libvirt then leaves them out (ci56, on a
    // loaded machine). Tick until a reading has them; a few busy moments in a row would be news.
    for (let i = 0;; i++) {
      await tick(s);
      const params = s.ctx.monitoring.collector.latest?.domains.find((d) => d.uuid === g.uuid)
        ?.params;
      if (params && "block.0.rd.bytes" in params) break;
      assert(i < 4, `five slow readings without block counters: ${JSON.stringify(params)}`);
    }
    const series = `/api/vms/${g.uuid}/metrics?range=live`;
    for (let i = 0; i < 2; i++) await getJson(s, series);
    const res = await fetch(`${s.url}/metrics`, { headers: adminHeaders(s) });
    assertEquals(res.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    const virshCpu = await domstat(g.name, "--cpu-total", "cpu.time") / 1e9;
    const virshRead = await domstat(g.name, "--block", "block.0.rd.bytes");
    const nic = (await virsh("domiflist", g.name)).split("\n")[2].trim().split(/\s+/)[0];

    const families: Family[] = parsePrometheus(text);
    const count = (prefix: string) => text.split("\n").filter((l) => l.startsWith(prefix)).length;
    assertEquals([count("# HELP "), count("# TYPE ")], [families.length, families.length]);
    for (const f of families) {
      assert(f.help && ["COUNTER", "GAUGE"].includes(f.type!), `${f.name}: HELP and TYPE`);
    }
    /** The one sample of `name` whose labels include `labels`. */
    const value = (name: string, labels: Record<string, string> = {}) => {
      const hits = families.find((f) =>
        f.name === name
      )?.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v)) ?? [];
      assertEquals(hits.length, 1, `${name} ${JSON.stringify(labels)}`);
      return Number(hits[0].value);
    };
    const dom = { domain: g.name, uuid: g.uuid };
    const cpu = value("libvirt_domain_info_cpu_time_seconds_total", dom);
    // The exposition shows the last tick; virsh read a moment later.
    assert(cpu > 0 && cpu <= virshCpu && virshCpu - cpu < 5, `cpu ${cpu} s vs virsh ${virshCpu}`);
    const disk = { ...dom, target_device: "vda", source_file: g.diskPath };
    const read = value("libvirt_domain_block_stats_read_bytes_total", disk);
    assert(read >= 0 && read <= virshRead, `read ${read} vs virsh ${virshRead}`);
    const rx = value("libvirt_domain_interface_stats_receive_bytes_total", {
      ...dom,
      target_device: nic,
    });
    assert(rx >= 0, `rx bytes ${rx}`);
    for (const mode of ["kernel", "user", "idle"]) {
      assert(value("kvmm_host_cpu_seconds_total", { mode }) > 0, `host cpu ${mode}`);
    }
    const route = { method: "GET", route: "/api/vms/:id/metrics", status: "200" };
    assertEquals(value("kvmm_http_requests_total", route), 2, "requests by route pattern");
    assertEquals(value("libvirt_up"), 1);
    assertEquals(value("kvmm_collector_ticks_total"), s.ctx.monitoring.collector.stats.ticks);
    console.log(`cpu ${cpu} s (virsh ${virshCpu} s), vda read ${read} B, ${nic} rx ${rx} B`);
  });
});

/** Per-domain accessors of the stats records: read from the client's own struct, no RPC. */
const LOCAL_CALLS = ["virDomainGetName", "virDomainGetUUIDString"];

Deno.test("qemu metrics - libvirt round trips per tick do not grow with the running VMs", async () => {
  // Read when each libvirt worker loads ffi/libvirt/library.ts, so set before the server starts.
  Deno.env.set("KVMM_COUNT_LIBVIRT_CALLS", "1");
  try {
    await withMonitoredGuest("metrics-calls", { statsInterval: 15, manual: true }, async (s, g) => {
      const { stats } = s.ctx.monitoring.collector;
      const second = await defineTestGuest(TEST_PREFIX + "metrics-calls-2");
      const ours = [g.uuid, second.uuid];
      /**
       * One tick's calls: our guests in the reading, the round trips, and the local calls per
       * VM. Other VMs of the host (not ours, and their number may change) count as VMs too.
       */
      const calls = async () => {
        await tick(s);
        const all = Object.entries(stats.lastCalls);
        const vms = stats.lastVms;
        const local = all.filter(([f]) => LOCAL_CALLS.includes(f)).map(([f, n]) => [f, n / vms]);
        const remote = Object.fromEntries(all.filter(([f]) => !LOCAL_CALLS.includes(f)));
        return {
          ours: ownInReading(s, ours).length,
          remote,
          localPerVm: Object.fromEntries(local),
        };
      };
      // Ticks alternate fast and slow (the first, automatic one was slow).
      const one = { fast: await calls(), slow: await calls() };
      await virsh("start", second.name);
      const two = { fast: await calls(), slow: await calls() };
      console.log("calls per tick, 1 VM of ours:", one, "2 VMs of ours:", two);
      assertEquals([one.fast.ours, one.slow.ours, two.fast.ours, two.slow.ours], [1, 1, 2, 2]);
      assertEquals(one.slow.remote.virConnectGetAllDomainStats, 1, "one bulk stats call");
      assertEquals(two.fast, { ...one.fast, ours: 2 }, "fast tick");
      assertEquals(two.slow, { ...one.slow, ours: 2 }, "slow tick");
    });
  } finally {
    Deno.env.delete("KVMM_COUNT_LIBVIRT_CALLS");
  }
});
