// Browser tier for the lists at every width (issue 45 item 4): the VM list's row actions in view
// at 1024 and 1280 px (pinned, with words), a VM card started with one tap on a phone, the host
// switcher and user menu in a phone's drawer, and the storage, network and audit tables whose
// cells keep to their columns at 1280 and 1024 px.

import type { Page } from "playwright-core";
import { assert, assertEquals } from "./support/assert.ts";
import { signIn, withDemoServer } from "./support/browser_helpers.ts";
import { writeTestNode } from "./support/test_node.ts";

const READY = "input[aria-label='Select all shown VMs']:not([disabled])";
const PHONE = { width: 390, height: 844 };
const VMS = [
  { name: "alpha", runstate: 1 as const, vcpus: 4, memoryMb: 2048 },
  { name: "Bravo", runstate: 5 as const, vcpus: 1, memoryMb: 512 },
  { name: "charlie", runstate: 3 as const, vcpus: 2, memoryMb: 1024 },
  { name: "delta-build-runner-with-a-rather-long-name-01", runstate: 5 as const, vcpus: 8 },
];

/** Every row's primary action: its words, and whether it is in the window and not covered. */
function primaryActions(page: Page) {
  return page.locator("tr[data-vm-id]").evaluateAll((rows) =>
    rows.map((tr) => {
      const button = tr.querySelector<HTMLElement>("td.row-actions .row-action")!;
      const box = button.getBoundingClientRect();
      const wrap = tr.closest(".data-table-wrap")!.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const hit = document.elementFromPoint(x, y);
      return {
        vm: tr.getAttribute("data-vm"),
        words: button.textContent?.trim(),
        icon: button.querySelector("svg")?.innerHTML ?? "",
        inWindow: box.left >= 0 && box.right <= innerWidth && box.width > 0,
        inScroller: box.left >= wrap.left && box.right <= wrap.right,
        onTop: !!hit && button.contains(hit),
      };
    })
  );
}

/** The table's scroller: how much wider its table is than what it shows. */
const hiddenSideways = (page: Page, table = ".vm-table") =>
  page.locator(table).evaluate((t) => {
    const wrap = t.closest(".data-table-wrap, .table-scroll")!;
    return wrap.scrollWidth - wrap.clientWidth;
  });

Deno.test("widths browser - at 1280 and 1024 px every row's primary action is in view, in words", async () => {
  await withDemoServer(async (page, server) => {
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/vms`);
      await page.locator(READY).waitFor();
      assertEquals(await hiddenSideways(page), 0, `${width} px: the table scrolls sideways`);
      const actions = await primaryActions(page);
      assertEquals(actions.map((a) => `${a.vm}: ${a.words}`), [
        "alpha: Shut down",
        "Bravo: Start",
        "charlie: Resume",
        "delta-build-runner-with-a-rather-long-name-01: Start",
      ]);
      for (const a of actions) {
        assert(a.inWindow && a.inScroller && a.onTop, `${width} px, ${a.vm}: ${JSON.stringify(a)}`);
      }
      const icon = (vm: string) => actions.find((a) => a.vm === vm)!.icon;
      assert(icon("Bravo") !== icon("charlie"), "Start and Resume have icons of their own");
    }

    // Every column chosen at 1280 px: the table is wider than its place and scrolls, but the
    // pinned actions stay in view over the columns beneath them.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator(".column-chooser summary").click();
    for (const name of ["OS", "Autostart", "Uptime", "Memory use", "Tags", "vCPUs", "Memory"]) {
      await page.getByRole("checkbox", { name, exact: true }).check();
    }
    await page.locator(".column-chooser summary").click();
    assert(await hiddenSideways(page) > 0, "all columns overflow at 1280 px");
    for (const a of await primaryActions(page)) {
      assert(a.inWindow && a.inScroller && a.onTop, `all columns, ${a.vm}: ${JSON.stringify(a)}`);
    }
    await page.getByRole("button", { name: "Start Bravo" }).click();
    await page.locator("tr[data-vm='Bravo'] .badge", { hasText: "Running" }).waitFor();
  }, VMS);
});

Deno.test("widths browser - at 390 px each VM is a card that starts with one tap on a 44 px button", async () => {
  await withDemoServer(async (page, server) => {
    const phone = await page.context().browser()!.newContext({
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
    });
    try {
      const tab = await phone.newPage();
      await signIn(tab, server);
      await tab.goto(`${server.url}/vms`);
      await tab.locator(READY).waitFor();
      const start = tab.getByRole("button", { name: "Start Bravo" });
      const box = (await start.boundingBox())!;
      assert(box.height >= 44, `Start is ${box.height} px tall`);
      assert(box.width >= PHONE.width / 2, `Start is ${box.width} px wide`);
      assert(box.x >= 0 && box.x + box.width <= PHONE.width, `Start on screen: ${box.x}`);
      // The rest is in the card's More menu, as tall.
      const more = tab.getByRole("button", { name: "More actions for alpha" });
      assert(((await more.boundingBox())!.height) >= 44, "More is 44 px tall");
      const { scroll, inner } = await tab.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: globalThis.innerWidth,
      }));
      assert(scroll <= inner, `the page is ${scroll} px wide in a ${inner} px window`);

      await start.tap();
      await tab.locator("tr[data-vm='Bravo'] .badge", { hasText: "Running" }).waitFor();
      assertEquals(
        (await server.ctx.vms.listVms()).find((v) => v.name === "Bravo")?.state,
        "running",
      );
      await tab.getByRole("button", { name: "Shut down Bravo" }).waitFor();
    } finally {
      await phone.close();
    }
  }, VMS);
});

Deno.test("widths browser - at 390 px a thousand VMs are cards too, each with its Start", async () => {
  const many = Array.from({ length: 1000 }, (_, i) => ({
    name: `vm-${String(i).padStart(4, "0")}`,
    runstate: 5 as const,
  }));
  await withDemoServer(async (page, server) => {
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/vms`);
    await page.locator(READY).waitFor();
    await page.locator(".data-table-virtual").waitFor();
    const start = page.getByRole("button", { name: "Start vm-0001", exact: true });
    const box = (await start.boundingBox())!;
    assert(box.height >= 44 && box.y + box.height <= PHONE.height, `Start: ${JSON.stringify(box)}`);
    await page.locator(".data-table-virtual").evaluate((el) => el.scrollTop = el.scrollHeight);
    const last = page.getByRole("button", { name: "Start vm-0999", exact: true });
    await last.waitFor();
    assert((await last.boundingBox())!.height >= 44, "the last card's Start is whole");
  }, many);
});

Deno.test("widths browser - at 390 px the host switcher and the user menu are in the drawer", async () => {
  const far = await writeTestNode([{ name: "far-web", runstate: 5 }]);
  try {
    await withDemoServer(async (page, server) => {
      server.ctx.hosts.add({ name: "Far", uri: far.uri });
      await page.setViewportSize(PHONE);
      await page.goto(`${server.url}/vms`);
      await page.locator(READY).waitFor();
      const topbar = page.locator("header.topbar");
      assertEquals(await topbar.locator("select[name='host']").count(), 0, "not in the top bar");
      assertEquals(await topbar.locator(".user-menu").count(), 0, "no user menu in the top bar");

      await page.getByRole("button", { name: "Navigation" }).click();
      const drawer = page.locator("#sidebar");
      const host = drawer.getByRole("combobox", { name: "Host" });
      await host.waitFor();
      // The drawer slides in.
      await page.waitForFunction(() =>
        document.getElementById("sidebar")!.getBoundingClientRect().left >= 0
      );
      const box = (await host.boundingBox())!;
      assert(box.x >= 0 && box.x + box.width <= PHONE.width && box.height >= 44, `${box.x}`);
      await drawer.getByRole("button", { name: /root/ }).click();
      const signOut = drawer.getByRole("button", { name: "Sign out" });
      assert(await signOut.isVisible(), "Sign out in the drawer");
      await host.selectOption("far");
      await page.waitForURL(/\/vms\?host=far$/);
      await page.getByRole("link", { name: "far-web" }).first().waitFor();

      // A wide window puts them back in the top bar.
      await page.setViewportSize({ width: 1280, height: 900 });
      await topbar.locator("select[name='host']").waitFor();
      await topbar.getByRole("button", { name: /root/ }).waitFor();
      assertEquals(await drawer.locator("select[name='host']").count(), 0);
    });
  } finally {
    await far.remove();
  }
});

/** A node with a pool of a long path and a network of two DHCP ranges. */
const LONG_ONES = `
  <network><name>lab-isolated-network-with-a-long-name</name>
    <uuid>dd8fe884-6c02-601e-7551-cca97df1c5e0</uuid><bridge name='virbr7'/>
    <ip address='10.220.130.1' netmask='255.255.255.0'><dhcp>
      <range start='10.220.130.100' end='10.220.130.254'/>
      <range start='10.220.130.20' end='10.220.130.60'/>
    </dhcp></ip></network>
  <pool type='dir'><name>archive-images-kept-for-years</name>
    <uuid>35bb2ad9-388a-cdfe-461a-b8907f6e53ff</uuid>
    <capacity unit='GiB'>2000</capacity><allocation unit='GiB'>1200</allocation>
    <available unit='GiB'>800</available>
    <target><path>/srv/storage/a/very/long/path/to/the/archive/of/virtual-machine-images</path></target>
  </pool>`;

const LONG_MESSAGE = "The guest did not answer the shutdown request within 300 seconds; it " +
  "was left running. Check that ACPI is on in the guest, or that its agent runs, then try again.";

/**
 * Cells whose content runs past them: wider than the cell, unless cut short with an ellipsis and
 * the whole text in a title. And the table's own overflow past its scroller.
 */
function overflowing(page: Page, table: string) {
  return page.locator(table).evaluate((t) => {
    const wrap = t.closest(".data-table-wrap, .table-scroll")!;
    const cells = [...t.querySelectorAll<HTMLElement>("tbody td")];
    const bad = cells.filter((td) => {
      if (td.scrollWidth <= td.clientWidth + 1) {
        const clip = td.querySelector<HTMLElement>(".clip");
        if (!clip || clip.scrollWidth <= clip.clientWidth + 1) return false;
        return clip.title !== clip.textContent;
      }
      return true;
    }).map((td) => td.textContent);
    return { bad, sideways: wrap.scrollWidth - wrap.clientWidth };
  });
}

Deno.test("widths browser - at 1280 and 1024 px the storage, network and audit tables keep each cell in its column", async () => {
  await withDemoServer(
    async (page, server) => {
      server.ctx.audit.record({
        user: "root",
        via: "session",
        action: "vm.stop",
        method: "POST",
        path: "/api/vms/x/stop",
        target: "web",
        status: 409,
        result: "error",
        errorCode: "OPERATION_TIMEOUT",
        message: LONG_MESSAGE,
      });
      // A target no VM here has (a deleted VM): its UUID, shortened to one line.
      server.ctx.audit.record({
        user: "root",
        via: "session",
        action: "vm.delete",
        method: "DELETE",
        path: "/api/vms/0f1e2d3c-4b5a-4697-8887-a9b8c7d6e5f4",
        target: "0f1e2d3c-4b5a-4697-8887-a9b8c7d6e5f4",
        status: 204,
        result: "ok",
      });
      server.ctx.audit.flush();
      const pages: [string, string, string][] = [
        ["/storage", ".pool-table", "tr[data-pool]"],
        ["/storage/default", ".volume-table", "tr[data-volume]"],
        ["/networks", ".network-table", "tr[data-network]"],
        ["/audit", ".audit-table", "tr[data-entry]"],
      ];
      for (const width of [1024, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        for (const [path, table, row] of pages) {
          await page.goto(`${server.url}${path}`);
          await page.locator(`${table} ${row}`).first().waitFor();
          const { bad, sideways } = await overflowing(page, table);
          assertEquals(bad, [], `${width} px, ${path}: cells past their column`);
          assertEquals(sideways, 0, `${width} px, ${path}: the table scrolls sideways`);
        }
      }

      // The long path and range: cut short, whole in the title; the message wraps in its cell.
      await page.goto(`${server.url}/storage`);
      const path = page.locator("tr[data-pool='archive-images-kept-for-years'] td.path .clip");
      assertEquals(
        await path.getAttribute("title"),
        "/srv/storage/a/very/long/path/to/the/archive/of/virtual-machine-images",
      );
      await page.goto(`${server.url}/networks`);
      const dhcp = page.locator("tr[data-network^='lab'] td.network-dhcp .clip");
      assertEquals(
        await dhcp.getAttribute("title"),
        "10.220.130.100 – 10.220.130.254, 10.220.130.20 – 10.220.130.60",
      );
      await page.goto(`${server.url}/audit`);
      const message = page.locator("td.audit-message", { hasText: "ACPI" });
      const cell = (await message.boundingBox())!;
      assert(cell.width >= 256, `the message column is ${cell.width} px wide`);
      assert(cell.height > 40, "the message wraps onto more lines");
      const uuid = page.locator("td.audit-target button", { hasText: "0f1e2d3c…" });
      assertEquals(await uuid.getAttribute("title"), "Only 0f1e2d3c-4b5a-4697-8887-a9b8c7d6e5f4");
      assert((await uuid.boundingBox())!.height < 30, "the UUID target is one line");
    },
    undefined,
    { nodeDevices: LONG_ONES },
  );
});
