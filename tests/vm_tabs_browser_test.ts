// Browser tier of the object tabs (issue 23 item 3): every VM tab is its own server-rendered URL
// that marks itself current, fits a phone; the power control is one primary button plus a
// keyboard-driven More menu whose Reset asks first, naming the VM; pools and networks have tab
// URLs too, and a pool table's row actions are reachable without scrolling the page sideways.

import type { Page } from "playwright-core";
import { assert, assertEquals } from "./support/assert.ts";
import { signIn, vmId, withDemoServer } from "./support/browser_helpers.ts";

/** Each VM tab: its path under /vms/:id, its label, and a heading only it shows. */
const VM_TABS = [
  { path: "", label: "Summary", heading: "Configuration" },
  { path: "/console", label: "Console", heading: null },
  { path: "/hardware", label: "Hardware", heading: "Disks" },
  { path: "/snapshots", label: "Snapshots", heading: "Snapshots" },
  { path: "/backups", label: "Backups", heading: "Backups" },
  { path: "/firewall", label: "Firewall", heading: "Firewall" },
  { path: "/policy", label: "Policy", heading: "Policy" },
  { path: "/advanced", label: "Advanced", heading: "Domain XML" },
];

const HEADINGS = VM_TABS.flatMap((t) => t.heading ? [t.heading] : []);

const pageScrolls = (page: Page) =>
  page.evaluate(() => document.scrollingElement!.scrollWidth > innerWidth);

Deno.test("vm tabs browser - every tab is its own URL, rendered without JavaScript, current in the bar", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    const context = await page.context().browser()!.newContext({ javaScriptEnabled: false });
    try {
      const plain = await context.newPage();
      await signIn(plain, server);
      for (const tab of VM_TABS) {
        const url = `${server.url}/vms/${web}${tab.path}`;
        assertEquals((await plain.goto(url))?.status(), 200, `GET ${url}`);
        const bar = plain.getByRole("navigation", { name: "web sections" });
        assertEquals(await bar.getByRole("link").count(), VM_TABS.length, "every tab in the bar");
        const current = bar.locator('a[aria-current="page"]');
        assertEquals(await current.allTextContents(), [tab.label], `${tab.label} is current`);
        // The header is on every tab: the name and the live state, from the server.
        await plain.getByRole("heading", { name: "web", level: 1 }).waitFor();
        await plain.getByRole("toolbar", { name: "VM actions" })
          .getByRole("button", { name: "Shut down" }).waitFor();
        // The tab's own content is in the HTML; the other tabs' is not.
        for (const h of HEADINGS) {
          const count = await plain.getByRole("heading", { name: h, exact: true }).count();
          assertEquals(count > 0, h === tab.heading, `${h} on ${tab.label}`);
        }
      }
      // The console tab: the graphical console, with a switch to the serial one.
      await plain.goto(`${server.url}/vms/${web}/console`);
      const consoles = plain.getByRole("navigation", { name: "Console type" });
      assertEquals(
        await consoles.locator('a[aria-current="page"]').allTextContents(),
        ["Graphical console"],
      );
      await consoles.getByRole("link", { name: "Serial console" }).click();
      await plain.waitForURL(`${server.url}/vms/${web}/serial`);
      assertEquals(
        await plain.getByRole("navigation", { name: "web sections" })
          .locator('a[aria-current="page"]').allTextContents(),
        ["Console"],
      );
    } finally {
      await context.close();
    }
  });
});

Deno.test("vm tabs browser - no tab scrolls the page sideways on a phone", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await page.setViewportSize({ width: 390, height: 844 });
    for (const tab of VM_TABS) {
      await page.goto(`${server.url}/vms/${web}${tab.path}`);
      await page.locator('[data-island="VmActions"][data-hydrated]').or(
        page.locator(".vm-header .actions button.button-primary:not([disabled])"),
      ).first().waitFor();
      assert(!await pageScrolls(page), `${tab.label} fits 390 px`);
      // The tab bar scrolls inside itself to reach its last tab.
      const last = page.getByRole("navigation", { name: "web sections" })
        .getByRole("link", { name: "Advanced" });
      await last.scrollIntoViewIfNeeded();
      assert(await last.isVisible(), "the last tab is reachable");
      assert(!await pageScrolls(page), `${tab.label} still fits after scrolling the bar`);
    }
  });
});

Deno.test("vm tabs browser - Reset asks first, naming the VM; Cancel does nothing", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    const posts: string[] = [];
    page.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
    await page.goto(`${server.url}/vms/${web}/hardware`);
    const toolbar = page.getByRole("toolbar", { name: "VM actions" });
    await toolbar.getByRole("button", { name: "More power actions" })
      .and(page.locator(":enabled")).click();
    await page.getByRole("menuitem", { name: "Reset" }).click();
    const dialog = page.getByRole("dialog", { name: "Reset web" });
    await dialog.getByText(
      "Reset web? The guest is restarted without shutting down; unsaved data is lost.",
    ).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.waitForTimeout(300);
    assertEquals(posts.filter((u) => u.includes("/reset")), [], "nothing was reset");
    assertEquals((await server.ctx.vms.getVm(web)).state, "running");

    // Confirmed, it resets.
    await toolbar.getByRole("button", { name: "More power actions" }).click();
    await page.getByRole("menuitem", { name: "Reset" }).click();
    const reset = page.waitForResponse((r) => r.url().endsWith(`/api/vms/${web}/reset`));
    await dialog.getByRole("button", { name: "Reset" }).click();
    assertEquals((await reset).status(), 200);
  });
});

Deno.test("vm tabs browser - the More menu works with the keyboard", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms/${web}`);
    const more = page.getByRole("button", { name: "More power actions" });
    await more.and(page.locator(":enabled")).focus();
    assertEquals(await more.getAttribute("aria-haspopup"), "menu");
    await page.keyboard.press("ArrowDown");
    const menu = page.getByRole("menu");
    await menu.waitFor();
    assertEquals(await more.getAttribute("aria-expanded"), "true");
    const focusOn = (label: string) =>
      page.waitForFunction((l) => document.activeElement?.textContent?.trim() === l, label);
    await focusOn("Reboot");
    await page.keyboard.press("ArrowDown");
    await focusOn("Reset");
    await page.keyboard.press("End");
    await focusOn("Pause");
    await page.keyboard.press("ArrowDown");
    await focusOn("Reboot"); // arrows wrap
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "hidden" });
    assertEquals(await more.evaluate((el) => el === document.activeElement), true, "focus back");

    // Pause from the keyboard: the primary button becomes Resume.
    await page.keyboard.press("ArrowUp");
    await focusOn("Pause");
    await page.keyboard.press("Enter");
    const toolbar = page.getByRole("toolbar", { name: "VM actions" });
    await toolbar.getByRole("button", { name: "Resume" }).and(page.locator(".button-primary"))
      .waitFor();
    await page.locator(".vm-header .badge", { hasText: "Paused" }).waitFor();
  });
});

Deno.test("vm tabs browser - pools and networks have tab URLs", async () => {
  await withDemoServer(async (page, server) => {
    const current = (label: string) =>
      page.getByRole("navigation", { name: label }).locator('a[aria-current="page"]')
        .allTextContents();

    await page.goto(`${server.url}/storage/default`);
    assertEquals(await current("default sections"), ["Volumes"]);
    await page.locator('tr[data-volume="web.qcow2"]').waitFor();
    await page.getByRole("link", { name: "Details" }).click();
    await page.waitForURL(`${server.url}/storage/default/details`);
    assertEquals(await current("default sections"), ["Details"]);
    await page.getByRole("heading", { name: "Pool", exact: true }).waitFor();
    assertEquals(await page.locator("tr[data-volume]").count(), 0, "no volumes on Details");

    // "default" is an isolated network: no Port forwards tab in its bar, and its URL says why.
    const tabs = [
      ["", "Overview", "Network"],
      ["/dhcp", "DHCP & hosts", "DHCP range"],
      ["/leases", "Leases", "DHCP leases"],
    ];
    for (const [path, label, heading] of tabs) {
      const res = await page.goto(`${server.url}/networks/default${path}`);
      assertEquals(res?.status(), 200);
      assertEquals(await current("default sections"), [label]);
      assertEquals(
        await page.getByRole("navigation", { name: "default sections" }).getByRole("link")
          .allTextContents(),
        tabs.map((t) => t[1]),
      );
      await page.getByRole("heading", { name: heading, exact: true }).waitFor();
      // The header with its actions is on every tab.
      await page.getByRole("toolbar", { name: "Network actions" }).waitFor();
    }
    await page.goto(`${server.url}/networks/default/forwards`);
    assertEquals(await current("default sections"), ["Port forwards"]);
    await page.getByText("Port forwards are for NAT networks; this one is not.").waitFor();
  });
});

Deno.test("vm tabs browser - pool tables' row actions are reachable at 1280 without scrolling the page", async () => {
  await withDemoServer(async (page, server) => {
    for (const [path, button] of [["/storage", "Delete"], ["/storage/default", "Delete"]]) {
      await page.goto(`${server.url}${path}`);
      // A body row's actions (the header's actions cell is a hidden label only).
      const action = page.locator("tbody .row-actions").first().getByRole("button", {
        name: button,
      });
      await action.and(page.locator(":enabled")).waitFor();
      assert(!await pageScrolls(page), `${path}: the page does not scroll sideways`);
      const box = (await action.boundingBox())!;
      // The kit's scrollers: DataTable's wrapper or TableScroll.
      const scroller = (await page.locator(".data-table-wrap, .table-scroll", { has: action })
        .boundingBox())!;
      assert(
        box.x + box.width <= scroller.x + scroller.width + 1,
        `${path}: ${button} is in view (${box.x + box.width} ≤ ${scroller.x + scroller.width})`,
      );
    }
  });
});
