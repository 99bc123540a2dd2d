// Browser tier for monitoring on a test-driver node, which has no usage counters: history is
// seeded through the server's own MetricsHistory, alerts are fired through its AlertService.
// VM and host graphs per range, the retention settings, alert rules with live alerts, insights.

import type { Locator, Page } from "playwright-core";
import type { Server } from "../main.ts";
import type { VmSample } from "../lib/metrics/sampler.ts";
import type { CleanupResult, InsightReport } from "../shared/metrics.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { apiAnswer, withDemoServer } from "./support/browser_helpers.ts";

// tests/support/test_node.ts numbers the default domains web, db, cache from 1.
const WEB = "6b5a6f1e-0000-4000-8000-000000000001";
const CACHE = "6b5a6f1e-0000-4000-8000-000000000003";
const MINUTE = 60_000;

const webSample = (cpu: number): VmSample => ({
  vmId: WEB,
  name: "web",
  cpu,
  memUsedMb: 300,
  memTotalMb: 1024,
  diskRead: 100,
  diskWrite: 200,
  netRx: 50,
  netTx: 50,
});

/**
 * 24 hours of an idle 4-vCPU "web" (about 0.5 % CPU, a reading a minute), its last hour every
 * 10 s at 1–4 %, and the host at 10–14 % CPU with half its memory used; then rolled up.
 * The collector is stopped first: its first rollup would otherwise mark the history rolled up
 * to its own first minute, and rollup() never goes back before that point.
 */
async function seedHistory(server: Server, now = Date.now()) {
  const { collector, history } = server.ctx.monitoring;
  await collector.stop();
  const host = (i: number) => ({ cpu: 10 + i % 5, memUsedMb: 8192, memTotalMb: 16384 });
  const vcpus = (id: string) => id === WEB ? 4 : undefined;
  let i = 0;
  for (let t = now - 24 * 60 * MINUTE; t < now - 60 * MINUTE; t += MINUTE, i++) {
    history.record(t, host(i), [webSample(0.5)], vcpus);
  }
  for (let t = now - 60 * MINUTE; t <= now; t += 10_000, i++) {
    history.record(t, host(i), [webSample(1 + i % 4)], vcpus);
  }
  await history.rollup(now);
}

/** The legend of the graph captioned `title`: label → value, without the time row. */
function legend(graphs: Locator, title: string): Promise<Record<string, string>> {
  const caption = graphs.page().locator(`figcaption:text-is("${title}")`);
  return graphs.locator("figure", { has: caption }).evaluate((fig) => {
    const rows = [...fig.querySelectorAll(".u-legend .u-series")].slice(1);
    return Object.fromEntries(rows.map((r) => [
      r.querySelector(".u-label")?.textContent ?? "",
      r.querySelector(".u-value")?.textContent ?? "",
    ]));
  });
}

/** Clicks `range` in the graphs' selector and waits for the request it makes. */
async function pickRange(page: Page, graphs: Locator, range: string, path: string) {
  const answered = page.waitForResponse((r) => r.url().endsWith(`${path}?range=${range}`));
  await graphs.getByRole("group", { name: "Range" }).getByRole("button", { name: range }).click();
  assertEquals((await answered).status(), 200);
  await graphs.getByRole("button", { name: range, pressed: true }).waitFor();
}

Deno.test("monitoring browser - VM graphs from raw samples (1h) and rollups (24h); host graphs", async () => {
  await withDemoServer(async (page, server) => {
    await seedHistory(server);
    await page.goto(`${server.url}/vms/${WEB}`);
    const graphs = page.locator('[data-island="VmGraphs"]');
    // The live range answers first; its note shows the island is hydrated.
    await graphs.getByText("Samples every 5 s, updated as they arrive").waitFor();

    await pickRange(page, graphs, "1h", `/api/vms/${WEB}/metrics`);
    await graphs.getByText("Samples every 5 s", { exact: true }).waitFor();
    // The VM's own four graphs; the guest detail below them says no agent answers (test driver).
    assertEquals(await graphs.locator(".graph-grid").first().locator("figure canvas").count(), 4);
    await graphs.locator('[data-guest-source="none"]').waitFor();
    const cpu = await legend(graphs, "CPU");
    assertEquals(Object.keys(cpu), ["CPU"], "raw samples: no max line");
    assertMatch(cpu.CPU, /^[1-4]%$/);
    assertEquals(await legend(graphs, "Memory used"), { Used: "300 MiB" });
    assertEquals(await legend(graphs, "Network"), { Receive: "50 B/s", Transmit: "50 B/s" });

    await pickRange(page, graphs, "24h", `/api/vms/${WEB}/metrics`);
    await graphs.getByText("1-minute averages, lighter lines the maxima").waitFor();
    const rolled = await legend(graphs, "CPU");
    assertEquals(Object.keys(rolled), ["CPU", "CPU max"]);
    assertMatch(rolled["CPU max"], /^\d+%$/);
    assertEquals(await legend(graphs, "Memory used"), { Used: "300 MiB", "Used max": "300 MiB" });
    assertEquals(await legend(graphs, "Disk I/O"), { Read: "100 B/s", Write: "200 B/s" });
    assertEquals(await graphs.getByText("No data for this range yet").count(), 0);

    // A VM without history says so instead of drawing nothing.
    await page.goto(`${server.url}/vms/${CACHE}`);
    await page.locator('[data-island="VmGraphs"]').getByText("No data for this range yet")
      .waitFor();

    await page.goto(server.url);
    const host = page.locator('[data-island="HostGraphs"]');
    await host.getByText("Samples every 5 s, updated as they arrive").waitFor();
    await pickRange(page, host, "6h", "/api/host/metrics");
    await host.getByText("1-minute averages, lighter lines the maxima").waitFor();
    assertEquals(await host.locator("figure canvas").count(), 2);
    assertMatch((await legend(host, "CPU")).CPU, /^1[0-4]%$/);
    assertEquals((await legend(host, "Memory used")).Used, "8 GiB");
  });
});

Deno.test("monitoring browser - retention settings save, refuse a bad value verbatim, clean up", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/settings`);
    const form = page.getByRole("form", { name: "Retention" });
    const save = form.getByRole("button", { name: "Save" });
    await save.and(page.locator(":enabled")).waitFor();
    await form.getByLabel("Raw samples (hours)").fill("48");
    await form.getByLabel("1-hour rollups (days)").fill("400");
    await form.getByLabel("Daily clean-up hour (0–23)").fill("4");
    await form.getByLabel("Clean up automatically every day").uncheck();
    await save.click();
    await form.getByText("Retention policy saved.").waitFor();

    await page.reload();
    await save.and(page.locator(":enabled")).waitFor();
    assertEquals(await form.getByLabel("Raw samples (hours)").inputValue(), "48");
    assertEquals(await form.getByLabel("1-hour rollups (days)").inputValue(), "400");
    assertEquals(await form.getByLabel("Daily clean-up hour (0–23)").inputValue(), "4");
    assertEquals(await form.getByLabel("Clean up automatically every day").isChecked(), false);

    // The form leaves range checks to the API, so 0 is sent and refused in the API's words.
    await form.getByLabel("Raw samples (hours)").fill("0");
    await save.click();
    const refused = form.locator(".note-error");
    await refused.waitFor();
    const expected = await apiAnswer(page, "PUT", "/api/settings/metrics/retention", {
      rawHours: 0,
    });
    assertEquals(expected.status, 400);
    assertEquals(await refused.textContent(), expected.message);

    const db = page.locator('section[aria-labelledby="history-db-title"]');
    const lastCleanup = db.locator("dt:text-is('Last clean-up') + dd");
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/settings/metrics/cleanup"));
    await db.getByRole("button", { name: "Clean up now" }).click();
    const { at } = await (await answered).json() as CleanupResult;
    const done = db.locator(".note-success");
    await done.waitFor();
    assertMatch(
      await done.textContent() ?? "",
      /^Deleted [\d,]+ raw, [\d,]+ one-minute, [\d,]+ one-hour rows in \d+ ms\. The database is now [\d.]+ (B|KiB|MiB)\.$/,
    );
    // The facts were re-read: the time of this clean-up, in the browser's locale.
    const shown = await page.evaluate((iso) => new Date(iso).toLocaleString(), at);
    assertEquals(await lastCleanup.textContent(), shown);
  });
});

Deno.test("monitoring browser - an alert rule made in the form fires and resolves live", async () => {
  await withDemoServer(async (page, server) => {
    const { alerts, collector } = server.ctx.monitoring;
    // Only this test's readings are checked against the rule.
    await collector.stop();
    await page.goto(`${server.url}/alerts`);
    const active = page.locator('section[aria-labelledby="active-title"]');
    const rules = page.locator('section[aria-labelledby="rules-title"]');
    const history = page.locator('section[aria-labelledby="history-title"]');
    await active.getByText("No alert is firing.").waitFor();
    await rules.getByText("No alert rules yet.").waitFor();

    await page.getByRole("button", { name: "New rule" }).click();
    const form = page.getByRole("form", { name: "New alert rule" });
    await form.getByLabel("Name").fill("web cpu high");
    await form.getByLabel("Metric").selectOption("cpu");
    await form.getByLabel("Threshold (%)").fill("150");
    await form.getByLabel("VM").selectOption({ label: "web" });
    await form.getByLabel("Consecutive checks").fill("1");
    await form.getByLabel("Severity").selectOption("critical");
    await form.getByRole("button", { name: "Create rule" }).click();
    // Over 100 % for CPU: the API's words.
    const refused = form.getByRole("alert");
    await refused.waitFor();
    const expected = await apiAnswer(page, "POST", "/api/alerts/rules", {
      name: "x",
      metric: "cpu",
      threshold: 150,
    });
    assertEquals(expected.status, 400);
    assertEquals(await refused.textContent(), expected.message);

    await form.getByLabel("Threshold (%)").fill("50");
    await form.getByRole("button", { name: "Create rule" }).click();
    await form.waitFor({ state: "detached" });
    const rule = rules.locator("tbody tr[data-rule]");
    await rule.waitFor();
    assertEquals(await rule.locator("td").allTextContents(), [
      "web cpu high",
      "CPU",
      "web",
      "50 %",
      "1",
      "Critical",
      "Yes",
      "—",
      "EditDelete",
    ]);

    // A reading above the threshold fires it: the row appears without a reload.
    alerts.check(Date.now(), [webSample(95)]);
    const firing = active.locator("tbody tr[data-alert]");
    await firing.waitFor();
    const cells = await firing.locator("td").allTextContents();
    assertEquals(cells.slice(0, 4), ["Critical", "web cpu high", "web", "CPU 95 % (over 50 %)"]);
    await page.getByRole("heading", { name: "Active alerts (1)" }).waitFor();

    // The server-rendered nav counts it.
    await page.reload();
    await page.getByRole("link", { name: "Alerts (1)" }).waitFor();
    await firing.waitFor();

    // A reading below resolves it: it moves to the history, live.
    alerts.check(Date.now(), [webSample(5)]);
    await active.getByText("No alert is firing.").waitFor();
    const resolved = history.locator("tbody tr[data-alert]");
    await resolved.waitFor();
    assertEquals((await resolved.locator("td").allTextContents()).at(-2), "below threshold");

    // Edit, then delete.
    await rules.getByRole("button", { name: "Edit web cpu high" }).click();
    const edit = page.getByRole("form", { name: "Edit alert rule" });
    await edit.getByLabel("Threshold (%)").fill("60");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.waitFor({ state: "detached" });
    await rule.locator("td", { hasText: "60 %" }).waitFor();
    await rules.getByRole("button", { name: "Delete web cpu high" }).click();
    await page.locator("dialog[open]").getByRole("button", { name: "Delete" }).click();
    await rules.getByText("No alert rules yet.").waitFor();
  });
});

Deno.test("monitoring browser - insights of the host and VMs, per range; a VM's own", async () => {
  await withDemoServer(async (page, server) => {
    await seedHistory(server);
    await page.goto(`${server.url}/insights`);
    const report = await (await page.request.get(`${server.url}/api/insights?range=24h`))
      .json() as InsightReport;
    const idle = report.insights.find((i) => i.kind === "idle-vm" && i.vmId === WEB);
    assert(idle, `the API reports web idle: ${JSON.stringify(report.insights)}`);

    const group = page.locator(`section[aria-labelledby="insights-${WEB}"]`);
    await group.getByRole("heading", { name: "web", exact: true }).waitFor();
    const item = group.locator('li[data-kind="idle-vm"]');
    assertEquals(await item.locator("h3").textContent(), `Info ${idle.title}`);
    assertEquals(await item.locator("p").textContent(), idle.detail);
    assertEquals(await item.locator("dt").allTextContents(), [
      "Hours",
      "Avg CPU percent",
      "Max CPU percent",
      "Avg I/O bytes per second",
    ]);
    assertEquals(await item.locator("dd").first().textContent(), String(idle.evidence.hours));
    await page.getByText("1 VM with enough history").waitFor();

    // 7 days need 42 hours of history; there are 24.
    const week = page.waitForResponse((r) => r.url().endsWith("/api/insights?range=7d"));
    await page.getByRole("group", { name: "Range" }).getByRole("button", { name: "7d" }).click();
    assertEquals((await week).status(), 200);
    await page.getByText("No suggestions: not enough history yet or nothing to report").waitFor();
    assertMatch(page.url(), /\/insights\?range=7d$/);

    await page.goto(`${server.url}/vms/${WEB}`);
    const section = page.locator('section[aria-labelledby="insights-title"]');
    await section.locator('li[data-kind="idle-vm"]', { hasText: idle.title }).waitFor();
    assertEquals(await section.locator("h2").allTextContents(), ["Insights"]);
  });
});
