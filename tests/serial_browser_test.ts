// Browser tier of the serial console on qemu:///system: Chromium types into xterm.js on
// /vms/:id/serial and sees the guest's shell answer; a second page is refused in the API's
// words and takes the console over. Under the app's strict Content-Security-Policy, with not
// one violation. Only this file's guests (kvmm-test-ser-b-*) are touched.

import type { Page } from "playwright-core";
import { type Server, startServer } from "../main.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { openBrowser, signIn } from "./support/browser_helpers.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  virsh,
  waitForGuestReady,
} from "./support/guest.ts";

const PREFIX = "kvmm-test-ser-b-";
const BUSY = "Another client holds this VM's serial console; open it with force to take it over";

const cleanupOwnGuests = () => cleanupGuestsNamed(PREFIX);

/** Every CSP violation and uncaught error of the page, as they happen. */
async function watch(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("__kvmmCspViolation", (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (globalThis as unknown as { __kvmmCspViolation(t: string): void }).__kvmmCspViolation(
        `${e.effectiveDirective} refused ${
          e.blockedURI || "inline"
        } (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => seen.push(`page error: ${e.message}`));
  return seen;
}

const status = (page: Page) => page.locator(".serial-console .console-status");
const screenText = (page: Page) => page.locator(".serial-screen .xterm-rows").innerText();

async function waitForStatus(page: Page, text: string) {
  await status(page).getByText(text, { exact: true }).waitFor({ timeout: 20_000 }).catch(
    async (err) => {
      const shown = await status(page).allInnerTexts().catch(() => []);
      throw new Error(
        `the console's status never said "${text}"; it says ${
          JSON.stringify(shown)
        }\n${err.message}`,
      );
    },
  );
}

/** Waits until the terminal shows `needle`. */
async function waitForScreen(page: Page, needle: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (!(text = await screenText(page)).includes(needle)) {
    if (Date.now() > deadline) {
      throw new Error(`"${needle}" not on the terminal in ${timeoutMs} ms; it shows:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Types a command that prints hello-42 (its echo cannot match: the quotes split it). */
async function proveShell(page: Page) {
  await page.locator(".serial-screen .xterm").click();
  await page.keyboard.press("Enter");
  await waitForScreen(page, "# ");
  await page.keyboard.type('echo hel""lo-$((6*7))');
  await page.keyboard.press("Enter");
  await waitForScreen(page, "hello-42");
}

Deno.test({
  name: "serial browser - xterm types into the guest, fits the window; busy, take over, reconnect",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await assertLibvirtReachable();
    await cleanupOwnGuests();
    const dataDir = await Deno.makeTempDir({ prefix: PREFIX });
    let server: Server | undefined;
    const browser = await openBrowser();
    try {
      const guest = await defineTestGuest(`${PREFIX}${Deno.pid}`);
      await virsh("start", guest.name);
      await waitForGuestReady(guest.name);
      server = await startServer({
        uri: "qemu:///system",
        uriSource: "flag",
        demo: false,
        listen: { hostname: "127.0.0.1", port: 0 },
        dataDir,
        tls: { mode: "off" },
      }, { quiet: true });

      const first = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = await watch(first);
      await signIn(first, server);
      // The VM page links to the serial console.
      await first.goto(`${server.url}/vms/${guest.uuid}/console`);
      await first.getByRole("link", { name: "Serial console" }).click();
      await first.waitForURL(`**/vms/${guest.uuid}/serial`);
      await waitForStatus(first, "Connected");
      await proveShell(first);

      // The terminal fills its box and refits when the window changes.
      // Counted in the page with a deadline: a locator's count() has none of its own.
      const rowCount = () => document.querySelectorAll(".serial-screen .xterm-rows > div").length;
      const tall = await first.evaluate(rowCount);
      assert(tall >= 20, `${tall} rows at 900 px`);
      await first.setViewportSize({ width: 1280, height: 600 });
      await first.waitForFunction(
        (n) => document.querySelectorAll(".serial-screen .xterm-rows > div").length < n,
        tall,
        { timeout: 5_000 },
      ).catch(async () => {
        throw new Error(`still ${await first.evaluate(rowCount)} rows after the window shrank`);
      });

      // A second page is refused in the API's words, and offered to take over (the first still
      // holds the console: if it lost it, its own words say why).
      await waitForStatus(first, "Connected");
      const second = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems2 = await watch(second);
      await signIn(second, server);
      await second.goto(`${server.url}/vms/${guest.uuid}/serial`);
      await waitForStatus(second, BUSY);
      await second.getByRole("button", { name: "Take over" }).click();
      await waitForStatus(second, "Connected");
      await waitForStatus(first, "Another client took over the console");
      await first.getByRole("button", { name: "Take over" }).waitFor();
      await proveShell(second);

      // Reconnecting the first page now meets the second's hold.
      await first.getByRole("button", { name: "Reconnect" }).click();
      await waitForStatus(first, BUSY);

      assertEquals(problems, [], "first page: no CSP violations, no errors");
      assertEquals(problems2, [], "second page: no CSP violations, no errors");
    } finally {
      await browser.close();
      await server?.close();
      await cleanupOwnGuests();
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
