// The screen and keyboard in Chromium on the demo (libvirt's test driver, whose screenshot is a
// fixed 1120×832 picture): the Summary's Screen card, the peek on a VM link in the list and the
// tree, the console's Send key menu, and none of it for a viewer, who asks for no screenshot.

import type { Page } from "playwright-core";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { vmId, withDemoServer } from "./support/browser_helpers.ts";

/** The screenshot requests the page makes from now on. */
function screenshotRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (req) => {
    if (/\/screenshot(\?|$)/.test(new URL(req.url()).pathname + "?")) seen.push(req.url());
  });
  return seen;
}

Deno.test("screen browser - the Summary shows a running VM's screen, a stopped one says why", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms/${web}`);
    const card = page.locator(".screen-card");
    const img = card.getByRole("img", { name: "The screen of web" });
    await img.waitFor();
    await page.waitForFunction(() =>
      (document.querySelector(".screen-card img") as HTMLImageElement | null)?.naturalWidth === 480
    );
    const size = await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight]);
    assertEquals(size, [480, 357], "shrunk to 480 wide, the aspect kept");
    assertEquals(
      await card.getByRole("link", { name: "Open console" }).getAttribute("href"),
      `/vms/${web}/console`,
    );

    const db = await vmId(server, "db");
    const asked = screenshotRequests(page);
    await page.goto(`${server.url}/vms/${db}`);
    await page.locator(".screen-card", { hasText: "The screen shows while the VM runs." })
      .waitFor();
    await page.waitForTimeout(500);
    assertEquals(asked, [], "nothing asked for a stopped VM");
  });
});

Deno.test("screen browser - resting on a running VM's link in the list or the tree shows a peek; passing over asks nothing", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms`);
    const asked = screenshotRequests(page);
    const row = page.locator(`tr[data-vm-id="${web}"]`);
    await row.waitFor();
    const peek = page.locator(".screen-peek");

    // A pointer crossing the link without resting asks for nothing.
    const link = row.getByRole("link", { name: "web" });
    await link.hover();
    await page.mouse.move(5, 5);
    await page.waitForTimeout(600);
    assertEquals(asked.length, 0, "passing over asks nothing");
    assert(await peek.isHidden());

    await link.hover();
    await peek.waitFor({ state: "visible" });
    const shown = await peek.locator("img").evaluate((el: HTMLImageElement) => el.naturalWidth);
    assertEquals(shown, 240);
    assertEquals(asked.length, 1);
    // Away and back within 10 s: the same image, not another request.
    await page.mouse.move(5, 5);
    await peek.waitFor({ state: "hidden" });
    await link.hover();
    await peek.waitFor({ state: "visible" });
    assertEquals(asked.length, 1, "kept for 10 s");

    // A stopped VM has no screen to peek at.
    await page.mouse.move(5, 5);
    await peek.waitFor({ state: "hidden" });
    const dbRow = page.locator(`tr[data-vm-id="${await vmId(server, "db")}"]`);
    await dbRow.getByRole("link", { name: "db" }).hover();
    await page.waitForTimeout(600);
    assert(await peek.isHidden());

    // The resource tree's link peeks too (the tree shows this host's VMs).
    await page.mouse.move(5, 5);
    const treeLink = page.locator(`.tree-vm[data-vm-screen="${web}"]`);
    if (!await treeLink.isVisible()) {
      await page.locator(".tree-toggle").first().click();
    }
    await treeLink.hover();
    await peek.waitFor({ state: "visible" });
    const box = await peek.boundingBox();
    const linkBox = await treeLink.boundingBox();
    assert(box && linkBox && box.y >= linkBox.y + linkBox.height - 1, "under the link");
  });
});

Deno.test("screen browser - the console's Send key menu presses the keys and says so", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms/${web}/console`);
    await page.getByRole("button", { name: "Send key" }).click();
    const items = await page.getByRole("menuitem").allTextContents();
    assertEquals(items.slice(0, 5), [
      "Ctrl+Alt+Del",
      "Ctrl+Alt+Backspace",
      "PrintScreen",
      "Alt+Tab",
      "Esc",
    ]);
    assert(items.includes("Ctrl+Alt+F12"), items.join(", "));
    assert(items.includes("Alt+SysRq+B (reboot at once)"), items.join(", "));
    await page.getByRole("menuitem", { name: "Ctrl+Alt+F2" }).click();
    await page.getByText("Sent Ctrl+Alt+F2").waitFor();
    server.ctx.audit.flush();
    const [entry] = server.ctx.audit.query({ action: "vm.send-key" }).entries;
    assertEquals(entry?.target, web);
  });
});

Deno.test("screen browser - a viewer gets no Screen card and no peek, and asks for no screenshot", async () => {
  await withDemoServer(
    async (page, server) => {
      const asked = screenshotRequests(page);
      const web = await vmId(server, "web");
      await page.goto(`${server.url}/vms/${web}`);
      await page.locator(".summary-grid").waitFor();
      await page.waitForTimeout(800);
      assertEquals(await page.locator(".screen-card").count(), 0);
      await page.goto(`${server.url}/vms`);
      await page.locator(`tr[data-vm-id="${web}"]`).getByRole("link", { name: "web" }).hover();
      await page.waitForTimeout(800);
      assert(await page.locator(".screen-peek").isHidden());
      assertEquals(asked, []);
      assertMatch(await page.textContent("body") ?? "", /web/);
    },
    undefined,
    { signInAs: { role: "viewer" } },
  );
});
