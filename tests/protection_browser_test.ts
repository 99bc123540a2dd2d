// Browser tier for VM protection (issue 46 item 3), on the demo: the Hardware tab's switch
// protects the VM; its page's delete dialog then says so and keeps Delete disabled with the
// reason; the list shows the lock before its name; a batch Delete of it and another VM deletes
// the other one and reports the protected one's refusal, naming it.

import type { Page } from "playwright-core";
import type { Server } from "../main.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { adminHeaders, vmId, withDemoServer } from "./support/browser_helpers.ts";

const DOMAINS = [
  { name: "web", runstate: 1 as const, vcpus: 1, memoryMb: 512, disk: true },
  { name: "db", runstate: 5 as const, vcpus: 1, memoryMb: 512, disk: true },
  { name: "scratch", runstate: 5 as const, vcpus: 1, memoryMb: 256, disk: true },
];
const WORDS = "db is protected — remove the protection to delete it";

async function isProtected(server: Server, name: string): Promise<boolean> {
  const res = await fetch(`${server.url}/api/vms/${name}`, { headers: adminHeaders(server) });
  assertEquals(res.status, 200);
  return (await res.json()).protected;
}

/** Reloads the list until `name`'s row shows the lock (the list reads it in the background). */
async function waitForLock(page: Page, server: Server, name: string) {
  const lock = page.locator(`tr[data-vm="${name}"] td.vm-name .protected-mark`);
  const end = Date.now() + 10_000;
  while (true) {
    await page.goto(`${server.url}/vms`);
    await page.locator("input[aria-label='Select all shown VMs']:not([disabled])").waitFor();
    if (await lock.count() === 1) return lock;
    if (Date.now() > end) throw new Error(`no lock in ${name}'s row`);
    await page.waitForTimeout(200);
  }
}

Deno.test("protection browser - the switch protects the VM; its delete dialog keeps Delete off", async () => {
  await withDemoServer(async (page, server) => {
    const id = await vmId(server, "db");
    await page.goto(`${server.url}/vms/${id}/hardware`);
    const card = page.getByRole("region", { name: "Protection" });
    const box = card.getByRole("checkbox", { name: "Protected from deletion" });
    await box.and(page.locator(":enabled")).waitFor();
    assertEquals(await box.isChecked(), false);
    const [put] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "PUT"),
      box.check(),
    ]);
    assertEquals(put.status(), 200);
    await card.getByText("db is protected.").waitFor();
    assert(await isProtected(server, "db"), "the API says db is protected");

    // The Disks card keeps Detach off for its data disks, saying why in the API's words.
    await page.goto(`${server.url}/vms/${id}/hardware`);
    const disks = page.locator('section[aria-labelledby="disks-title"]');
    const why = "db is protected — remove the protection to remove its disks";
    assertEquals(await disks.locator(".disks-protected").textContent(), why);
    const detach = disks.getByRole("button", { name: /^Detach / }).first();
    assertEquals(await detach.isDisabled(), true, "Detach is disabled");
    assertEquals(await detach.getAttribute("title"), why);

    await page.getByRole("toolbar", { name: "VM actions" })
      .getByRole("button", { name: "Delete", exact: true }).and(page.locator(":enabled")).click();
    const dialog = page.getByRole("dialog", { name: "Delete VM" });
    const notice = dialog.locator(".vm-protected-notice");
    await notice.waitFor();
    assert((await notice.textContent())?.includes(WORDS), await notice.textContent() ?? "");
    const del = dialog.getByRole("button", { name: "Delete", exact: true });
    assertEquals(await del.isDisabled(), true, "Delete is disabled");
    assertEquals(await del.getAttribute("title"), WORDS);
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // The list's lock, before the name; the unprotected VMs have none.
    const lock = await waitForLock(page, server, "db");
    assertEquals(
      await lock.getAttribute("title"),
      "Protected: it cannot be deleted until the protection is removed",
    );
    assertEquals(await page.locator("td.vm-name .protected-mark").count(), 1);

    // Switched off, the dialog offers Delete again.
    await page.goto(`${server.url}/vms/${id}/hardware`);
    await box.and(page.locator(":enabled")).waitFor();
    assertEquals(await box.isChecked(), true);
    const [off] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "PUT"),
      box.uncheck(),
    ]);
    assertEquals(off.status(), 200);
    assertEquals(await isProtected(server, "db"), false);
    await page.getByRole("toolbar", { name: "VM actions" })
      .getByRole("button", { name: "Delete", exact: true }).and(page.locator(":enabled")).click();
    await dialog.locator(".delete-volumes").waitFor();
    assertEquals(await dialog.locator(".vm-protected-notice").count(), 0);
    assertEquals(await del.isEnabled(), true);
  }, DOMAINS);
});

Deno.test("protection browser - a batch Delete deletes the others and names the protected one", async () => {
  await withDemoServer(async (page, server) => {
    const res = await fetch(`${server.url}/api/vms/db/protection`, {
      method: "PUT",
      headers: { "content-type": "application/json", ...adminHeaders(server) },
      body: JSON.stringify({ protected: true }),
    });
    assertEquals(res.status, 200);
    await waitForLock(page, server, "db");
    await page.getByLabel("Select db").check();
    await page.getByLabel("Select scratch").check();
    const bar = page.getByRole("region", { name: "Batch actions" });
    await bar.getByRole("button", { name: "Delete…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete VMs" });
    const notice = dialog.locator("[data-vm-name=db] .vm-protected-notice");
    await notice.waitFor();
    assert((await notice.textContent())?.includes(WORDS), await notice.textContent() ?? "");
    await dialog.locator("[data-vm-name=scratch] .delete-volumes").waitFor();
    assertEquals(await dialog.locator("[data-vm-name=scratch] .vm-protected-notice").count(), 0);
    await dialog.getByRole("button", { name: "Delete 2 VMs" }).click();

    const results = bar.locator(".batch-results");
    await results.waitFor();
    assertEquals(
      (await results.locator("p").textContent())?.trim(),
      "Delete: 1 succeeded, 1 failed.",
    );
    assertEquals(
      (await results.locator("li.batch-failed[data-vm-name=db]").textContent())?.trim(),
      `db: ${WORDS}`,
    );
    await results.locator("li.batch-ok[data-vm-name=scratch]").waitFor();
    const names = (await server.ctx.vms.listVms()).map((v) => v.name).sort();
    assertEquals(names, ["db", "web"]);
  }, DOMAINS);
});
