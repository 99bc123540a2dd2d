// Browser tier for the dashboard's new cards on the demo server (test driver: pool "default",
// VMs web, db, cache): the pool's usage bar and its link, a refused operation under "Last
// failures" linked to its task and its VM, and the grey memory meter of a guest without balloon
// statistics (the test driver reports no memory figures, so the collector's latest samples are
// given in process) in the busiest list and the VM list, on a phone without sideways scrolling.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { adminHeaders, vmId, withDemoServer } from "./support/browser_helpers.ts";
import { vmActionPath } from "../shared/api_paths.ts";
import type { VmSample } from "../lib/metrics/sampler.ts";
import type { Page } from "playwright-core";

const PHONE = { width: 390, height: 844 };

async function noSidewaysScroll(page: Page, what: string) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: globalThis.innerWidth,
  }));
  assert(scroll <= inner, `${what}: ${scroll} px wide in a ${inner} px window`);
}

Deno.test("dashboard browser - the pool's bar, a refused start under Last failures, linked to its task and VM", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    // web runs: starting it again is refused, a failed task of this host.
    const refused = await fetch(`${server.url}${vmActionPath(web, "start")}`, {
      method: "POST",
      headers: adminHeaders(server),
    });
    assertEquals(refused.status, 409);
    await refused.body?.cancel();

    await page.goto(`${server.url}/`);
    const pools = page.getByRole("region", { name: "Storage" });
    const pool = pools.locator('li[data-row="default"]');
    assertEquals(await pool.getByRole("meter", { name: "Usage of default" }).count(), 1);
    assertMatch(await pool.textContent() ?? "", /used of .* free\)/);

    const failures = page.getByRole("region", { name: "Last failures" });
    // The demo's paused "cache" (libvirt gives no reason: QEMU's internal error) leads, as a VM in
    // trouble with what to do; the refused start follows among the failed tasks.
    const trouble = failures.locator("li.dash-row").first();
    assertMatch(await trouble.textContent() ?? "", /^cachePaused: internal error/);
    const row = failures.locator("li.dash-row", { hasText: "Start web" });
    assertMatch(await row.textContent() ?? "", /Start web.*web: .*already running/);
    assertEquals(
      await row.getByRole("link", { name: "web", exact: true }).getAttribute("href"),
      `/vms/${web}`,
    );
    const busiest = page.getByRole("region", { name: "Busiest VMs" });
    await busiest.getByText("No running VM has been sampled yet.").waitFor();

    // The task's link opens its entry in the task log, highlighted.
    await row.getByRole("link", { name: "Start web" }).click();
    await page.waitForURL(/\/tasks#task-\d+$/);
    const entry = page.locator(`tr${new URL(page.url()).hash}`);
    await entry.waitFor();
    assertEquals(await entry.getAttribute("aria-current"), "true");

    await page.goto(`${server.url}/`);
    await page.getByRole("region", { name: "Storage" }).getByRole("link", { name: "default" })
      .click();
    await page.waitForURL(/\/storage\/default$/);

    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/`);
    await noSidewaysScroll(page, "dashboard on a phone");
  });
});

Deno.test("dashboard browser - memory without guest statistics is a grey meter in the busiest list and the VM list", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    const sample = (over: Partial<VmSample>): VmSample => ({
      vmId: web,
      name: "web",
      cpu: 42,
      memUsedMb: 1000,
      memTotalMb: 1024,
      diskRead: null,
      diskWrite: null,
      netRx: null,
      netTx: null,
      ...over,
    });
    const { collector } = server.ctx.monitoring;
    // The collector's last tick as a real guest without the balloon driver leaves it.
    let latest = new Map([[web, sample({ memNoGuestStats: true })]]);
    collector.latestVmSamples = () => latest;

    const grey = async (where: string) => {
      const meter = page.getByRole("meter", { name: "Memory assigned to web" });
      await meter.waitFor();
      const style = await meter.evaluate((m) => {
        const s = getComputedStyle(m);
        return { appearance: s.appearance, low: m.getAttribute("low") };
      });
      // No thresholds (nothing to turn it red) and the grey drawing of kit.css.
      assertEquals(style, { appearance: "none", low: null }, where);
    };

    await page.goto(`${server.url}/`);
    const busiest = page.getByRole("region", { name: "Busiest VMs" });
    await grey("dashboard");
    assertMatch(await busiest.textContent() ?? "", /97\.7%.*1 GiB assigned, no guest statistics/);
    assertEquals(
      await busiest.getByRole("meter", { name: "CPU use of web" }).getAttribute("value"),
      "42",
    );

    // Wide enough for the Memory use column (left out by default at 1280 px and below).
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.goto(`${server.url}/vms`);
    await grey("VM list");
    const cell = page.locator("tr", { hasText: "web" }).getByText("no guest statistics");
    await cell.waitFor();

    // With the guest's own figures the same 98 % is memory in use: thresholds, no note.
    latest = new Map([[web, sample({})]]);
    await page.reload();
    const used = page.getByRole("meter", { name: "Memory use of web" });
    await used.waitFor();
    assertEquals(await used.getAttribute("high"), "90");
    assertEquals(await page.getByText("no guest statistics").count(), 0);
  });
});
