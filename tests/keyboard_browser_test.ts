// Keyboard only (issue 23 item 8): from the dashboard, with nothing but key presses (Tab,
// Shift+Tab, Enter, Space, arrows, typing; no clicks, no fill), open the New VM wizard, fill it
// with the demo host's options, create the VM and start it. Each step finds its control by
// pressing Tab, so a control a keyboard cannot reach fails here.

import type { Page } from "playwright-core";
import type { Server } from "../main.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { withDemoServer } from "./support/browser_helpers.ts";

const UUID_PAGE = /\/vms\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_TABS = 120;

/** How the focused element reads: its tag, id, and its text or accessible label. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return "";
    const text = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim();
    return `${el.tagName.toLowerCase()}#${el.id} ${text}`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `want`, as a keyboard user
 * would; fails when it never comes.
 */
async function tabTo(page: Page, want: RegExp, back = false): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < MAX_TABS; i++) {
    const now = await focused(page);
    if (want.test(now)) return;
    seen.push(now);
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${want} is never reached by Tab; focus went: ${seen.slice(-15).join(" | ")}`);
}

/** Selects what is in the focused field and types `text` over it. */
async function retype(page: Page, text: string) {
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

/** Waits for `text`; on a timeout the error shows what the wizard's step said instead. */
async function waitForText(page: Page, text: string): Promise<void> {
  try {
    await page.getByText(text).waitFor();
  } catch (err) {
    const shown = await page.locator("main").innerText().catch((e) => String(e));
    throw new Error(`"${text}" did not appear; the page said:\n${shown}`, { cause: err });
  }
}

/**
 * Waits for the wizard's step `name` and for the focus the step moves to its first field when it
 * opens: tabbing on before that races the step's own focus move (a Next reached by Tab lost its
 * focus again, and Enter went to the step's first field).
 */
async function stepOpen(page: Page, name: string): Promise<void> {
  await page.getByRole("group", { name }).waitFor();
  await page.waitForFunction((legend) => {
    const step = document.activeElement?.closest("fieldset.wizard-step");
    return step?.querySelector("legend")?.textContent === legend;
  }, name);
}

async function stateOf(server: Server, name: string) {
  return (await server.ctx.vms.listVms()).find((v) => v.name === name)?.state;
}

Deno.test("keyboard browser - from the dashboard, create a VM with the wizard and start it", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/`);
    await page.locator("#palette-button:enabled").waitFor();

    // The side navigation's "Virtual machines", then the list's New VM.
    await tabTo(page, /^a#\S* Virtual machines$/);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/vms`);
    await tabTo(page, /^a#\S* New VM$/);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/vms/new`);
    await page.locator("#wiz-name:enabled").waitFor();

    // Basics: the name, then Next.
    await tabTo(page, /^input#wiz-name /);
    await page.keyboard.type("kb-vm");
    await tabTo(page, /^button#\S* Next$/);
    await page.keyboard.press("Enter");

    // OS & media: search the osinfo variants, take the first with the arrow key.
    await stepOpen(page, "OS & media");
    await tabTo(page, /^input#wiz-variant-search /);
    await page.keyboard.type("debian");
    await page.keyboard.press("Tab");
    assertEquals((await focused(page)).split(" ")[0], "select#wiz-variant");
    await page.keyboard.press("ArrowDown");
    await page.locator(".variant-chosen .recommended").waitFor();
    await tabTo(page, /^button#\S* Next$/);
    await page.keyboard.press("Enter");

    // Resources: 1 vCPU, 512 MB and a 2 GB disk on the demo host's pool.
    await stepOpen(page, "Resources");
    await tabTo(page, /^input#wiz-cpus /);
    await retype(page, "1");
    await tabTo(page, /^input#wiz-memory /);
    await retype(page, "512");
    await tabTo(page, /^input#wiz-disk-size /);
    await retype(page, "2");
    await tabTo(page, /^button#\S* Next$/);
    await page.keyboard.press("Enter");

    // Network: the default network as it comes.
    await stepOpen(page, "Network");
    await tabTo(page, /^button#\S* Next$/);
    await page.keyboard.press("Enter");

    // Review: the host's verdict, then Create VM.
    await waitForText(page, "The host accepts this configuration.");
    await tabTo(page, /^button#\S* Create VM$/);
    await page.keyboard.press("Enter");
    await page.waitForURL(UUID_PAGE, { timeout: 15_000 });
    await page.locator("h1", { hasText: "kb-vm" }).waitFor();
    assertEquals(await stateOf(server, "kb-vm"), "stopped");

    // The VM's page: its Start button, pressed with Space.
    await page.locator(".vm-header .button-primary:enabled").waitFor();
    await tabTo(page, /^button#\S* Start$/);
    await page.keyboard.press("Space");
    for (let i = 0; i < 100 && await stateOf(server, "kb-vm") !== "running"; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assertEquals(await stateOf(server, "kb-vm"), "running");
    await page.locator(".vm-header").getByText("Running", { exact: true }).waitFor();
    assert(UUID_PAGE.test(page.url()), "still on the VM's page");
  });
});
