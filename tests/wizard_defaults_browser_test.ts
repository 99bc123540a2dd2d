// Browser tier for the create wizard's defaults, on the demo: the disk's pool follows the chosen
// ISO's pool, else this browser's last used one, else default (not whichever sorts first); the
// network is never an inactive one; each step opens at its top with its first field focused;
// and the OS search finds "debian 12" and its own examples, and suggests near names.

import type { Page } from "playwright-core";
import type { Server } from "../main.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { adminHeaders, withDemoServer } from "./support/browser_helpers.ts";

const ISO_POOL = "/var/lib/kvmm-testdriver/isos";
const ISO = `${ISO_POOL}/debian-12.iso`;

// "archive" sorts before "default"; "isos" holds the ISO; "lan" is a second network.
const EXTRA = `
  <pool type='dir'><name>archive</name><uuid>7a000000-0000-4000-8000-000000000001</uuid>
    <capacity unit='GiB'>50</capacity><allocation unit='GiB'>1</allocation><available unit='GiB'>49</available>
    <target><path>/var/lib/kvmm-testdriver/archive</path></target></pool>
  <pool type='dir'><name>isos</name><uuid>7a000000-0000-4000-8000-000000000002</uuid>
    <capacity unit='GiB'>50</capacity><allocation unit='GiB'>1</allocation><available unit='GiB'>49</available>
    <target><path>${ISO_POOL}</path></target>
    <volume><name>debian-12.iso</name><capacity unit='MiB'>600</capacity>
      <target><path>${ISO}</path><format type='raw'/></target></volume></pool>
  <network><name>lan</name><uuid>7a000000-0000-4000-8000-000000000003</uuid>
    <bridge name='virbr9'/><ip address='192.168.9.1' netmask='255.255.255.0'/></network>`;

const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true });

async function stopNetwork(server: Server, name: string) {
  const res = await fetch(`${server.url}/api/networks/${name}/stop`, {
    method: "POST",
    headers: adminHeaders(server),
  });
  assertEquals(res.status, 200, await res.text());
}

/** The focused element's id. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/** Scrolls to the page's end, then Next: the new step must open at its top, `first` focused. */
async function nextStep(page: Page, first: string) {
  await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
  assert(await page.evaluate(() => scrollY) > 0, "the step is longer than the window");
  await next(page).click();
  await page.locator(`#${first}:focus`).waitFor();
  assertEquals(await page.evaluate(() => scrollY), 0, `step with ${first} opens at its top`);
}

async function openWizard(page: Page, server: Server) {
  await page.goto(`${server.url}/vms/new`);
  await page.locator("#wiz-name:enabled").waitFor();
}

Deno.test("wizard defaults browser - pool from the ISO, else the last used; never an inactive network; steps open at the top", async () => {
  await withDemoServer(
    async (page, server) => {
      await page.setViewportSize({ width: 390, height: 640 });
      await stopNetwork(server, "default");
      await openWizard(page, server);
      // The first step opens with its first field focused.
      const firstField = await page.locator(".wizard-step").locator("input, select, textarea")
        .first().getAttribute("id");
      assertEquals(await focused(page), firstField);
      await page.fill("#wiz-name", "from-iso");
      await nextStep(page, "wiz-os-type");

      // The ISO's pool becomes the disk's pool.
      await page.getByLabel("ISO image", { exact: true }).check();
      await page.selectOption("#wiz-iso", ISO);
      await nextStep(page, "wiz-cpus");
      assertEquals(await page.inputValue("#wiz-pool"), "isos");
      // A pool chosen by hand stays, whatever the ISO.
      await page.selectOption("#wiz-pool", "archive");
      await page.fill("#wiz-disk-size", "1 GiB");

      // "default" is stopped: the active "lan" is the network, not the inactive default.
      await nextStep(page, "wiz-network");
      assertEquals(await page.inputValue("#wiz-network"), "lan");
      await next(page).click();
      await page.getByText("The host accepts this configuration.").waitFor();
      assertMatch(await page.textContent(".summary") ?? "", /1 GiB qcow2 on archive/);
      await page.getByRole("button", { name: "Create VM" }).click();
      await page.waitForURL(/\/vms\/[0-9a-f-]{36}$/, { timeout: 15_000 });

      // The next new VM starts on the pool last used, unless its ISO is elsewhere.
      await openWizard(page, server);
      await page.fill("#wiz-name", "second");
      await next(page).click();
      await next(page).click();
      assertEquals(await page.inputValue("#wiz-pool"), "archive");
      await page.getByRole("button", { name: "Back", exact: true }).click();
      await page.getByLabel("ISO image", { exact: true }).check();
      await page.selectOption("#wiz-iso", ISO);
      await next(page).click();
      assertEquals(await page.inputValue("#wiz-pool"), "isos");

      // With no network active, none is chosen, and the step says why.
      await stopNetwork(server, "lan");
      await openWizard(page, server);
      await page.fill("#wiz-name", "third");
      await next(page).click();
      await next(page).click();
      assertEquals(await page.inputValue("#wiz-pool"), "archive");
      await next(page).click();
      assertEquals(await page.inputValue("#wiz-network"), "");
      await page.getByText(
        "No network is active: start one on the Networks page, or the VM gets none.",
      )
        .waitFor();
    },
    undefined,
    { nodeDevices: EXTRA },
  );
});

Deno.test("wizard defaults browser - debian 12 finds Debian 12, the examples find something, near names are offered", async () => {
  await withDemoServer(async (page, server) => {
    await openWizard(page, server);
    await page.fill("#wiz-name", "search");
    await next(page).click();
    const search = page.locator("#wiz-variant-search");
    const options = page.locator("#wiz-variant option");
    const placeholder = await search.getAttribute("placeholder") ?? "";
    const examples = placeholder.replace(/^Search, e\.g\. /, "").split(", ");
    assert(examples.length >= 2, placeholder);
    for (const example of examples) {
      await search.fill(example);
      assert(await options.count() > 0, `the example "${example}" finds nothing`);
    }
    for (const query of ["debian 12", "Debian12", "DEBIAN 12"]) {
      await search.fill(query);
      assertEquals((await options.first().textContent())?.trim(), "Debian 12", query);
    }
    // Nothing found: near names, one click from being chosen.
    await search.fill("debain 12");
    assertEquals(await options.count(), 0);
    const near = page.locator(".variant-near");
    await near.getByText("Did you mean:").waitFor();
    await near.getByRole("button", { name: "Debian 12", exact: true }).click();
    assertEquals(await page.textContent(".variant-chosen .variant-id"), "debian12");
    assertEquals(await search.inputValue(), "Debian 12");
  });
});
