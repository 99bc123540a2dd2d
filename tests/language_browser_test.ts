// Browser tier for the language choice in the user menu (islands/shell/LanguageChoice.tsx): a
// browser asking for English chooses Deutsch with the keyboard and the page comes back in
// German; Automatic follows the browser again; a German Accept-Language alone gives German; on
// a phone the choices fit the screen.

import type { Page } from "playwright-core";
import { assert, assertEquals } from "./support/assert.ts";
import { withDemoServer } from "./support/browser_helpers.ts";
import { VERSION } from "../lib/version.ts";

const PHONE = { width: 390, height: 844 };

const lang = (page: Page) => page.getAttribute("html", "lang");

/**
 * Opens the user menu (on a phone in the navigation drawer, opened first) and waits for the
 * account's setting to show as the pressed choice.
 */
async function openMenu(page: Page, setting: string) {
  const menu = page.locator("#menu-button");
  if ((page.viewportSize()?.width ?? 0) <= PHONE.width) {
    await page.locator("#sidebar #user-menu-button").waitFor({ state: "attached" });
    if (await menu.getAttribute("aria-expanded") === "false") await menu.click();
  }
  await page.locator("#user-menu-button").click();
  await page.locator(`#user-menu [data-language="${setting}"][aria-pressed="true"]`).waitFor();
}

const waitForLang = (page: Page, want: string) =>
  page.waitForFunction((want) => document.documentElement.lang === want, want);

Deno.test("language browser - Deutsch from the user menu, Automatic back to the browser's", async () => {
  await withDemoServer(async (page, server) => {
    await page.setExtraHTTPHeaders({ "accept-language": "en" });
    await page.goto(`${server.url}/vms`);
    assertEquals(await lang(page), "en");
    const nav = page.locator("#sidebar");
    await nav.getByRole("link", { name: "Virtual machines" }).waitFor();

    // Keyboard only: the menu opens on Enter with focus on its first choice.
    await openMenu(page, "auto");
    await page.locator("#user-menu").getByRole("group", { name: "Language" }).waitFor();
    await page.keyboard.press("Escape");
    await page.locator("#user-menu-button").focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() =>
      document.activeElement?.getAttribute("data-language") === "auto"
    );
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assertEquals(
      await page.evaluate(() => document.activeElement?.textContent),
      "Deutsch",
    );
    await page.keyboard.press("Enter");

    await waitForLang(page, "de");
    await nav.getByRole("link", { name: "Virtuelle Maschinen" }).waitFor();
    assertEquals(await page.locator("main h1").first().textContent(), "Virtuelle Maschinen");
    await openMenu(page, "de");
    const group = page.locator("#user-menu").getByRole("group", { name: "Sprache" });
    assertEquals(await group.getByRole("button").allTextContents(), [
      "Automatisch (Browser)",
      "English",
      "Deutsch",
    ]);
    // Which KVM Manager this is, below the menu's actions, in the page's language.
    assertEquals(
      await page.locator("#about-version").textContent(),
      `KVM Manager Version ${VERSION}`,
    );
    // Other pages follow the account's setting, not the browser's.
    await page.goto(`${server.url}/tasks`);
    assertEquals(await lang(page), "de");

    await openMenu(page, "de");
    await page.getByRole("button", { name: "Automatisch (Browser)" }).click();
    await waitForLang(page, "en");
    await nav.getByRole("link", { name: "Virtual machines" }).waitFor();
    await openMenu(page, "auto");
  });
});

Deno.test("language browser - a German browser alone gets German pages", async () => {
  await withDemoServer(async (page, server) => {
    await page.setExtraHTTPHeaders({ "accept-language": "de-DE,de;q=0.9,en;q=0.8" });
    await page.goto(`${server.url}/vms`);
    assertEquals(await lang(page), "de");
    await page.locator("#sidebar").getByRole("link", { name: "Virtuelle Maschinen" }).waitFor();
    await openMenu(page, "auto");
    assert(
      await page.getByRole("button", { name: "Automatisch (Browser)" }).isVisible(),
      "Automatic, in German",
    );
  });
});

Deno.test("language browser - on a phone the choices fit the screen", async () => {
  await withDemoServer(async (page, server) => {
    await page.setViewportSize(PHONE);
    await page.setExtraHTTPHeaders({ "accept-language": "en" });
    await page.goto(`${server.url}/`);
    await openMenu(page, "auto");
    for (const name of ["Automatic (browser)", "English", "Deutsch"]) {
      const box = (await page.getByRole("button", { name, exact: true }).boundingBox())!;
      assert(box.x >= 0 && box.x + box.width <= PHONE.width, `${name} on screen: ${box.x}`);
    }
    await page.getByRole("button", { name: "Deutsch", exact: true }).click();
    await waitForLang(page, "de");
    await openMenu(page, "de");
  });
});
