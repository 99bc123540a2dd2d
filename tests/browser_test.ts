// Browser tier: Debian Chromium driven by playwright-core against the real server on a real
// libvirtd with a tiny TCG guest, and against the demo connection.

import type { Page } from "playwright-core";
import { type Server, startServer } from "../main.ts";
import type { Config } from "../lib/config.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { withSignedInPage } from "./support/browser_helpers.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  domstate,
  TEST_PREFIX,
  virsh,
  waitForGuestReady,
} from "./support/guest.ts";

function config(uri: string): Config {
  return {
    uri,
    uriSource: "flag",
    demo: uri.startsWith("test:"),
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir: Deno.makeTempDirSync({ prefix: "kvmm-browser-" }),
    tls: { mode: "off" },
  };
}

async function withBrowserAndServer(
  uri: string,
  fn: (page: Page, server: Server) => Promise<void>,
) {
  const settings = config(uri);
  const server = await startServer(settings, { quiet: true });
  try {
    await withSignedInPage(server, (page) => fn(page, server));
  } finally {
    await server.close();
    // Each run made its own data folder; nothing of it stays behind.
    await Deno.remove(settings.dataDir, { recursive: true });
  }
}

Deno.test("browser - demo dashboard shows the demo banner and the host", async () => {
  await withBrowserAndServer("test:///default", async (page, server) => {
    await page.goto(`${server.url}/`);
    assertMatch(await page.textContent("body") ?? "", /Demo mode/);
    assertMatch(await page.textContent("body") ?? "", /Test driver/);
  });
});

Deno.test("browser - the list shows the VM, Start changes its badge without reload, console draws", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(`${TEST_PREFIX}browser`);
  const guest = await defineTestGuest(`${TEST_PREFIX}browser`);
  try {
    await withBrowserAndServer("qemu:///system", async (page, server) => {
      await page.goto(`${server.url}/vms`);
      const row = page.locator(`tr[data-vm-id="${guest.uuid}"]`);
      await row.waitFor();
      assertEquals(await row.locator(".badge").textContent(), "Stopped");
      assertMatch(await row.textContent() ?? "", new RegExp(guest.name));

      // A marker on window survives only if the page is not reloaded.
      await page.evaluate(() => (globalThis as any).__noReload = true);
      await row.getByRole("button", { name: `Start ${guest.name}` }).click();
      await row.locator(".badge", { hasText: "Running" }).waitFor({ timeout: 15_000 });
      assert(await page.evaluate(() => (globalThis as any).__noReload === true), "no reload");
      assertEquals(await domstate(guest.name), "running");

      await waitForGuestReady(guest.name);
      await page.goto(`${server.url}/vms/${guest.uuid}/console`);
      const canvas = page.locator("#vnc-screen canvas");
      await canvas.waitFor({ timeout: 15_000 });
      // Non-blank: the guest's text console puts more than one colour on the canvas.
      await page.waitForFunction(
        () => {
          const c = document.querySelector("#vnc-screen canvas") as HTMLCanvasElement | null;
          if (!c || c.width === 0 || c.height === 0) return false;
          const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
          for (let i = 4; i < data.length; i += 4) {
            if (
              data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]
            ) return true;
          }
          return false;
        },
        undefined,
        { timeout: 20_000 },
      );
    });
  } finally {
    await virsh("destroy", guest.name).catch(() => {});
    await cleanupGuestsNamed(`${TEST_PREFIX}browser`);
  }
});
