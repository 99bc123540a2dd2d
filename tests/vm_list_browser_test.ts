// Browser tier for the VM list's table: sorting kept in the URL, the column chooser, the phone
// width, thousands of rows, the dashboard's counts and the all-hosts view.

import type { Page } from "playwright-core";
import { assert, assertEquals } from "./support/assert.ts";
import { withDemoServer } from "./support/browser_helpers.ts";

const READY = "input[aria-label='Select all shown VMs']:not([disabled])";
const VMS = [
  { name: "alpha", runstate: 1 as const, vcpus: 4, memoryMb: 2048 },
  { name: "Bravo", runstate: 5 as const, vcpus: 1, memoryMb: 512 },
  { name: "charlie", runstate: 1 as const, vcpus: 2, memoryMb: 1024 },
];

const names = (page: Page) => page.locator("tr[data-vm-id] td.vm-name a").allTextContents();

Deno.test("vm list browser - sorting by a header, both ways, kept in the URL", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await page.locator(READY).waitFor();
    assertEquals(await names(page), ["alpha", "Bravo", "charlie"]);
    const name = page.getByRole("columnheader", { name: "Name" });
    assertEquals(await name.getAttribute("aria-sort"), "ascending");

    await name.getByRole("button").click();
    assertEquals(await names(page), ["charlie", "Bravo", "alpha"]);
    assertEquals(await name.getAttribute("aria-sort"), "descending");
    assert(page.url().endsWith("/vms?sort=name&dir=desc"), page.url());

    // Keyboard: Enter on the vCPUs header sorts by it.
    const vcpus = page.getByRole("columnheader", { name: "vCPUs" });
    await vcpus.getByRole("button").focus();
    await page.keyboard.press("Enter");
    assertEquals(await names(page), ["Bravo", "charlie", "alpha"]);
    assertEquals(await vcpus.getAttribute("aria-sort"), "ascending");
    assertEquals(await name.getAttribute("aria-sort"), "none");

    // The URL is shareable: a fresh page with it sorts the same, with the filter.
    await page.goto(`${server.url}/vms?state=running&sort=memory&dir=desc`);
    await page.locator(READY).waitFor();
    assertEquals(await names(page), ["alpha", "charlie"]);
    assertEquals(
      await page.getByRole("columnheader", { name: "Memory", exact: true }).getAttribute(
        "aria-sort",
      ),
      "descending",
    );
  }, VMS);
});

Deno.test("vm list browser - loading the page lists the VMs once (the tree's), not again for the table", async () => {
  await withDemoServer(async (page, server) => {
    const lists: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/vms" && r.method() === "GET") lists.push(r.url());
    });
    await page.goto(`${server.url}/vms`);
    await page.locator(READY).waitFor();
    await page.locator(".sidebar a.tree-vm").first().waitFor();
    // The stream's first event (the connection status) has arrived and been handled by now.
    await page.waitForFunction(() =>
      (globalThis as { kvmmEvents?: { source: EventSource | null } }).kvmmEvents?.source
        ?.readyState === EventSource.OPEN
    );
    await page.waitForTimeout(500);
    assertEquals(lists.length, 1, lists.join(", "));
    // A real change still reaches the table.
    const bravo = (await server.ctx.vms.listVms()).find((vm) => vm.name === "Bravo")!;
    await server.ctx.vms.vmAction(bravo.id, "start");
    await page.locator("tr[data-vm-id] .badge", { hasText: "Running" }).nth(2).waitFor();
  }, VMS);
});

Deno.test("vm list browser - the column chooser hides a column and remembers it", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await page.locator(READY).waitFor();
    const header = page.getByRole("columnheader", { name: "IP address" });
    await header.waitFor();
    await page.locator(".column-chooser summary").click();
    await page.getByRole("checkbox", { name: "IP address" }).uncheck();
    await header.waitFor({ state: "detached" });
    await page.reload();
    await page.locator(READY).waitFor();
    await page.getByRole("columnheader", { name: "vCPUs" }).waitFor();
    assertEquals(await header.count(), 0, "still hidden after a reload");
    await page.locator(".column-chooser summary").click();
    assert(!(await page.getByRole("checkbox", { name: "IP address" }).isChecked()));
  }, VMS);
});

Deno.test("vm list browser - the Uptime column, once chosen, says how long each VM has been up", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await page.locator(READY).waitFor();
    const header = page.getByRole("columnheader", { name: "Uptime" });
    assertEquals(await header.count(), 0, "off until chosen");
    await page.locator(".column-chooser summary").click();
    await page.getByRole("checkbox", { name: "Uptime" }).check();
    await header.waitFor();
    const cell = (name: string) =>
      page.locator(`tr[data-vm-id]:has(a:text-is("${name}")) td.vm-uptime`);
    // The demo's VMs came up when the server opened the test driver, moments ago.
    assert(/^(< 1m|\d+m)$/.test(await cell("alpha").innerText()), await cell("alpha").innerText());
    assertEquals(await cell("Bravo").innerText(), "—");
    assertEquals(
      await cell("Bravo").locator("span").getAttribute("title"),
      "The VM is not running",
    );
  }, VMS);
});

Deno.test("vm list browser - at 390 px: name, state and actions, no sideways page scroll", async () => {
  await withDemoServer(async (page, server) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/vms`);
    await page.locator(READY).waitFor();
    const visible = await page.locator(".vm-table thead th").evaluateAll((ths) =>
      ths.filter((th) => (th as HTMLElement).offsetParent !== null).map((th) =>
        th.textContent?.replace(/[↕▲▼]/g, "").trim()
      )
    );
    assertEquals(visible, ["", "Name", "State", "Actions"]);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert(scroll <= client, `page is ${scroll} px wide in a ${client} px viewport`);
  }, VMS);
});

Deno.test("vm list browser - the dashboard's state counts open the filtered list", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "Running 2" }).click();
    await page.waitForURL(/\/vms\?state=running$/);
    await page.locator(READY).waitFor();
    assertEquals(await names(page), ["alpha", "charlie"]);
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "Stopped 1" }).click();
    await page.waitForURL(/\/vms\?state=stopped$/);
    assertEquals(await names(page), ["Bravo"]);
  }, VMS);
});

Deno.test("vm list browser - 1,000 VMs: only a screenful of rows, the last one reached by scrolling", async () => {
  const many = Array.from({ length: 1000 }, (_, i) => ({
    name: `vm-${String(i).padStart(4, "0")}`,
    runstate: 5 as const,
  }));
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await page.locator(READY).waitFor();
    await page.getByText("1000 VMs").waitFor();
    const rendered = await page.locator("tr[data-vm-id]").count();
    assert(rendered > 10 && rendered < 100, `${rendered} rows rendered`);
    await page.locator(".data-table-virtual").evaluate((el) => el.scrollTop = el.scrollHeight);
    await page.getByRole("link", { name: "vm-0999", exact: true }).waitFor();
    // Selection still spans every shown row, rendered or not.
    await page.getByLabel("Select all shown VMs").check();
    await page.getByRole("region", { name: "Batch actions" }).getByText("1000 selected").waitFor();
  }, many);
});

Deno.test("vm list browser - all hosts: the same table with a Host column, search and actions", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms?host=all`);
    await page.locator(READY).waitFor();
    const table = page.getByRole("table", { name: "Virtual machines on all hosts" });
    await table.getByRole("columnheader", { name: "Host" }).waitFor();
    await page.getByLabel("Search", { exact: true }).fill("bra");
    assertEquals(await names(page), ["Bravo"]);
    assert(page.url().includes("host=all") && page.url().includes("q=bra"), page.url());
    await page.getByRole("button", { name: "Start Bravo" }).click();
    await table.locator("tr", { hasText: "Bravo" }).getByText("Running").waitFor();
    assertEquals(
      (await server.ctx.vms.listVms()).find((v) => v.name === "Bravo")?.state,
      "running",
    );
  }, VMS);
});
