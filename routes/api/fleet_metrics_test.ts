// GET /metrics with several hosts: every host's VMs and host figures labelled `host`, a host
// that is down or hangs as kvmm_host_up 0 without failing or holding up the scrape, and a stale
// reading left out. The second host is a test-driver node added by URI.

import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { deadHosts } from "../../tests/support/dead_hosts.ts";
import { eventually, withTestApp } from "../../tests/harness/test_app.ts";

type Sample = { value: string; labels?: Record<string, string> };

async function scrape(req: (m: string, p: string) => Promise<Response>) {
  const res = await req("GET", "/metrics");
  assertEquals(res.status, 200);
  const families = parsePrometheusTextFormat(await res.text()) as {
    name: string;
    metrics: Sample[];
  }[];
  return (name: string): Sample[] => families.find((f) => f.name === name)?.metrics ?? [];
}

/** Both hosts' collectors have ticked at least once. */
function assertTicked(samples: Sample[]) {
  assertEquals(samples.map((m) => m.labels?.host).sort(), ["local", "rack-b"]);
  for (const m of samples) assert(Number(m.value) >= 1, `${m.labels?.host} ticked: ${m.value}`);
}

/** `host=value` of each sample, sorted. */
const byHost = (samples: Sample[]) => samples.map((m) => `${m.labels?.host}=${m.value}`).sort();

Deno.test("fleet metrics - every host's VMs and host figures carry its host label", async () => {
  const node = await writeTestNode([
    { name: "b-db", runstate: 1, vcpus: 2, memoryMb: 1024 },
    { name: "b-web", runstate: 5 },
  ]);
  try {
    await withTestApp(async ({ req, ctx }) => {
      assertEquals(
        (await req("POST", "/api/hosts", { name: "Rack B", uri: node.uri })).status,
        201,
      );
      const b = ctx.hosts.get("rack-b");
      await eventually(() => b.client.state.connected, 5000);
      await ctx.monitoring.collector.tick();
      await b.ctx.monitoring.collector.tick();

      const get = await scrape(req);
      const vms = get("libvirt_domain_info_vstate").map((m) =>
        `${m.labels!.host}/${m.labels!.domain}=${m.value}`
      );
      // The collector reads active VMs (cache is paused): b-web is shut off.
      assertEquals(vms.sort(), ["local/cache=3", "local/web=1", "rack-b/b-db=1"]);
      assertEquals(byHost(get("kvmm_host_up")), ["local=1", "rack-b=1"]);
      assertEquals(
        get("kvmm_host_info").map((m) => `${m.labels!.host}:${m.labels!.name}`).sort()[1],
        "rack-b:Rack B",
      );
      assertEquals(byHost(get("kvmm_host_memory_total_bytes")).map((s) => s.split("=")[0]), [
        "local",
        "rack-b",
      ]);
      // At least the tick asked for: each collector also ticks on its own timer, which a loaded
      // machine may reach before the scrape.
      assertTicked(get("kvmm_collector_ticks_total"));
      assertEquals(get("libvirt_up"), [{ value: "1" }], "unlabelled: the local connection");
      assertEquals(get("kvmm_alerts_active").length, 2);

      // A reading older than three ticks (and 30 s) is left out; the host stays up.
      await b.ctx.monitoring.collector.stop();
      const latest = b.ctx.monitoring.collector.latest!;
      b.ctx.monitoring.collector.latest = { ...latest, atMs: Date.now() - 60_000 };
      const stale = await scrape(req);
      assertEquals(
        stale("libvirt_domain_info_vstate").map((m) => m.labels!.host).sort(),
        ["local", "local"],
      );
      assertEquals(byHost(stale("kvmm_host_up")), ["local=1", "rack-b=1"]);
      assertTicked(stale("kvmm_collector_ticks_total"));
    });
  } finally {
    await node.remove();
  }
});

Deno.test("fleet metrics - a host that is down or hangs is kvmm_host_up 0 and holds nobody up", async () => {
  const dead = deadHosts();
  const { held } = dead;
  try {
    await withTestApp(async ({ req, ctx }) => {
      for (const [name, uri] of [["silent", dead.silentUri], ["gone", dead.goneUri]] as const) {
        assertEquals((await req("POST", "/api/hosts", { name, uri })).status, 201);
      }
      await eventually(() => held.length > 0 && !!ctx.hosts.get("gone").client.state.error, 5000);
      await ctx.monitoring.collector.tick();

      // The silent host never answers, so a scrape that waited on it would never end (the
      // test's deadline would fail it): the scrape answered while the host still hangs. Its
      // time beside a scrape with no hung host is a benchmark's (bench/metrics.ts).
      const get = await scrape(req);
      assert(held.length >= 1 && !ctx.hosts.get("silent").client.state.connected, "still hung");
      assertEquals(byHost(get("kvmm_host_up")), ["gone=0", "local=1", "silent=0"]);
      assertEquals(
        [...new Set(get("libvirt_domain_info_vstate").map((m) => m.labels!.host))],
        ["local"],
      );
    });
  } finally {
    dead.close();
  }
});
