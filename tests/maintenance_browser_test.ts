// Browser tier of the Maintenance card on /hosts: the plan shows where each VM would go (a
// destination picked in its row), entering marks the host (badge, host list, resource tree)
// and leaving is one click. Screenshots of the card at phone and wide widths, light and dark,
// go to $KVMM_SHOTS when it is set. Real moves: tests/qemu_maintenance_test.ts.

import { assertEquals } from "./support/assert.ts";
import { writeTestNode } from "./support/test_node.ts";
import { withDemoServer } from "./support/browser_helpers.ts";

const SHOTS = Deno.env.get("KVMM_SHOTS");

Deno.test("maintenance browser - plan, enter (host marked everywhere), leave in one click", async () => {
  const node = await writeTestNode([{ name: "far-web", runstate: 1, vcpus: 1, memoryMb: 512 }]);
  try {
    await withDemoServer(async (page, server) => {
      server.ctx.hosts.add({ name: "Far", uri: node.uri });
      for (let i = 0; i < 100 && !server.ctx.hosts.status("far").connected; i++) {
        await page.waitForTimeout(20);
      }
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${server.url}/hosts`);
      const card = page.getByRole("region", { name: "Maintenance", exact: true });
      await card.getByText("is in service.").waitFor();
      await card.getByRole("button", { name: "Plan moves" }).click();
      const plan = card.getByRole("table", { name: "Maintenance plan" });
      await plan.waitFor();
      // Running and paused VMs move live to the only other host; the stopped one stays.
      const web = plan.locator("tr", { hasText: "web" });
      await web.getByText("→ Far").waitFor();
      assertEquals(
        await plan.locator("tr", { hasText: "db" }).getByText("Stays on this host").count(),
        1,
      );
      await web.getByLabel("Destination of web").selectOption("far");
      await web.getByText("→ Far").waitFor();

      const shoot = async (state: string, ready: () => Promise<unknown>) => {
        if (!SHOTS) return;
        for (const width of [390, 1280, 1920]) {
          for (const scheme of ["light", "dark"] as const) {
            await page.setViewportSize({ width, height: 900 });
            await page.emulateMedia({ colorScheme: scheme });
            await ready();
            await card.screenshot({ path: `${SHOTS}/maintenance-${state}-${width}-${scheme}.png` });
          }
        }
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.emulateMedia({ colorScheme: "light" });
      };
      await shoot("plan", () => plan.waitFor());

      // The test driver cannot migrate: with nothing running, entering moves nothing.
      for (const vm of await server.ctx.vms.listVms()) {
        if (vm.state !== "stopped") await server.ctx.vms.vmAction(vm.id, "force-stop");
      }
      await page.reload();
      await card.getByRole("button", { name: "Enter maintenance" }).click();
      await card.getByText("In maintenance", { exact: true }).waitFor();
      await card.getByRole("button", { name: "Leave maintenance" }).waitFor();
      assertEquals(server.ctx.maintenance.isIn("local"), true);
      await page.reload();
      await page.locator("tr[data-host='local']").getByText("In maintenance", { exact: true })
        .waitFor();
      await page.locator(".sidebar").getByText("(maintenance)").first().waitFor();
      await shoot(
        "active",
        () => card.getByRole("button", { name: "Leave maintenance" }).waitFor(),
      );

      await card.getByRole("button", { name: "Leave maintenance" }).click();
      await card.getByText("is in service.").waitFor();
      assertEquals(server.ctx.maintenance.isIn("local"), false);
      assertEquals(errors, [], "no uncaught errors in the page");
    });
  } finally {
    await node.remove();
  }
});
