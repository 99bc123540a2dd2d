// Browser tier for anti-spoofing in the create wizard, on the demo: the choice sits under the
// network, shows on the review, goes out with the request, and is this browser's default for the
// next new VM. The demo's test driver has no network filters: libvirt's refusal is shown on the
// review, and nothing is made (routes/api/vms_create_spoofing_test.ts; real libvirtd:
// tests/qemu_create_test.ts).

import type { Page } from "playwright-core";
import { assertEquals, assertMatch } from "./support/assert.ts";
import { withDemoServer } from "./support/browser_helpers.ts";

const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true });
const choice = (page: Page) =>
  page.getByLabel("Anti-spoofing: the VM cannot send from other MAC or IP addresses");

Deno.test("wizard spoofing browser - chosen under the network, sent, remembered as the default", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms/new`);
    await page.locator("#wiz-name:enabled").waitFor();
    await page.fill("#wiz-name", "guarded");
    await next(page).click();
    await next(page).click();
    await page.fill("#wiz-disk-size", "1 GiB");
    await next(page).click();

    // Off until chosen; no network, no choice.
    assertEquals(await choice(page).isChecked(), false);
    await page.selectOption("#wiz-network", "");
    assertEquals(await choice(page).count(), 0);
    await page.selectOption("#wiz-network", "default");
    await choice(page).check();
    await next(page).click();
    await page.getByText("The host accepts this configuration.").waitFor();
    assertMatch(await page.textContent(".summary") ?? "", /default · anti-spoofing/);

    const sent = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/vms"));
    await page.getByRole("button", { name: "Create VM" }).click();
    assertEquals((await sent).postDataJSON().antiSpoofing, true);
    await page.getByText(/^Failed to set up anti-spoofing: .*not supported/).waitFor();

    // The next new VM in this browser starts with it chosen.
    await page.goto(`${server.url}/vms/new`);
    await page.locator("#wiz-name:enabled").waitFor();
    await page.fill("#wiz-name", "guarded2");
    await next(page).click();
    await next(page).click();
    await next(page).click();
    await choice(page).and(page.locator(":checked")).waitFor();
  });
});
