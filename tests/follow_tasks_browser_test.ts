// Browser tier for pages that follow the end of tasks (issue 58): a VM's Summary, open while its
// VM is stopped and started by someone else (another tab, the API, a schedule), shows each end
// state without a reload — the header's state, the configuration's uptime — and no error.

import { assertEquals } from "./support/assert.ts";
import { adminHeaders, vmId, withDemoServer } from "./support/browser_helpers.ts";
import { vmActionPath } from "../shared/api_paths.ts";

Deno.test("follow tasks browser - a VM stopped and started elsewhere: its open page follows, no reload", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms/${web}`);
    const header = page.locator(".vm-header");
    const config = page.locator('section[aria-labelledby="config-title"]');
    await header.locator(".badge", { hasText: "Running" }).waitFor();
    // Hydrated (its power buttons work): the page follows events from here on.
    await header.getByRole("button", { name: "Shut down", exact: false }).and(
      page.locator(":enabled"),
    ).first().waitFor();
    const navigations: string[] = [];
    page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(f.url()));

    const act = async (action: string) => {
      const res = await fetch(`${server.url}${vmActionPath(web, action)}`, {
        method: "POST",
        headers: adminHeaders(server),
      });
      assertEquals(res.status, 200, await res.text());
    };
    await act("force-stop");
    await header.locator(".badge", { hasText: "Stopped" }).waitFor();
    await config.getByText("Uptime").waitFor({ state: "detached" });

    await act("start");
    await header.locator(".badge", { hasText: "Running" }).waitFor();
    // Started while the page was open: the server knows when, and the page shows it.
    await config.getByText("Uptime").waitFor();
    assertEquals(navigations, [], "no reload");
    assertEquals(await page.getByRole("alert").count(), 0, "no error shown");
  });
});
