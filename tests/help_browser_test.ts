// Browser tier for the dead ends of a single host (issue 58): the Cluster page without a cluster
// says what one needs and links the cluster guide, which the program serves itself; maintenance on
// the only host says what it can and cannot do and where to add a second; the user menu opens the
// guides.

import { assertEquals } from "./support/assert.ts";
import { withDemoServer } from "./support/browser_helpers.ts";

Deno.test("help browser - a single host's Cluster and maintenance say what they need; the guides are served", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/cluster`);
    const none = page.locator('[aria-labelledby="cluster-none-title"]');
    await none.getByText("It needs at least three hosts with pacemaker and corosync", {
      exact: false,
    })
      .waitFor();
    await none.getByRole("link", { name: "How to set one up: the cluster guide" }).click();
    await page.waitForURL(`${server.url}/help/cluster`);
    await page.getByRole("heading", { name: "What works today" }).waitFor();
    // A link between guides stays inside the program.
    await page.goto(`${server.url}/help/vms`);
    const limits = page.locator('article a[href^="/help/limits"]').first();
    await limits.click();
    await page.waitForURL(/\/help\/limits(#.*)?$/);
    await page.getByRole("heading", { name: "Known limits", level: 1 }).waitFor();

    await page.goto(`${server.url}/hosts`);
    const maintenance = page.locator('[aria-labelledby="maintenance-title"]');
    await maintenance.getByText("This is the only host KVM Manager manages", { exact: false })
      .waitFor();
    assertEquals(
      await maintenance.getByRole("link", { name: "Add a host" }).getAttribute("href"),
      "/hosts#host-name",
    );

    await page.locator("#user-menu-button").click();
    await page.locator("#help-link").click();
    await page.waitForURL(`${server.url}/help`);
    await page.getByRole("link", { name: "Known limits" }).waitFor();
  });
});
