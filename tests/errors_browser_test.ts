// Browser tier for "errors where you look" (issue 45 item 6): a failed action marks its VM's row
// and page header until seen; every task opens its details with the whole message; success
// toasts go by themselves, stay on their page and never pile up over the row actions; the
// console fits a 1280×800 window; the error page says things once.

import type { Page } from "playwright-core";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { apiAnswer, vmId, withDemoServer } from "./support/browser_helpers.ts";
import { vmActionPath } from "../shared/api_paths.ts";
import type { TestDomainSpec } from "./support/test_node.ts";

const toasts = (page: Page) => page.locator(".toast-stack .toast-note");

/** Waits until the shell bundle has hydrated (its toasts and task follower run). */
async function shellReady(page: Page) {
  await page.waitForFunction(() =>
    document.querySelector("#tasks-button") !== null &&
    Object.keys(document.querySelector("#tasks-button")!).some((k) => k.startsWith("__"))
  );
}

/** Waits until the VM list's island has hydrated (its rows then follow the task log). */
async function listReady(page: Page) {
  await shellReady(page);
  await page.locator("tr", { hasText: "web" }).first().waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll("input[type=checkbox]")].some((el) =>
      Object.keys(el).some((k) => k.startsWith("__"))
    )
  );
}

const ALREADY = /Start failed: .*already running/;

Deno.test("errors browser - a failed start marks the VM's row and header until seen", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms`);
    await listReady(page);
    // A page that still shows web stopped: its Start is refused (web runs).
    const answer = await apiAnswer(page, "POST", vmActionPath(web, "start"));
    assertEquals(answer.status, 409);
    const row = page.locator("tr", { has: page.locator(`[data-vm-failure="${web}"]`) });
    await row.waitFor();
    const mark = row.locator(".vm-failure");
    assertMatch(await mark.textContent() ?? "", ALREADY);
    assert((await mark.textContent())!.includes(answer.message), "the API's words");
    assertMatch(
      (await mark.getByRole("link", { name: "Details" }).getAttribute("href"))!,
      /^\/tasks\?id=\d+$/,
    );
    // Another page of the list still shows it: it was not seen yet.
    await page.reload();
    await listReady(page);
    await row.waitFor();

    // The VM's page shows it in the header; that visit is seeing it.
    await page.goto(`${server.url}/vms/${web}`);
    const note = page.locator(".vm-header .vm-failure-note");
    await note.waitFor();
    assertMatch(await note.textContent() ?? "", ALREADY);
    await note.getByRole("button", { name: "Dismiss the failure of web" }).click();
    await note.waitFor({ state: "detached" });
    await page.goto(`${server.url}/vms`);
    await listReady(page);
    await page.waitForTimeout(500);
    assertEquals(await page.locator(".vm-failure").count(), 0, "seen: the row is plain again");

    // A failure seen nowhere yet: dismissed on the row, it stays dismissed.
    await apiAnswer(page, "POST", vmActionPath(web, "start"));
    await row.waitFor();
    await mark.getByRole("button", { name: "Dismiss the failure of web" }).click();
    await row.waitFor({ state: "detached" });
    await page.reload();
    await listReady(page);
    await page.waitForTimeout(500);
    assertEquals(await page.locator(".vm-failure").count(), 0, "dismissed stays dismissed");

    // A batch: db starts, web fails; only web's row is marked, in its own words.
    await page.getByRole("checkbox", { name: "Select web" }).check();
    await page.getByRole("checkbox", { name: "Select db" }).check();
    await page.locator(".batch-bar").getByRole("button", { name: "Start", exact: true }).click();
    const batchMark = page.locator(`[data-vm-failure="${web}"]`);
    await batchMark.waitFor();
    assertMatch(await batchMark.textContent() ?? "", ALREADY);
    const db = await vmId(server, "db");
    assertEquals(await page.locator(`[data-vm-failure="${db}"]`).count(), 0);
  });
});

/** Running VMs with long names: starting them all fails with one long message. */
const MANY: TestDomainSpec[] = Array.from({ length: 8 }, (_, i) => ({
  name: `a-rather-long-vm-name-number-${i}`,
  runstate: 1,
  vcpus: 1,
  memoryMb: 256,
}));

Deno.test("errors browser - a task's details show its whole message, times, user and target", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/tasks`);
    await shellReady(page);
    const ids = await Promise.all(MANY.map((d) => vmId(server, d.name)));
    const answer = await apiAnswer(page, "POST", "/api/vms/batch", { action: "start", ids });
    assertEquals(answer.status, 200);
    const tasks = await page.evaluate(async () => (await fetch("/api/tasks")).json());
    const task = tasks.find((t: { action: string }) => t.action === "vm.batch") ??
      tasks[0];
    assertEquals(task.status, "failed");
    assert(task.message.length > 300, `a long message (${task.message.length})`);

    await page.reload();
    const row = page.locator(`#task-${task.id}`);
    await row.waitFor();
    // The table shows two lines of it ...
    const cell = row.locator(".task-message");
    const clipped = await cell.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
    assert(clipped, "the list cuts a long message short");
    // ... its details all of it.
    await row.getByRole("link", { name: "Start" }).click();
    const dialog = page.getByRole("dialog", { name: "Task details" });
    await dialog.waitFor();
    const message = dialog.locator(".task-detail-message");
    assertEquals(await message.textContent(), task.message);
    assert(
      await message.evaluate((el) => el.scrollHeight <= el.clientHeight + 1),
      "nothing of it is hidden",
    );
    const facts = await dialog.locator("dl").textContent() ?? "";
    for (const word of ["Target", "User", "root", "Started", "Ended", "Duration"]) {
      assert(facts.includes(word), `${word} in ${facts}`);
    }
    assert(facts.includes(MANY[0].name), "the target names the VMs");
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "hidden" });

    // A link to it (a toast's, a row mark's) opens it at once.
    await page.goto(`${server.url}/tasks?id=${task.id}`);
    await dialog.waitFor();
    assertEquals(await message.textContent(), task.message);
  }, MANY);
});

Deno.test("errors browser - success toasts go after a few seconds, stay on their page, at most 3, clear of the row actions", async () => {
  await withDemoServer(async (page, server) => {
    const db = await vmId(server, "db");
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms`);
    await listReady(page);
    await apiAnswer(page, "POST", vmActionPath(db, "start"));
    const started = toasts(page).filter({ hasText: "Started db" });
    await started.waitFor();
    const shownAt = Date.now();
    await started.waitFor({ state: "detached", timeout: 8_000 });
    const lasted = Date.now() - shownAt;
    assert(lasted < 5_500, `went after ${lasted} ms`);

    // Many at once: at most 3 show, and none covers a row's actions.
    for (const action of ["pause", "resume", "pause", "resume"]) {
      assertEquals((await apiAnswer(page, "POST", vmActionPath(web, action))).status, 200);
    }
    await page.waitForFunction(() => document.querySelectorAll(".toast-note").length >= 3);
    await page.waitForTimeout(300);
    assert((await toasts(page).count()) <= 3, "at most 3 toasts");
    const stack = (await page.locator(".toast-stack").boundingBox())!;
    for (
      const box of await page.locator("td.row-actions").evaluateAll((cells) =>
        cells.map((c) => c.getBoundingClientRect().toJSON())
      )
    ) {
      const apart = stack.x + stack.width <= box.x || box.x + box.width <= stack.x ||
        stack.y + stack.height <= box.y || box.y + box.height <= stack.y;
      assert(apart, `toasts ${JSON.stringify(stack)} cover row actions ${JSON.stringify(box)}`);
    }

    // A success seen here does not follow to the next page.
    await page.waitForTimeout(2_000);
    assert((await toasts(page).count()) > 0, "still showing when leaving");
    await page.goto(`${server.url}/tasks`);
    await shellReady(page);
    await page.waitForTimeout(500);
    assertEquals(await toasts(page).count(), 0, "no success toast on the next page");
  });
});

Deno.test("errors browser - the console's Scale to fit fits a 1280×800 window", async () => {
  await withDemoServer(async (page, server) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms/${web}/console`);
    const screen = page.locator("#vnc-screen");
    await screen.waitFor();
    await page.getByRole("button", { name: "Scale to fit" }).waitFor();
    await page.waitForTimeout(300);
    const fit = await page.evaluate(() => ({
      bottom: document.querySelector("#vnc-screen")!.getBoundingClientRect().bottom,
      height: document.querySelector("#vnc-screen")!.getBoundingClientRect().height,
      page: document.documentElement.scrollHeight,
      inner: innerHeight,
    }));
    assert(fit.bottom <= fit.inner, `the screen ends at ${fit.bottom} in ${fit.inner} px`);
    assert(fit.page <= fit.inner, `the page is ${fit.page} px tall in ${fit.inner} px`);
    assert(fit.height >= 300, `the screen is ${fit.height} px tall`);
  });
});

Deno.test("errors browser - the not-found page says each thing once", async () => {
  await withDemoServer(async (page, server) => {
    for (
      const [path, words] of [["/storage/nope", "Storage pool not found"], [
        "/networks/nope",
        "Network not found",
      ]]
    ) {
      const res = await page.goto(`${server.url}${path}`);
      assertEquals(res?.status(), 404);
      const text = await page.locator("main .error-page").innerText();
      assertEquals(text.split(words).length - 1, 1, `"${words}" once in ${JSON.stringify(text)}`);
    }
  });
});
