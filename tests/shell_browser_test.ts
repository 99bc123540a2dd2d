// Browser tier for the application shell: skip link, the side navigation's resource tree, the
// drawer and user menu on a phone, the HTML page for unknown paths and the demo banner's URI.

import type { Page } from "playwright-core";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { apiAnswer, signIn, vmId, withDemoServer } from "./support/browser_helpers.ts";
import { vmActionPath } from "../shared/api_paths.ts";

const PHONE = { width: 390, height: 844 };

/** The tree's link of a VM (its accessible name is the VM's name and state). */
const treeVm = (page: Page, name: string) =>
  page.locator(".sidebar a.tree-vm", { has: page.locator(".tree-vm-name", { hasText: name }) });

async function noSidewaysScroll(page: Page, what: string) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: globalThis.innerWidth,
  }));
  assert(scroll <= inner, `${what}: ${scroll} px wide in a ${inner} px window`);
}

Deno.test("shell browser - the skip link is the first Tab stop and moves focus to main", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await page.keyboard.press("Tab");
    assertEquals(
      await page.evaluate(() => document.activeElement?.textContent),
      "Skip to content",
    );
    assert(await page.getByRole("link", { name: "Skip to content" }).isVisible(), "shown on focus");
    await page.keyboard.press("Enter");
    assertEquals(await page.evaluate(() => document.activeElement?.id), "main");
    assertEquals(await page.evaluate(() => document.activeElement?.tagName), "MAIN");
  });
});

Deno.test("shell browser - a phone: no sideways scroll, the drawer opens, Sign out is reachable", async () => {
  await withDemoServer(async (page, server) => {
    await page.setViewportSize(PHONE);
    const web = await vmId(server, "web");
    for (const path of ["/", "/vms", `/vms/${web}`]) {
      await page.goto(`${server.url}${path}`);
      await page.locator("main h1").first().waitFor();
      await noSidewaysScroll(page, path);
    }

    const menu = page.getByRole("button", { name: "Navigation" });
    const sidebar = page.locator("#sidebar");
    assertEquals(await menu.getAttribute("aria-expanded"), "false");
    assert(!await sidebar.isVisible(), "the drawer starts closed");
    await menu.click();
    assertEquals(await menu.getAttribute("aria-expanded"), "true");
    await sidebar.getByRole("link", { name: "Virtual machines" }).waitFor();
    await treeVm(page, "db").waitFor();
    // Escape closes it and gives focus back to the button.
    await page.keyboard.press("Escape");
    await sidebar.waitFor({ state: "hidden" });
    assertEquals(await page.evaluate(() => document.activeElement?.id), "menu-button");
    // A link in it closes it as it goes.
    await menu.click();
    await sidebar.getByRole("link", { name: "Templates" }).click();
    await page.waitForURL(/\/templates$/);
    await noSidewaysScroll(page, "/templates");

    // On a phone the user menu is in the drawer.
    await menu.click();
    const user = sidebar.getByRole("button", { name: /root/ });
    await user.click();
    const signOut = page.getByRole("button", { name: "Sign out" });
    assert(await signOut.isVisible(), "Sign out in the user menu");
    const box = (await signOut.boundingBox())!;
    assert(box.x >= 0 && box.x + box.width <= PHONE.width, `Sign out on screen: ${box.x}`);
  });
});

Deno.test("shell browser - a phone: Tab goes round the open drawer; without JavaScript the navigation stands above the content", async () => {
  await withDemoServer(async (page, server) => {
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/vms`);
    const menu = page.getByRole("button", { name: "Navigation" });
    await menu.click();
    const sidebar = page.locator("#sidebar");
    await sidebar.getByRole("link", { name: "Virtual machines" }).waitFor();
    // However far Tab and Shift+Tab go, the focus stays in the drawer or on its button.
    const inDrawer = () =>
      page.evaluate(() =>
        document.activeElement?.id === "menu-button" ||
        !!document.activeElement?.closest("#sidebar")
      );
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      assert(await inDrawer(), `Tab ${i + 1} left the drawer`);
    }
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Shift+Tab");
      assert(await inDrawer(), `Shift+Tab ${i + 1} left the drawer`);
    }

    const noScript = await page.context().browser()!.newContext({
      javaScriptEnabled: false,
      viewport: PHONE,
    });
    try {
      const plain = await noScript.newPage();
      await signIn(plain, server);
      await plain.goto(`${server.url}/vms`);
      const nav = plain.locator("#sidebar");
      assert(await nav.getByRole("link", { name: "Templates" }).isVisible(), "links shown");
      assert(!await plain.locator("#menu-button").isVisible(), "no button that does nothing");
      const navBox = (await nav.boundingBox())!;
      const mainBox = (await plain.locator("main").boundingBox())!;
      assert(navBox.y + navBox.height <= mainBox.y + 1, "the navigation stands above the content");
      await noSidewaysScroll(plain, "/vms without JavaScript");
    } finally {
      await noScript.close();
    }
  });
});

Deno.test("shell browser - the tree lists VMs with their state, filters, opens one, follows events", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/`);
    const tree = page.locator(".sidebar .tree");
    await treeVm(page, "web").waitFor();
    const states = await tree.locator("a.tree-vm").evaluateAll((links) =>
      links.map((a) => `${a.querySelector(".tree-vm-name")?.textContent}:${a.textContent}`)
    );
    assertEquals(states, [
      // The demo's test driver loads its paused VM with the reason "unknown": a pause QEMU made.
      "cache:❚❚cache(paused)!Paused: internal error",
      "db:■db(stopped)",
      "web:▶web(running)",
    ]);
    assertEquals(await page.getByRole("link", { name: "web (running)" }).count(), 1);

    await tree.getByRole("searchbox", { name: "Filter VMs by name" }).fill("WE");
    await page.waitForFunction(() => document.querySelectorAll(".sidebar a.tree-vm").length === 1);
    await treeVm(page, "web").click();
    const web = await vmId(server, "web");
    await page.waitForURL(new RegExp(`/vms/${web}$`));
    assertEquals(await treeVm(page, "web").getAttribute("aria-current"), "page");

    // Started through the API (not this page), the tree shows it running without a reload.
    await page.evaluate(() => (globalThis as any).__noReload = true);
    const db = await vmId(server, "db");
    assertEquals((await apiAnswer(page, "POST", vmActionPath(db, "start"))).status, 200);
    await page.locator(".sidebar a.tree-vm[data-vm-state='running']", { hasText: "db" })
      .waitFor({ timeout: 10_000 });
    assert(await page.evaluate(() => (globalThis as any).__noReload === true), "no reload");

    // Storage opens to the host's pools.
    await page.getByRole("button", { name: /^Storage of .*: show each$/ }).click();
    await page.locator(".sidebar").getByRole("link", { name: "default", exact: true }).waitFor();
  });
});

Deno.test("shell browser - an unknown page is an HTML page with the way home; the API stays JSON", async () => {
  await withDemoServer(async (page, server) => {
    const res = await page.goto(`${server.url}/no/such/page`);
    assertEquals(res?.status(), 404);
    assertMatch(res?.headers()["content-type"] ?? "", /text\/html/);
    await page.getByRole("heading", { name: "Not found" }).waitFor();
    assertEquals(
      await page.locator("main").getByRole("link", { name: "Go to the dashboard" })
        .getAttribute("href"),
      "/",
    );
    // The shell is there: the page is signed in and navigable.
    await page.locator("#sidebar").getByRole("link", { name: "Dashboard" }).waitFor();

    const api = await page.request.get(`${server.url}/api/nope`, {
      headers: { accept: "text/html,application/json" },
    });
    assertEquals(api.status(), 404);
    assertEquals((await api.json()).code, "NOT_FOUND");
  });
});

Deno.test("shell browser - the demo banner names the URI the server runs on", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/`);
    const uri = server.ctx.config.uri;
    assert(uri !== "test:///default", "the test node has its own URI");
    const banner = page.locator(".banner-demo");
    assertMatch(await banner.textContent() ?? "", new RegExp(uri.replace(/[/.]/g, "\\$&")));
  });
});
