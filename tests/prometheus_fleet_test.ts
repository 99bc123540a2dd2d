// The fleet in Prometheus: Debian's Prometheus scrapes the real server's /metrics with a bearer
// token and sees two hosts' series, each with its host label — this machine's libvirtd with a
// TCG guest, and a second libvirtd of this test's own (scripts/second-libvirtd.sh, own state
// folder and port) with a guest of its own — and a host that is down as kvmm_host_up 0. The
// exposition passes `promtool check metrics`, and every expression of the Grafana dashboard in
// docs/grafana evaluates to series in that Prometheus. Fails (never skips) without libvirtd or
// Prometheus; everything made here is removed, the shared daemon's guests of others untouched.

import { type Server, startServer } from "../main.ts";
import { assert, assertEquals } from "./support/assert.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  ensureTestNetwork,
  run,
  TEST_PREFIX,
  virsh,
} from "./support/guest.ts";
import { ensurePrometheus, promtoolCheck, startPrometheus } from "./support/prometheus.ts";

const SCRIPT = new URL("../scripts/second-libvirtd.sh", import.meta.url).pathname;
const DASHBOARD = new URL("../docs/grafana/kvm-manager-fleet.json", import.meta.url);
const BASE = "/tmp/kvmm-fleet-libvirtd";
const ENV = {
  KVMM_MIG_BASE: BASE,
  KVMM_MIG_PORT: "16641",
  KVMM_MIG_HOST_UUID: "6b766d6d-2d66-6c65-6574-000000000006",
};
const GUESTS = `${TEST_PREFIX}fleet-`;
const LOCAL_GUEST = `${GUESTS}a`;
const REMOTE_GUEST = `${GUESTS}b`;

async function daemon(verb: "start" | "stop"): Promise<string> {
  const out = await new Deno.Command("bash", { args: [SCRIPT, verb], env: ENV, stdout: "piped" })
    .output();
  if (!out.success) throw new Error(`second-libvirtd.sh ${verb} failed`);
  return new TextDecoder().decode(out.stdout).trim().split("\n").pop() ?? "";
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got !== null) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Every expression of the dashboard: its panels' targets and its variables' queries. */
function dashboardExpressions(dashboard: {
  panels: { targets?: { expr: string }[] }[];
  templating: { list: { query: string | { query: string } }[] };
}): string[] {
  const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
  for (const v of dashboard.templating.list) {
    const q = typeof v.query === "string" ? v.query : v.query.query;
    // label_values(SELECTOR, label): the selector is what must have series.
    const m = /^label_values\((.+),\s*\w+\)$/.exec(q);
    if (m) exprs.push(m[1]);
  }
  return exprs;
}

Deno.test("prometheus fleet - Prometheus scrapes two hosts' series, each with its host label", async () => {
  await assertLibvirtReachable();
  await ensurePrometheus();
  await cleanupGuestsNamed(GUESTS);
  const dataDir = await Deno.makeTempDir({ prefix: TEST_PREFIX });
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const gonePort = (closed.addr as Deno.NetAddr).port;
  closed.close();
  let server: Server | undefined;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>> | undefined;
  const uri = await daemon("start");
  try {
    assert(uri.startsWith("qemu+tcp://127.0.0.1:16641/"), uri);
    // The second host's guest: diskless, SeaBIOS finds nothing to boot and it keeps running.
    const xml = await Deno.makeTempFile({ suffix: ".xml" });
    await Deno.writeTextFile(
      xml,
      `<domain type='qemu'><name>${REMOTE_GUEST}</name><memory unit='MiB'>32</memory>
        <vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>
        <devices><memballoon model='none'/></devices></domain>`,
    );
    await run("virsh", ["-c", uri, "define", xml]).finally(() => Deno.remove(xml));
    await run("virsh", ["-c", uri, "start", REMOTE_GUEST]);
    // This host's guest: a disk and a NIC on the isolated test network, for every VM family.
    await defineTestGuest(LOCAL_GUEST);
    const net = await ensureTestNetwork();
    await virsh("attach-interface", LOCAL_GUEST, "network", net, "--model", "virtio", "--config");
    await virsh("start", LOCAL_GUEST);

    server = await startServer({
      uri: "qemu:///system",
      uriSource: "flag",
      demo: false,
      listen: { hostname: "127.0.0.1", port: 0 },
      tls: { mode: "off" },
      dataDir,
      statsInterval: 1,
    }, { quiet: true });
    const s = server;
    const admin = s.ctx.auth.tokens.create({ name: "test-fleet", owner: "root", role: "admin" });
    const post = (body: unknown) =>
      fetch(`${s.url}/api/hosts`, {
        method: "POST",
        headers: { authorization: `Bearer ${admin.secret}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then(async (r) => [r.status, await r.text()]);
    assertEquals((await post({ name: "second", uri }))[0], 201);
    assertEquals(
      (await post({ name: "gone", uri: `qemu+tcp://127.0.0.1:${gonePort}/system` }))[0],
      201,
    );

    // Prometheus reads /metrics with a read-only token, as an operator would set it up.
    const viewer = s.ctx.auth.tokens.create({
      name: "test-fleet-prom",
      owner: "root",
      role: "viewer",
    });
    prometheus = await startPrometheus({ target: new URL(s.url).host, token: viewer.secret });
    const p = prometheus;
    const hostsOf = async (expr: string) =>
      (await p.query(expr)).map((r) => `${r.metric.host}=${r.value[1]}`).sort();

    // Both hosts' guests, each under its host, from Prometheus' own store.
    const guests = await until("both guests in Prometheus", 60_000, async () => {
      const found = (await p.query(`libvirt_domain_info_vstate{domain=~"${GUESTS}.*"}`))
        .map((r) => `${r.metric.host}/${r.metric.domain}=${r.value[1]}`).sort();
      return found.length === 2 ? found : null;
    });
    assertEquals(guests, [`local/${LOCAL_GUEST}=1`, `second/${REMOTE_GUEST}=1`]);
    assertEquals(await hostsOf('up{job="kvmm"}'), ["undefined=1"], "the scrape succeeds");
    assertEquals(await hostsOf("kvmm_host_up"), ["gone=0", "local=1", "second=1"]);
    assertEquals(
      (await hostsOf("kvmm_host_memory_total_bytes")).map((h) => h.split("=")[0]),
      ["local", "second"],
    );
    // The collector's own figures for every host, the one that is down too.
    assertEquals(
      (await hostsOf("kvmm_collector_ticks_total")).map((h) => h.split("=")[0]),
      ["gone", "local", "second"],
    );
    assertEquals(
      await hostsOf('count by (host) (kvmm_host_cpu_seconds_total{mode="idle"})'),
      ["local=1", "second=1"],
    );
    for (const guest of [LOCAL_GUEST, REMOTE_GUEST]) {
      const cpu = await p.query(`libvirt_domain_info_cpu_time_seconds_total{domain="${guest}"}`);
      assert(cpu.length === 1 && Number(cpu[0].value[1]) > 0, `${guest} CPU time: ${cpu}`);
    }

    // The exposition as scraped passes promtool.
    const res = await fetch(`${s.url}/metrics`, {
      headers: { authorization: `Bearer ${viewer.secret}` },
    });
    assertEquals(res.status, 200);
    const text = await res.text();
    const lint = await promtoolCheck(text);
    assertEquals(lint, { ok: true, output: "" }, "promtool check metrics");

    // Every expression of the dashboard names metrics that exist and has series to show, over
    // enough scrapes for its rates. A guest's block figures come with the collector's first slow
    // reading, which may follow the first scrape (once, that scrape lacked them): each is waited
    // for, with a bound, instead of one read after a fixed five seconds.
    const dashboard = JSON.parse(await Deno.readTextFile(DASHBOARD));
    const exprs = dashboardExpressions(dashboard);
    assert(exprs.length >= 20, `dashboard expressions: ${exprs.length}`);
    const names = new Set(exprs.flatMap((e) => e.match(/\b(?:libvirt|kvmm|process)_\w+/g) ?? []));
    let missing: string[] = [];
    await until("every metric the dashboard names is in /metrics", 60_000, async () => {
      const scrape = await fetch(`${s.url}/metrics`, {
        headers: { authorization: `Bearer ${viewer.secret}` },
      });
      const exported = new Set(
        (await scrape.text()).split("\n").filter((l) => l.startsWith("# TYPE "))
          .map((l) => l.split(" ")[2]),
      );
      missing = [...names].filter((name) => !exported.has(name));
      return missing.length === 0 ? true : null;
    }).catch((e) => {
      throw new Error(`${e.message}; missing: ${missing.join(", ")}`);
    });
    for (const expr of exprs) {
      const q = expr.replaceAll("$__rate_interval", "1m").replaceAll("$job", ".*")
        .replaceAll("$host", ".*");
      await until(
        `series for the dashboard's ${expr}`,
        60_000,
        async () => (await p.query(q)).length > 0 ? true : null,
      );
    }
    console.log(
      `${names.size} metric names, ${exprs.length} expressions of the dashboard answered`,
    );
  } finally {
    await prometheus?.close();
    await server?.close();
    await cleanupGuestsNamed(GUESTS);
    await daemon("stop");
    await Deno.remove(BASE, { recursive: true }).catch(() => {});
    await Deno.remove(dataDir, { recursive: true });
  }
});
