// Browser tier for changes waiting for a running VM's next boot, on a test-driver node (which
// keeps a running domain's definition apart from what runs, as QEMU's driver does): a vCPU
// change stays in sight after a reload, in the header, the list, Summary and Hardware, until
// "Apply (shut down and start)" power-cycles the VM.

import type { Page } from "playwright-core";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { withDemoServer } from "./support/browser_helpers.ts";

// tests/support/test_node.ts numbers the default domains web (running, 2 vCPUs), db, cache.
const WEB = "6b5a6f1e-0000-4000-8000-000000000001";

const resources = (page: Page) => page.locator('form[aria-labelledby="resources-title"]');
const header = (page: Page) => page.locator(".vm-header");

/** Reloads `url` until `check` holds (the list's flag is compared in the background). */
async function reloadUntil(page: Page, url: string, check: () => Promise<boolean>) {
  const end = Date.now() + 10_000;
  for (;;) {
    await page.goto(url);
    if (await check()) return;
    assert(Date.now() < end, `not shown at ${url} in time`);
    await page.waitForTimeout(200);
  }
}

Deno.test("pending browser - a running VM's changed vCPUs show Changes pending after a reload, until applied", async () => {
  await withDemoServer(async (page, server) => {
    const hardware = `${server.url}/vms/${WEB}/hardware`;
    await page.goto(hardware);
    await resources(page).locator('button[type="submit"]:not([disabled])').waitFor();
    assertEquals(await header(page).getByText("Changes pending").count(), 0);
    await resources(page).getByLabel("vCPUs").fill("4");
    await resources(page).getByRole("button", { name: "Save" }).click();
    assertMatch(
      await resources(page).locator(".note-success").textContent() ?? "",
      /vCPUs: applies at next boot/,
    );
    // Without a reload the header follows the Hardware tab's re-read.
    await header(page).getByText("Changes pending").waitFor();

    // After a reload: the header's badge, the field with what the next boot has and what runs.
    await page.reload();
    await resources(page).locator('button[type="submit"]:not([disabled])').waitFor();
    await header(page).getByText("Changes pending").waitFor();
    assertEquals(await resources(page).getByLabel("vCPUs").inputValue(), "4");
    await resources(page).getByText("Runs with 2 now; this applies at the next boot.").waitFor();
    const card = page.locator(".pending-card");
    assertMatch(await card.textContent() ?? "", /vCPUs: 2 → 4/);

    // Summary: old → new beside the value.
    await page.goto(`${server.url}/vms/${WEB}`);
    const config = page.locator('section[aria-labelledby="config-title"]');
    assertMatch(await config.textContent() ?? "", /vCPUs2 → 4 at next boot/);
    await header(page).getByText("Changes pending").waitFor();

    // The list's row.
    const row = () => page.locator("tr", { has: page.locator(`a[data-vm-screen="${WEB}"]`) });
    await reloadUntil(
      page,
      `${server.url}/vms`,
      async () => await row().getByText("Changes pending").count() === 1,
    );
    const db = page.locator("tr", { has: page.getByRole("link", { name: "db", exact: true }) });
    assertEquals(await db.getByText("Changes pending").count(), 0);

    // Apply: asked first, naming what applies and what a reboot would not do.
    await page.goto(`${server.url}/vms/${WEB}`);
    await header(page).getByRole("button", { name: "Apply (shut down and start)…" })
      .and(page.locator(":enabled")).click();
    const dialog = page.getByRole("dialog", { name: "Apply pending changes" });
    assertMatch(await dialog.textContent() ?? "", /A reboot would not apply them.*vCPUs: 2 → 4/s);
    await dialog.getByRole("button", { name: "Shut down and start" }).click();
    await header(page).locator(".badge-pending").waitFor({ state: "detached" });
    // The end state without a reload: the "Shutting down web …" note goes with the apply's task
    // (on the test driver that is at once), Summary shows the new vCPUs, the VM runs, and
    // nothing says an error.
    await header(page).getByText(/Shutting down web/).waitFor({ state: "detached" });
    await page.waitForFunction(() =>
      /vCPUs4Memory/.test(
        document.querySelector('[aria-labelledby="config-title"]')?.textContent ?? "",
      )
    );
    await header(page).locator(".badge", { hasText: "Running" }).waitFor();
    assertEquals(await page.getByRole("alert").count(), 0, "no error shown");
    await page.reload();
    assertMatch(await config.textContent() ?? "", /vCPUs4Memory/);
    assertEquals(await header(page).getByText("Changes pending").count(), 0);
    assertEquals(await page.locator(".badge", { hasText: "Running" }).count(), 1);
  });
});
