// Browser tier for the snapshots card of /vms/:id on a test-driver node: create through the
// form, the tree with the current one marked, refusals shown in the API's words, revert and
// delete (with children) through the confirmations.

import type { Locator, Page } from "playwright-core";
import { assertEquals } from "./support/assert.ts";
import { apiAnswer, withDemoServer } from "./support/browser_helpers.ts";

// tests/support/test_node.ts numbers the default domains web (running), db, cache from 1.
const WEB = "6b5a6f1e-0000-4000-8000-000000000001";
const SNAPS = `/api/vms/${WEB}/snapshots`;

/** Waits (up to 5 s) until the tree shows `expected`: the message can come before the re-read. */
async function rowsBecome(card: Locator, expected: [string, number, boolean][]) {
  const end = Date.now() + 5000;
  let seen = await rows(card);
  while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    seen = await rows(card);
  }
  assertEquals(seen, expected);
}

/** The tree's rows as [name, depth, current]. */
function rows(card: Locator): Promise<[string, number, boolean][]> {
  return card.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) =>
      [
        tr.getAttribute("data-snapshot") ?? "",
        Number(tr.getAttribute("data-depth")),
        tr.querySelector(".badge-info") !== null,
      ] as [string, number, boolean]
    )
  );
}

/** Fills and submits the create form (opening it first when closed). */
async function submitForm(card: Locator, name: string, description = "") {
  const form = card.getByRole("form", { name: "New snapshot" });
  if (!(await form.isVisible())) {
    await card.getByRole("button", { name: "New snapshot" }).click();
  }
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Description").fill(description);
  await form.getByRole("button", { name: "Take snapshot" }).click();
}

async function confirm(page: Page, title: string, label: string) {
  const dialog = page.getByRole("dialog", { name: title });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: label }).click();
  await dialog.waitFor({ state: "hidden" });
}

Deno.test("snapshot browser - create, refusals verbatim, tree, revert and delete with children", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms/${WEB}/snapshots`);
    const card = page.locator('[data-island="VmSnapshots"]');
    await card.getByText("No snapshots yet.").waitFor();

    await card.getByRole("button", { name: "New snapshot" }).click();
    const form = card.getByRole("form", { name: "New snapshot" });
    // web runs: memory always goes in, and the form says why.
    assertEquals(await form.getByLabel("Include memory").isChecked(), true);
    assertEquals(await form.getByLabel("Include memory").isDisabled(), true);
    await submitForm(card, "before-upgrade", "first & <b>");
    await card.getByText("Snapshot before-upgrade taken.").waitFor();
    await form.waitFor({ state: "hidden" });
    await rowsBecome(card, [["before-upgrade", 0, true]]);
    const first = card.locator('tr[data-snapshot="before-upgrade"]');
    assertEquals(await first.locator("td").nth(3).textContent(), "Yes");
    assertEquals(await first.locator("td").nth(4).textContent(), "first & <b>");
    assertEquals(await first.locator("td").nth(1).textContent(), "Running");

    // 409 and 400 as the API words them: the same request asked from the page's origin.
    const clash = await apiAnswer(page, "POST", SNAPS, { name: "before-upgrade" });
    assertEquals(clash, { status: 409, message: "Snapshot already exists: before-upgrade" });
    await submitForm(card, "before-upgrade");
    await form.getByRole("alert").getByText(clash.message, { exact: true }).waitFor();
    const bad = await apiAnswer(page, "POST", SNAPS, { name: "bad name" });
    assertEquals(bad.status, 400);
    await submitForm(card, "bad name");
    await form.getByRole("alert").getByText(bad.message, { exact: true }).waitFor();

    await submitForm(card, "second");
    await card.getByText("Snapshot second taken.").waitFor();
    await rowsBecome(card, [["before-upgrade", 0, false], ["second", 1, true]]);

    // Revert: the current mark moves back.
    await card.getByRole("button", { name: "Revert to before-upgrade" }).click();
    await confirm(page, "Revert to snapshot", "Revert");
    await card.getByText("Reverted to before-upgrade; the VM is running.").waitFor();
    await rowsBecome(card, [["before-upgrade", 0, true], ["second", 1, false]]);

    // Delete with its children: the whole tree goes.
    await card.getByRole("button", { name: "Delete before-upgrade" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete snapshot" });
    await dialog.getByLabel(/Also delete the snapshots taken after it/).check();
    await confirm(page, "Delete snapshot", "Delete");
    await card.getByText("Deleted before-upgrade, second.").waitFor();
    await card.getByText("No snapshots yet.").waitFor();
    const left = await page.evaluate(
      async (path) => (await (await fetch(path)).json()).snapshots.length,
      SNAPS,
    );
    assertEquals(left, 0, "none left on the server");
  });
});
