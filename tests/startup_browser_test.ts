// Browser tier of the Start at boot card (/vms/:id/advanced): a boot order is set from the card,
// a value out of bounds is refused on the field it is about, and removing it is said. Screenshots
// of the card at phone and wide widths, light and dark, go to $KVMM_SHOTS when it is set.

import { assertEquals, assertMatch } from "./support/assert.ts";
import { adminHeaders, vmId, withDemoServer } from "./support/browser_helpers.ts";

const SHOTS = Deno.env.get("KVMM_SHOTS");

Deno.test("startup browser - the card sets a boot order, refuses one out of bounds on its field", async () => {
  await withDemoServer(async (page, server) => {
    const db = await vmId(server, "db");
    await page.goto(`${server.url}/vms/${db}/advanced`);
    const card = page.getByRole("region", { name: "Start at boot" });
    const on = card.getByLabel("Start with the host, in order");
    await on.waitFor();
    await page.waitForFunction(() =>
      !document.querySelector<HTMLInputElement>("#startup-title ~ form input")?.disabled
    );
    await on.check();
    await card.getByLabel("Order", { exact: true }).fill("10000");
    await card.getByLabel("Up-delay (seconds)").fill("30");
    await card.getByRole("button", { name: "Save" }).click();
    const error = card.locator("#startup-order-error");
    await error.waitFor();
    assertEquals(await error.textContent(), "order must be a whole number from 0 to 9999");

    await card.getByLabel("Order", { exact: true }).fill("5");
    await card.getByLabel("End the up-delay early once its QEMU guest agent answers").check();
    await card.getByRole("button", { name: "Save" }).click();
    await card.getByRole("status").waitFor();
    assertMatch(
      await card.getByRole("status").textContent() ?? "",
      /db starts with the host in order 5/,
    );
    const saved = await (await fetch(`${server.url}/api/vms/${db}/startup`, {
      headers: adminHeaders(server),
    })).json();
    assertEquals(saved.startup, { order: 5, upDelay: 30, waitForAgent: true, downTimeout: 180 });

    if (SHOTS) {
      for (const width of [390, 1280, 1920]) {
        for (const scheme of ["light", "dark"] as const) {
          await page.setViewportSize({ width, height: 900 });
          await page.emulateMedia({ colorScheme: scheme });
          await page.reload();
          await card.getByLabel("Order", { exact: true }).waitFor();
          // The refused save's failure toast stays on the page: out of the card's way.
          for (const b of await page.getByRole("button", { name: "Dismiss" }).all()) {
            await b.click();
          }
          await card.screenshot({ path: `${SHOTS}/startup-card-${width}-${scheme}.png` });
          await page.screenshot({
            path: `${SHOTS}/advanced-${width}-${scheme}.png`,
            fullPage: true,
          });
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    await on.uncheck();
    await card.getByRole("button", { name: "Save" }).click();
    await card.getByText("db has no boot order any more.").waitFor();
  });
});
