// Browser tier for the command palette and the keyboard shortcuts: Ctrl+K opens it, a VM's name
// and Enter open the VM, actions run without a mouse (Force stop asks inside the palette first),
// Escape closes it and gives focus back, typing in a field never triggers a shortcut, it fits a
// phone, "g v", "/" and "?" do what the shortcuts dialog says.

import type { Page } from "playwright-core";
import axe from "axe-core";
import type { Server } from "../main.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { vmId, withDemoServer } from "./support/browser_helpers.ts";

const palette = (page: Page) => page.locator("dialog.palette");
const combobox = (page: Page) => page.getByRole("combobox", { name: "Search or jump to" });

async function openPalette(page: Page) {
  await page.keyboard.press("Control+K");
  await combobox(page).waitFor();
  // Focus is set as the dialog opens; wait for it rather than race it on a loaded machine.
  await page.waitForFunction(() =>
    document.activeElement?.getAttribute("aria-label") === "Search or jump to"
  );
}

/** Waits until the shell bundle has hydrated the palette's island (its keys listen). */
async function ready(page: Page) {
  await page.locator("#palette-button:enabled").waitFor();
}

async function vmState(server: Server, name: string) {
  return (await server.ctx.vms.listVms()).find((v) => v.name === name)?.state;
}

async function waitState(server: Server, name: string, state: string) {
  for (let i = 0; i < 100; i++) {
    if (await vmState(server, name) === state) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assertEquals(await vmState(server, name), state, `${name} is ${state}`);
}

Deno.test("palette browser - Ctrl+K, a VM's name and Enter open the VM; Escape gives focus back", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/`);
    await ready(page);
    assert(!await palette(page).isVisible(), "closed at first");

    // Escape closes it and focus returns to where it was.
    await page.locator("#menu-button").focus();
    await openPalette(page);
    assertEquals(await combobox(page).getAttribute("aria-controls"), "palette-options");
    assertEquals(
      await page.getByRole("listbox").getAttribute("id"),
      "palette-options",
    );
    // An empty query lists the pages, then the VMs once they are read.
    await page.getByRole("option", { name: /^Virtual machines/ }).waitFor();
    await page.getByRole("option", { name: /^db \(stopped\)/ }).waitFor();
    await page.keyboard.press("Escape");
    await palette(page).waitFor({ state: "hidden" });
    assertEquals(await page.evaluate(() => document.activeElement?.id), "menu-button");

    // Arrows and Home/End move the active option.
    await openPalette(page);
    const activeText = () =>
      page.evaluate(() => {
        const id = document.activeElement?.getAttribute("aria-activedescendant");
        return id
          ? document.getElementById(id)?.querySelector(".palette-label")?.textContent
          : null;
      });
    assertEquals(await activeText(), "Dashboard");
    await page.keyboard.press("ArrowDown");
    assertEquals(await activeText(), "Virtual machines");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    assert(await activeText() !== "Dashboard", "ArrowUp from the first wraps to the last");
    await page.keyboard.press("Home");
    assertEquals(await activeText(), "Dashboard");

    // Typing a VM's name and Enter lands on its page.
    await page.keyboard.type("db");
    assertEquals(await activeText(), "db");
    const selected = page.locator(".palette-option[aria-selected='true']");
    assertEquals(await selected.count(), 1);
    await page.keyboard.press("Enter");
    const db = await vmId(server, "db");
    await page.waitForURL(`${server.url}/vms/${db}`);

    // A VM's tab is an entry too; nothing matching says so.
    await ready(page);
    await openPalette(page);
    await page.keyboard.type("web hardw");
    assertEquals(await activeText(), "web: Hardware");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/vms/${await vmId(server, "web")}/hardware`);
    await ready(page);
    // Keys typed right after Ctrl+K land in the search box, none lost.
    await page.keyboard.press("Control+K");
    await page.keyboard.type("no such thing");
    assertEquals(await combobox(page).inputValue(), "no such thing");
    await palette(page).getByText("Nothing matches “no such thing”.").waitFor();
    assertEquals(await palette(page).getByRole("option").count(), 0);
  });
});

Deno.test("palette browser - Start db runs from the keyboard; Force stop asks inside the palette", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await ready(page);
    assertEquals(await vmState(server, "db"), "stopped");

    await openPalette(page);
    await page.keyboard.type("start db");
    await page.getByRole("option", { name: "Start db Action", exact: true }).waitFor();
    // A stopped VM offers no Shut down, a running one no Start.
    await page.keyboard.press("Control+A");
    await page.keyboard.type("db");
    await page.getByRole("option", { name: /^Start db/ }).waitFor();
    assertEquals(await page.getByRole("option", { name: /^Shut down db/ }).count(), 0);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("start db");
    await page.keyboard.press("Enter");
    await palette(page).waitFor({ state: "hidden" });
    await waitState(server, "db", "running");

    // The palette follows the event stream: db, running now, offers Shut down.
    await openPalette(page);
    await page.keyboard.type("db");
    await page.getByRole("option", { name: /^Shut down db/ }).waitFor();

    // Force stop asks, naming the VM, with Cancel focused; Escape goes back to the list.
    await page.keyboard.press("Control+A");
    await page.keyboard.type("force stop web");
    await page.keyboard.press("Enter");
    const question = palette(page).getByRole("heading", { name: "Force stop web?" });
    await question.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === "Cancel");
    assertEquals(await vmState(server, "web"), "running", "nothing ran yet");
    await page.keyboard.press("Escape");
    await combobox(page).waitFor();
    assert(await palette(page).isVisible(), "Escape on the question keeps the palette open");
    assertEquals(await combobox(page).inputValue(), "force stop web");
    await page.keyboard.press("Enter");
    await question.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === "Cancel");
    await page.keyboard.press("Tab");
    assertEquals(await page.evaluate(() => document.activeElement?.textContent), "Force stop web");
    await page.keyboard.press("Enter");
    await palette(page).waitFor({ state: "hidden" });
    await waitState(server, "web", "stopped");
  });
});

Deno.test("palette browser - keys typed in a field stay there; g v, / and ? outside one", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/`);
    await ready(page);
    const filter = page.getByRole("searchbox", { name: "Filter VMs by name" });
    await filter.focus();
    await page.keyboard.type("g v/?");
    assertEquals(await filter.inputValue(), "g v/?");
    assertEquals(page.url(), `${server.url}/`);
    assertEquals(await page.locator("dialog[open]").count(), 0, "no dialog opened");

    // "?" lists the shortcuts; Escape closes that dialog.
    await page.locator("main").focus();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    assertMatch(await help.textContent() ?? "", /Go to virtual machines/);
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });

    // "g" then "v" opens the VM list; "/" there focuses its search box.
    await page.keyboard.press("g");
    await page.keyboard.press("v");
    await page.waitForURL(`${server.url}/vms`);
    await ready(page);
    await page.keyboard.press("/");
    assertEquals(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
      "q",
    );
    await page.keyboard.type("we");
    assertEquals(await page.locator("main input[type=search]").inputValue(), "we");
  });
});

Deno.test("palette browser - a phone: the button is an icon, the palette fits without sideways scroll", async () => {
  await withDemoServer(async (page, server) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/vms`);
    await ready(page);
    const button = page.getByRole("button", { name: "Search or jump to…" });
    const width = (await button.boundingBox())!.width;
    assert(width < 48, `the button is an icon alone: ${width} px wide`);
    await button.focus();
    await page.keyboard.press("Enter");
    await combobox(page).waitFor();
    await page.keyboard.type("web");
    await page.getByRole("option", { name: /^web: Console/ }).waitFor();
    const box = (await palette(page).boundingBox())!;
    assert(
      box.x >= 0 && box.x + box.width <= 390,
      `the palette is on screen: ${box.x}+${box.width}`,
    );
    const { scroll, inner } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: globalThis.innerWidth,
    }));
    assert(scroll <= inner, `${scroll} px wide in a ${inner} px window`);
  });
});

/** axe's serious and critical findings on the page as it is now, as "rule: targets". */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const result = await (globalThis as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations as {
      id: string;
      impact: string;
      nodes: { target: string[]; failureSummary: string }[];
    }[];
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) =>
      `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary})`).join(", ")}`
    );
}

for (const colorScheme of ["light", "dark"] as const) {
  Deno.test(`palette browser - the open palette, its question and the shortcuts pass axe (${colorScheme})`, async () => {
    await withDemoServer(async (page, server) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(`${server.url}/vms`);
      await ready(page);
      await openPalette(page);
      await page.keyboard.type("web");
      await page.getByRole("option", { name: /^web \(running\)/ }).waitFor();
      assertEquals(await axeProblems(page), [], "the list");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("reset web");
      await page.keyboard.press("Enter");
      await palette(page).getByRole("heading", { name: "Reset web?" }).waitFor();
      assertEquals(await axeProblems(page), [], "the question");
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      await palette(page).waitFor({ state: "hidden" });
      await page.locator("main").focus();
      await page.keyboard.press("?");
      await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
      assertEquals(await axeProblems(page), [], "the shortcuts");
    });
  });
}
