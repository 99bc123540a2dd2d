// Browser tier for batch actions in the VM list: select, run, and read each VM's result.

import { assert, assertEquals } from "./support/assert.ts";
import { withDemoServer } from "./support/browser_helpers.ts";

const FIVE = [
  { name: "b1", runstate: 5 as const },
  { name: "b2", runstate: 5 as const },
  { name: "b3", runstate: 1 as const },
  { name: "b4", runstate: 5 as const },
  { name: "b5", runstate: 5 as const },
];

Deno.test("batch browser - start 5 selected VMs: 4 start, the running one says why", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    const selectAll = page.getByLabel("Select all shown VMs");
    await page.locator("input[aria-label='Select all shown VMs']:not([disabled])").waitFor();
    await selectAll.check();
    const bar = page.getByRole("region", { name: "Batch actions" });
    await bar.getByText("5 selected").waitFor();
    await bar.getByRole("button", { name: "Start", exact: true }).click();
    const results = bar.locator(".batch-results");
    await results.waitFor();
    assertEquals(
      (await results.locator("p").textContent())?.trim(),
      "Start: 4 succeeded, 1 failed.",
    );
    assertEquals(
      await bar.locator(".batch-failed").textContent(),
      "b3: VM is already running",
    );
    assertEquals(await bar.locator(".batch-ok").count(), 4);
    // The rows follow the state events: every VM now shows Running.
    for (const name of ["b1", "b2", "b4", "b5"]) {
      const row = page.locator("tr", { has: page.getByRole("link", { name, exact: true }) });
      await row.getByText("Running").waitFor();
    }

    // Narrowing the selection to one VM and clearing it hides the bar's buttons.
    await bar.getByRole("button", { name: "Clear selection" }).click();
    assert(!(await selectAll.isChecked()), "select-all is cleared");
    await page.getByLabel("Select b2").check();
    await bar.getByText("1 selected").waitFor();
  }, FIVE);
});
