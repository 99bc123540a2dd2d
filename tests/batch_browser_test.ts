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

const SEVEN = [
  { name: "old-1", runstate: 1 as const },
  { name: "old-2", runstate: 1 as const },
  { name: "old-3", runstate: 1 as const },
  { name: "old-4", runstate: 1 as const },
  { name: "new-1", runstate: 1 as const },
  { name: "new-2", runstate: 1 as const },
  { name: "new-3", runstate: 1 as const },
];

Deno.test("batch browser - select 4, filter to 3 others, select all shown: 3, named, and only they stop", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await page.locator("input[aria-label='Select all shown VMs']:not([disabled])").waitFor();
    for (const name of ["old-1", "old-2", "old-3", "old-4"]) {
      await page.getByLabel(`Select ${name}`, { exact: true }).check();
    }
    const bar = page.getByRole("region", { name: "Batch actions" });
    await bar.getByText("4 selected").waitFor();

    await page.getByLabel("Search", { exact: true }).fill("new");
    // The filter hid the 4: they are no longer selected, so nothing is.
    await page.getByText("3 of 7 VMs").waitFor();
    assertEquals(await bar.count(), 0, "no batch bar for a selection that is all hidden");
    await page.getByLabel("Select all shown VMs").check();
    await bar.getByText("3 selected").waitFor();

    await bar.getByRole("button", { name: "Force stop…" }).click();
    const dialog = page.getByRole("dialog", { name: "Force stop VMs" });
    await dialog.waitFor();
    assertEquals(
      (await dialog.locator(".confirm-targets").textContent())?.replace(/\s+/g, " ").trim(),
      "Cut the power of 3 VMs: new-1, new-2 and new-3? Unsaved data inside them is lost.",
    );
    await dialog.getByRole("button", { name: "Force stop 3 VMs" }).click();
    await bar.locator(".batch-results").waitFor();
    assertEquals(
      (await bar.locator(".batch-results p").textContent())?.trim(),
      "Force stop: 3 succeeded, 0 failed.",
    );
    assertEquals(
      (await bar.locator(".batch-results li").allTextContents()).sort(),
      ["new-1: done", "new-2: done", "new-3: done"],
    );
    const states = new Map((await server.ctx.vms.listVms()).map((vm) => [vm.name, vm.state]));
    for (const name of ["old-1", "old-2", "old-3", "old-4"]) {
      assertEquals(states.get(name), "running", `${name} was hidden and keeps running`);
    }
    for (const name of ["new-1", "new-2", "new-3"]) assertEquals(states.get(name), "stopped");
  }, SEVEN);
});

Deno.test("batch browser - a row's Reset and Force stop ask first, naming the VM", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await page.locator("input[aria-label='Select all shown VMs']:not([disabled])").waitFor();
    await page.getByRole("button", { name: "More actions for web" }).click();
    await page.getByRole("menuitem", { name: "Reset…" }).click();
    const reset = page.getByRole("dialog", { name: "Reset web" });
    await reset.waitFor();
    assertEquals(
      (await reset.locator(".confirm-targets").textContent())?.replace(/\s+/g, " ").trim(),
      "Reset web like a hardware reset button? Unsaved data inside it is lost.",
    );
    await reset.getByRole("button", { name: "Cancel" }).click();

    await page.getByRole("button", { name: "More actions for web" }).click();
    await page.getByRole("menuitem", { name: "Force stop…" }).click();
    const stop = page.getByRole("dialog", { name: "Force stop web" });
    await stop.waitFor();
    assertEquals((await server.ctx.vms.listVms()).find((v) => v.name === "web")?.state, "running");
    await stop.getByRole("button", { name: "Force stop" }).click();
    const row = page.locator("tr", { has: page.getByRole("link", { name: "web", exact: true }) });
    await row.getByText("Stopped").waitFor();
  });
});
