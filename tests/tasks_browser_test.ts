// Browser tier for the task log (issue 23 item 4): the top bar's Tasks button and panel, the
// toasts that tell the signed-in user how their tasks ended, and the /tasks page.

import type { Page } from "playwright-core";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { adminHeaders, apiAnswer, vmId, withDemoServer } from "./support/browser_helpers.ts";
import { vmActionPath } from "../shared/api_paths.ts";

const PHONE = { width: 390, height: 844 };

const tasksButton = (page: Page) => page.locator("#tasks-button");
const panel = (page: Page) => page.getByRole("dialog", { name: "Recent tasks" });
const toasts = (page: Page) => page.locator(".toast-stack .toast-note");

/** Waits until the shell bundle has hydrated the task panel (its button then toggles it). */
async function shellReady(page: Page) {
  await page.waitForFunction(() =>
    document.querySelector("#tasks-button") !== null &&
    // Preact keeps its virtual node on hydrated elements.
    Object.keys(document.querySelector("#tasks-button")!).some((k) => k.startsWith("__"))
  );
}

async function noSidewaysScroll(page: Page, what: string) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: globalThis.innerWidth,
  }));
  assert(scroll <= inner, `${what}: ${scroll} px wide in a ${inner} px window`);
}

Deno.test("tasks browser - starting a VM from its page: a toast names it and links to the task; the panel lists it", async () => {
  await withDemoServer(async (page, server) => {
    const db = await vmId(server, "db");
    await page.goto(`${server.url}/vms/${db}`);
    await shellReady(page);
    await page.getByRole("button", { name: "Start", exact: true }).click();

    const toast = toasts(page).filter({ hasText: "Started db" });
    await toast.waitFor();
    assertEquals(await toast.getAttribute("role"), "status");
    const link = toast.getByRole("link", { name: "View task" });
    const href = (await link.getAttribute("href"))!;
    assertMatch(href, /^\/tasks#task-\d+$/);

    // The panel lists the task with its result; nothing is running any more.
    await tasksButton(page).click();
    await panel(page).waitFor();
    // Focus moves in once the open panel has rendered (an effect after paint): wait for it.
    await page.waitForFunction(() => document.activeElement?.id === "task-panel", null, {
      timeout: 5_000,
    });
    const item = panel(page).locator(".task-item", { hasText: "db" }).first();
    await item.getByText("Done").waitFor();
    assertEquals(await item.locator(".task-title").textContent(), "Start");
    assertEquals(await item.getByRole("link", { name: "db" }).getAttribute("href"), `/vms/${db}`);
    assertEquals(await tasksButton(page).locator(".tasks-count").count(), 0, "0 running");
    // Escape closes it and gives focus back to the button; so does a click outside.
    await page.keyboard.press("Escape");
    await panel(page).waitFor({ state: "hidden" });
    assertEquals(await page.evaluate(() => document.activeElement?.id), "tasks-button");
    await tasksButton(page).click();
    await panel(page).waitFor();
    await page.locator("main h1").first().click();
    await panel(page).waitFor({ state: "hidden" });

    // A success goes by itself.
    await toast.waitFor({ state: "detached", timeout: 9000 });

    // The toast's link opens the task on /tasks, highlighted.
    await page.goto(`${server.url}${href}`);
    const row = page.locator(`tr${href.slice("/tasks".length)}`);
    await row.waitFor();
    assertEquals(await row.getAttribute("aria-current"), "true");
    assertMatch(await row.textContent() ?? "", /Done.*Start.*db.*root/);
  });
});

Deno.test("tasks browser - a running task is counted until it ends; a long one toasts its start, then its result in place", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await shellReady(page);
    // Events drive the count: one task announced running, then ended.
    const task = server.ctx.tasks.start({
      action: "vm.clone",
      user: "root",
      hostId: "local",
      target: { kind: "vm", id: "u-1", name: "web-copy" },
    });
    const count = tasksButton(page).locator(".tasks-count");
    await count.waitFor();
    assertMatch(await count.textContent() ?? "", /^1\s*running$/);
    // Still running after 2 s: the toast says so.
    const toast = toasts(page).first();
    await toast.filter({ hasText: "Clone VM web-copy: running…" }).waitFor({ timeout: 5000 });
    const key = await toast.getAttribute("data-key");
    task.succeed();
    await count.waitFor({ state: "detached" });
    await toast.filter({ hasText: "Cloned VM web-copy" }).waitFor();
    assertEquals(await toasts(page).count(), 1, "the start's toast became the result's");
    assertEquals(await toast.getAttribute("data-key"), key);
  });
});

Deno.test("tasks browser - a task that began as the page loaded still toasts its start", async () => {
  await withDemoServer(async (page, server) => {
    // Started before the page's event stream connects: the page finds it in the task list.
    server.ctx.tasks.start({
      action: "vm.clone",
      user: "root",
      hostId: "local",
      target: { kind: "vm", id: "u-2", name: "db-copy" },
    });
    await page.goto(`${server.url}/vms`);
    await toasts(page).filter({ hasText: "Clone VM db-copy: running…" }).waitFor({ timeout: 5000 });
  });
});

Deno.test("tasks browser - the panel's Cancel stops a cancellable task; its toast says so", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await shellReady(page);
    const task = server.ctx.tasks.start({
      action: "volume.upload",
      user: "root",
      hostId: "local",
      target: { kind: "volume", id: "default/big.iso", name: "big.iso" },
      cancel: () => task.cancelled(),
    });
    task.progress(0.25);
    await tasksButton(page).click();
    const item = panel(page).locator(".task-item", { hasText: "big.iso" });
    await item.getByRole("progressbar").waitFor();
    assertEquals(
      await item.getByRole("link", { name: "big.iso" }).getAttribute("href"),
      "/storage/default",
    );
    await item.getByRole("button", { name: "Cancel Upload volume big.iso" }).click();
    await item.getByText("Cancelled", { exact: true }).first().waitFor();
    assertEquals(await item.getByRole("button", { name: /^Cancel/ }).count(), 0);
    await toasts(page).filter({ hasText: "Upload volume big.iso cancelled" }).waitFor();
  });
});

Deno.test("tasks browser - Cancel shows only where the server would allow it: own tasks, admins, never viewers", async () => {
  const upload = (server: Parameters<Parameters<typeof withDemoServer>[0]>[1], user: string) => {
    const task = server.ctx.tasks.start({
      action: "volume.upload",
      user,
      hostId: "local",
      target: { kind: "volume", id: `default/${user}.iso`, name: `${user}.iso` },
      cancel: () => task.cancelled(),
    });
  };
  const cancels = (page: Page) => page.getByRole("button", { name: /^Cancel Upload volume/ });
  // An operator: Cancel on their own upload only, in the panel and on /tasks.
  await withDemoServer(
    async (page, server) => {
      upload(server, "root");
      upload(server, "otto");
      await page.goto(`${server.url}/tasks`);
      await shellReady(page);
      await page.locator(".task-row", { hasText: "otto.iso" }).waitFor();
      await cancels(page).first().waitFor();
      assertEquals(await cancels(page).allTextContents(), ["Cancel"]);
      assertEquals(
        await cancels(page).first().getAttribute("aria-label"),
        "Cancel Upload volume otto.iso",
      );
      await tasksButton(page).click();
      await panel(page).locator(".task-item", { hasText: "root.iso" }).waitFor();
      assertEquals(await panel(page).getByRole("button", { name: /^Cancel/ }).count(), 1);
    },
    undefined,
    { signInAs: { user: "otto", role: "operator" } },
  );
  // A viewer: none, even on a task under their name.
  await withDemoServer(
    async (page, server) => {
      upload(server, "vera");
      await page.goto(`${server.url}/tasks`);
      await shellReady(page);
      await page.locator(".task-row", { hasText: "vera.iso" }).waitFor();
      await tasksButton(page).click();
      await panel(page).locator(".task-item", { hasText: "vera.iso" }).waitFor();
      assertEquals(await cancels(page).count(), 0);
    },
    undefined,
    { signInAs: { user: "vera", role: "viewer" } },
  );
  // An admin: on anyone's, on /tasks too.
  await withDemoServer(async (page, server) => {
    upload(server, "otto");
    await page.goto(`${server.url}/tasks`);
    await shellReady(page);
    await page.getByRole("button", { name: "Cancel Upload volume otto.iso" }).click();
    await page.locator(".task-row", { hasText: "otto.iso" }).locator(".task-status-cancelled")
      .waitFor();
  });
});

Deno.test("tasks browser - a refused operation: a failure toast in the API's words stays until dismissed", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms/${web}`);
    await shellReady(page);
    // web is running: starting it again is refused (409, libvirt's words).
    const answer = await apiAnswer(page, "POST", vmActionPath(web, "start"));
    assertEquals(answer.status, 409);
    const toast = toasts(page).filter({ hasText: `Start web failed: ${answer.message}` });
    await toast.waitFor();
    assertEquals(await toast.getAttribute("role"), "alert");
    assertMatch(
      (await toast.getByRole("link", { name: "View task" }).getAttribute("href"))!,
      /^\/tasks#task-\d+$/,
    );
    // Still there well after a success would have gone, until dismissed.
    await page.waitForTimeout(7000);
    assertEquals(await toast.count(), 1);
    await toast.getByRole("button", { name: "Dismiss" }).click();
    await toast.waitFor({ state: "detached" });
    // Refused again and not dismissed: it belongs to that page. The next page does not show
    // it; the task log keeps it.
    assertEquals((await apiAnswer(page, "POST", vmActionPath(web, "start"))).status, 409);
    await toast.waitFor();
    await page.goto(`${server.url}/tasks`);
    await shellReady(page);
    await page.locator("tr", { hasText: answer.message }).first().waitFor();
    await page.waitForTimeout(500);
    assertEquals(await toast.count(), 0, "the failure stayed on its page");
  });
});

Deno.test("tasks browser - /tasks lists operations with their results, filters and sorts", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    const db = await vmId(server, "db");
    const headers = adminHeaders(server);
    const post = (path: string) =>
      fetch(`${server.url}${path}`, { method: "POST", headers }).then((r) => r.body?.cancel());
    await post(vmActionPath(db, "start"));
    await post(vmActionPath(web, "start")); // refused: already running

    await page.goto(`${server.url}/tasks`);
    const rows = page.locator("tr.task-row");
    await rows.first().waitFor();
    const done = rows.filter({ hasText: "db" });
    assertMatch(await done.textContent() ?? "", /Done.*Start.*db/);
    const failed = rows.filter({ hasText: "web" });
    assertMatch(await failed.textContent() ?? "", /Failed.*Start.*web.*already running/);

    // Live: a new task appears without a reload.
    await post(vmActionPath(db, "pause"));
    await rows.filter({ hasText: "Pause" }).waitFor();

    await page.getByLabel("Status").selectOption("failed");
    assertEquals(await rows.count(), 1);
    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Find").fill("web");
    assertEquals(await rows.count(), 1);
    await page.getByLabel("Find").fill("");

    // Sort by target: cache < db < web, then back.
    await page.getByRole("button", { name: "Target" }).click();
    const targets = await rows.locator("td.task-target-cell").allTextContents();
    assertEquals(targets, [...targets].sort());
    assertEquals(
      await page.locator("th", { hasText: "Target" }).getAttribute("aria-sort"),
      "ascending",
    );
  });
});

Deno.test("tasks browser - a phone: the panel fits 390 px, no sideways scroll; toasts span the bottom", async () => {
  await withDemoServer(async (page, server) => {
    await page.setViewportSize(PHONE);
    const db = await vmId(server, "db");
    await page.goto(`${server.url}/vms/${db}`);
    await shellReady(page);
    await apiAnswer(page, "POST", vmActionPath(db, "start"));
    const toast = toasts(page).filter({ hasText: "Started db" });
    await toast.waitFor();
    const box = (await toast.boundingBox())!;
    assert(box.x >= 0 && box.x + box.width <= PHONE.width, `toast on screen: ${box.x}`);
    assert(box.y + box.height <= PHONE.height && box.y > PHONE.height / 2, "at the bottom");

    await tasksButton(page).click();
    await panel(page).waitFor();
    const p = (await panel(page).boundingBox())!;
    assert(p.x >= 0 && p.x + p.width <= PHONE.width, `panel on screen: ${p.x} + ${p.width}`);
    await panel(page).locator(".task-item", { hasText: "db" }).first().waitFor();
    await noSidewaysScroll(page, "VM page with the panel open");
    await panel(page).getByRole("link", { name: "Show all" }).click();
    await page.waitForURL(/\/tasks$/);
    await page.locator("tr.task-row").first().waitFor();
    await noSidewaysScroll(page, "/tasks");
  });
});

Deno.test("tasks browser - feedback in view: creating a VM and a template, a refused volume delete", async () => {
  await withDemoServer(async (page, server) => {
    // The wizard moves to the new VM's page as it succeeds: the toast is there, in view.
    await page.goto(`${server.url}/vms/new`);
    await page.locator("#wiz-name:enabled").waitFor();
    await page.fill("#wiz-name", "toast-vm");
    const next = page.getByRole("button", { name: "Next", exact: true });
    for (let step = 0; step < 4; step++) await next.click();
    await page.getByText("The host accepts this configuration.").waitFor();
    await page.getByRole("button", { name: "Create VM" }).click();
    await page.waitForURL(/\/vms\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const created = toasts(page).filter({ hasText: "Created VM toast-vm" });
    await created.waitFor();
    await inViewport(page, created, "the VM's toast");

    // A template from a VM.
    await page.goto(`${server.url}/templates`);
    await page.getByRole("button", { name: "Template from a VM" }).click();
    const fromVm = page.getByRole("form", { name: "Template from a VM" });
    await fromVm.locator("#tpl-vm option", { hasText: "db" }).waitFor({ state: "attached" });
    await fromVm.getByLabel("VM").selectOption({ label: "db" });
    await fromVm.getByLabel("Template name").fill("from-db");
    await fromVm.getByRole("button", { name: "Create template" }).click();
    const template = toasts(page).filter({ hasText: "Created template from-db" });
    await template.waitFor();
    await inViewport(page, template, "the template's toast");

    // Deleting a volume a VM uses is refused: the words are in view, however long the page.
    await page.setViewportSize({ width: 1280, height: 500 });
    await page.goto(`${server.url}/storage/default`);
    const row = page.locator("tr", { hasText: "web.qcow2" });
    await row.getByRole("button", { name: /Delete/ }).click();
    await page.locator("dialog[open]").getByRole("button", { name: "Delete" }).click();
    const refused = toasts(page).filter({
      hasText: /Delete volume web\.qcow2 failed: .*used by VM web/,
    });
    await refused.waitFor();
    assertEquals(await refused.getAttribute("role"), "alert");
    await inViewport(page, refused, "the refusal's toast");
  });
});

async function inViewport(page: Page, what: ReturnType<Page["locator"]>, name: string) {
  const box = (await what.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  assert(
    box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width,
    `${name} is in the viewport: ${JSON.stringify(box)}`,
  );
}
