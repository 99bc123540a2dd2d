// A change whose answer is lost on the way (issue 58). A browser on the host itself fails the
// requests in flight whenever the host's network changes (Chromium's ERR_NETWORK_CHANGED), and
// creating a network or reverting a running VM changes it: the change was made, yet the page
// said "Cannot reach KVM Manager: Failed to fetch". Now the page sends the change again with the
// same Idempotency-Key, the server answers from the first answer (routes/middleware/
// idempotency.ts), and the page shows the change made: no error, nothing made twice. Here
// Playwright's router lets the first request reach the server and then drops its answer.

import type { Page } from "playwright-core";
import { assert, assertEquals } from "./support/assert.ts";
import { withDemoServer } from "./support/browser_helpers.ts";

const NET = "kvmm-test-lost";
// tests/support/test_node.ts numbers the default domains web (running), db, cache from 1.
const WEB = "6b5a6f1e-0000-4000-8000-000000000001";
const CANNOT_REACH = "Cannot reach KVM Manager";

/**
 * Drops the answer to the first `method` request whose path matches `path`, once the server has
 * answered it with a success; the Idempotency-Key of every such request, in order.
 */
async function dropFirstAnswer(page: Page, path: RegExp, method: string): Promise<string[]> {
  const keys: string[] = [];
  await page.route((url) => path.test(url.pathname), async (route) => {
    const request = route.request();
    if (request.method() !== method) return await route.continue();
    keys.push(request.headers()["idempotency-key"] ?? "");
    if (keys.length > 1) return await route.continue();
    const answered = await route.fetch();
    assert(answered.ok(), `the first ${method} was carried out: ${answered.status()}`);
    await route.abort("internetdisconnected");
  });
  return keys;
}

/** The same key twice: one change, sent again. */
function sentAgain(keys: string[]) {
  assertEquals(keys.length, 2, JSON.stringify(keys));
  assert(/^[0-9a-f]{32}$/.test(keys[0]), keys[0]);
  assertEquals(keys[1], keys[0]);
}

Deno.test("lost answer browser - a network created while its answer is lost: created once, no error", async () => {
  await withDemoServer(async (page, server) => {
    const keys = await dropFirstAnswer(page, /^\/api\/networks$/, "POST");
    await page.goto(`${server.url}/networks`);
    await page.getByRole("button", { name: "New network", exact: true })
      .and(page.locator(":enabled")).click();
    const form = page.getByRole("form", { name: "New network" });
    await form.getByLabel("Name").fill(NET);
    await form.getByLabel("Mode").selectOption("isolated");
    await form.getByLabel("Subnet").fill("192.168.214.0/24");
    await form.getByRole("button", { name: "Create network" }).click();
    await page.locator(`tr[data-network="${NET}"]`).waitFor();
    await form.waitFor({ state: "detached" });
    sentAgain(keys);
    assertEquals(await page.getByText(CANNOT_REACH).count(), 0, "no false error");
    assertEquals(await page.getByRole("alert").count(), 0, "no error of any kind");
    const listed = await page.evaluate(async () =>
      (await (await fetch("/api/networks")).json()) as { name: string }[]
    );
    assertEquals(listed.filter((n) => n.name === NET).length, 1, "made once");
  });
});

Deno.test("lost answer browser - a snapshot revert whose answer is lost: reverted, no error", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms/${WEB}/snapshots`);
    const card = page.locator('[data-island="VmSnapshots"]');
    await card.getByText("No snapshots yet.").waitFor();
    for (const name of ["before-upgrade", "second"]) {
      const form = card.getByRole("form", { name: "New snapshot" });
      if (!(await form.isVisible())) {
        await card.getByRole("button", { name: "New snapshot" }).click();
      }
      await form.getByLabel("Name").fill(name);
      await form.getByRole("button", { name: "Take snapshot" }).click();
      await card.getByText(`Snapshot ${name} taken.`).waitFor();
    }
    const keys = await dropFirstAnswer(page, /\/snapshots\/[^/]+\/revert$/, "POST");
    await card.getByRole("button", { name: "Revert to before-upgrade" }).click();
    const dialog = page.getByRole("dialog", { name: "Revert to snapshot" });
    await dialog.getByRole("button", { name: "Revert" }).click();
    await card.getByText("Reverted to before-upgrade; the VM is running.").waitFor();
    sentAgain(keys);
    assertEquals(await page.getByText(CANNOT_REACH).count(), 0, "no false error");
    assertEquals(await page.getByRole("alert").count(), 0, "no error of any kind");
  });
});
