// Browser tier for Windows readiness in the create wizard (issue 47), on the demo: picking
// Windows 11 fills the disk bus from the driver CDs found (none in the demo's pool: SATA), and the
// review says what was chosen and why, with the host check's warning that this host has no TPM
// or Secure Boot for it; the request names no driver CD. The words' unit tests are
// islands/wizard/windows_test.ts; the definitions, routes/api/vms_windows_test.ts and
// tests/qemu_windows_test.ts.

import type { Page } from "playwright-core";
import { assertEquals } from "./support/assert.ts";
import { withDemoServer } from "./support/browser_helpers.ts";

const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true });

/** The wizard walked to the review with Windows 11 chosen. */
export async function windows11Review(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/vms/new`);
  await page.locator("#wiz-name:enabled").waitFor();
  await page.fill("#wiz-name", "win11");
  await next(page).click();
  await page.fill("#wiz-variant-search", "windows 11");
  await page.selectOption("#wiz-variant", "win11");
  // No driver CD in the demo's pool: none is offered, and the hint says how to add one.
  await page.getByText("No virtio driver CD in any pool: add virtio-win.iso to a pool").waitFor();
  await next(page).click();
  await next(page).click();
  await next(page).click();
  await page.locator("[data-summary=windows]").waitFor();
}

Deno.test("wizard windows browser - the review of Windows 11 says what was chosen and why", async () => {
  await withDemoServer(async (page, server) => {
    await windows11Review(page, server.url);
    const notes = await page.locator("[data-summary=windows] li").allTextContents();
    assertEquals(notes, [
      "Hyper-V enlightenments: on — Windows runs faster with them",
      "Clock in local time with Hyper-V's clock — as Windows keeps it",
      "Disk on SATA, network on e1000e — no virtio driver CD found in any pool; add virtio-win.iso to a pool to use faster virtio disks",
    ]);
    await page.getByText(
      "Microsoft Windows 11 requires TPM 2.0 and Secure Boot: its installer refuses a VM without them",
    ).waitFor();

    const sent = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/vms"));
    await page.getByRole("button", { name: "Create VM" }).click();
    const body = (await sent).postDataJSON();
    assertEquals([body.osVariant, body.diskBus, body.windows], ["win11", "sata", {
      virtioDrivers: null,
    }]);
  });
});
