// Browser tier for several hosts: a second host added through the Hosts page, the switcher
// taking every page (and its islands' calls) to it, and the merged list of all hosts.

import { assert, assertEquals } from "./support/assert.ts";
import { writeTestNode } from "./support/test_node.ts";
import { withDemoServer } from "./support/browser_helpers.ts";

Deno.test("hosts browser - add a host, switch to it, act on its VM, see all hosts", async () => {
  const node = await writeTestNode([
    { name: "far-web", runstate: 5, vcpus: 1, memoryMb: 512 },
  ]);
  try {
    await withDemoServer(async (page, server) => {
      assertEquals((await page.goto(`${server.url}/hosts`))?.status(), 200);
      await page.locator("#host-name").waitFor();
      // A password in the URI is refused in the API's words, and nothing is added.
      await page.fill("#host-name", "Far");
      await page.fill("#host-uri", "qemu+ssh://root:secret@far/system");
      await page.getByRole("button", { name: "Add host" }).click();
      // The form's own notice (the toast repeats the words).
      await page.locator("#main").getByText("Put no password in the URI").waitFor();
      assertEquals(server.ctx.hosts.list().length, 1);

      await page.fill("#host-uri", node.uri);
      await page.getByRole("button", { name: "Add host" }).click();
      await page.locator("tr[data-host='far']").waitFor();
      // The connection comes up in the background; Refresh shows it.
      for (let i = 0; i < 50; i++) {
        await page.getByRole("button", { name: "Refresh" }).click();
        if (await page.locator("tr[data-host='far'] .host-up").count()) break;
        await page.waitForTimeout(100);
      }
      await page.locator("tr[data-host='far'] .host-up").waitFor();

      // The switcher (on pages from now on) takes the VM list to the other host as it is
      // changed; its Start goes there too.
      await page.goto(`${server.url}/vms`);
      await page.selectOption("select[name='host']", "far");
      await page.waitForURL(/\/vms\?host=far$/);
      await page.locator("meta[name='kvmm-host'][content='far']").waitFor({ state: "attached" });
      await page.getByRole("link", { name: "far-web" }).first().click();
      await page.waitForURL(/\/vms\/[^/?]+$/);
      const start = page.getByRole("button", { name: "Start", exact: true });
      await start.click();
      const far = server.ctx.hosts.get("far");
      for (let i = 0; i < 100; i++) {
        const vm = (await far.ctx.vms.listVms()).find((v) => v.name === "far-web");
        if (vm?.state === "running") break;
        await page.waitForTimeout(50);
      }
      assertEquals(
        (await far.ctx.vms.listVms()).find((v) => v.name === "far-web")?.state,
        "running",
        "started on the far host",
      );
      assertEquals(
        (await server.ctx.vms.listVms()).map((v) => v.name).includes("far-web"),
        false,
      );

      // All hosts: one table, each VM with its host.
      const streams: string[] = [];
      page.on("request", (r) => r.url().includes("/api/events") && streams.push(r.url()));
      await page.goto(`${server.url}/vms?host=all`);
      const rows = page.locator("table[aria-label='Virtual machines on all hosts'] tbody tr");
      await rows.first().waitFor();
      const hostsOf = await rows.evaluateAll((trs) =>
        trs.map((tr) => `${tr.getAttribute("data-host")}/${tr.getAttribute("data-vm")}`).sort()
      );
      assertEquals(hostsOf, ["far/far-web", "local/cache", "local/db", "local/web"]);
      const link = await page.locator("main").getByRole("link", { name: "far-web" })
        .getAttribute("href");
      assert(link?.endsWith("?host=far"), `${link}`);

      // A change on the far host shows live in the tree and the table, through one stream of
      // every host's events.
      const tree = page.locator(".sidebar a.tree-vm", { hasText: "far-web" });
      await tree.and(page.locator("[data-vm-state='running']")).waitFor();
      await page.evaluate(() => (globalThis as any).__noReload = true);
      const farWeb = (await far.ctx.vms.listVms()).find((v) => v.name === "far-web")!;
      await far.ctx.vms.vmAction(farWeb.id, "force-stop");
      await tree.and(page.locator("[data-vm-state='stopped']")).waitFor({ timeout: 10_000 });
      await page.locator("tr[data-host='far'][data-vm='far-web'] .badge", { hasText: "Stopped" })
        .waitFor({ timeout: 10_000 });
      assert(await page.evaluate(() => (globalThis as any).__noReload === true), "no reload");
      assertEquals(streams.map((u) => new URL(u).search), ["?host=all"]);
    });
  } finally {
    await node.remove();
  }
});
