// Browser tier of the component kit's looks that issue 23 found wrong: a table's Delete buttons
// are quiet (outlined) and only the confirmation's is a solid red fill; the XML editor is in a
// monospace font.

import type { Locator } from "playwright-core";
import { assert, assertEquals } from "./support/assert.ts";
import { apiAnswer, vmId, withDemoServer } from "./support/browser_helpers.ts";

const background = (l: Locator) => l.evaluate((el) => getComputedStyle(el).backgroundColor);

Deno.test("kit browser - a row's Delete is outlined, the confirmation's is filled", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms/${web}/snapshots`);
    for (const name of ["one", "two"]) {
      assertEquals(
        (await apiAnswer(page, "POST", `/api/vms/${web}/snapshots`, { name })).status,
        201,
      );
    }
    await page.reload();
    const card = page.locator('[data-island="VmSnapshots"]');
    const rowDelete = card.locator('tr[data-snapshot="one"]').getByRole("button", {
      name: /Delete/,
    });
    const surface = await page.evaluate(() =>
      getComputedStyle(document.querySelector(".card")!).backgroundColor
    );
    assertEquals(await background(rowDelete), surface, "a row's Delete has the card's background");
    await rowDelete.click();
    const confirm = page.getByRole("dialog").getByRole("button", { name: "Delete" });
    const fill = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue("--fill-danger").trim()
    );
    assertEquals(fill, "#c9190b");
    assertEquals(await background(confirm), "rgb(201, 25, 11)", "the confirmation is filled");
  });
});

Deno.test("kit browser - the XML editor is monospace", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms/${await vmId(server, "db")}/advanced`);
    const text = page.locator(".xml-text").first();
    const family = await text.evaluate((el) => getComputedStyle(el).fontFamily);
    assert(/monospace/.test(family), family);
  });
});
