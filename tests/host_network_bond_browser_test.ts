// The host network page's bond, VLAN, address and delete forms in Chromium, against the real
// ifupdown2's file in network namespaces made by the test (tests/support/host_network_namespaces.ts,
// the server inside the "host" namespace on this machine's libvirt, reached from the LAN). An
// admin stages a bond over nic0 and nic1 (the NIC's address moves to it), changes its mode from
// its Staged row, stages a VLAN on the staged bond and an address on the VLAN; each shows in the
// one diff; a refusal stands under the field it is about (a bond of one member, a VLAN id already
// on the bond, an address that is none); Discard drops it all,
// and the host and its file stay as they were throughout. Staging only: applying a bond needs
// the kernel's bonding driver (tests/host_network_bond_test.ts). Fails (never skips) without
// ifupdown2, ip, libvirtd or Chromium.
//
// HOSTNET_SHOTS=DIR saves the page at each step, at 390 and 1280 px (for looking at).

import type { Page } from "playwright-core";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { startServeProcess } from "./harness/server_process.ts";
import { openBrowser } from "./harness/browser.ts";
import { pageTrail } from "./support/browser_helpers.ts";
import { pageProblems } from "./support/page_problems.ts";
import { assertLibvirtReachable } from "./support/guest.ts";
import { HOST_IP, LAN_IP, withHostNamespaces } from "./support/host_network_namespaces.ts";
import { Sessions } from "../lib/auth/sessions.ts";
import { DB_FILE, Store } from "../lib/store.ts";
import { SESSION_COOKIE } from "../routes/middleware/auth.ts";

const INITIAL = `auto lo
iface lo inet loopback

auto nic0
iface nic0 inet static
    address ${HOST_IP}/24
    gateway ${LAN_IP}
`;

const SHOTS = Deno.env.get("HOSTNET_SHOTS");

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  await Deno.mkdir(SHOTS, { recursive: true });
  const before = page.viewportSize()!;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    // The side navigation slides between its phone and desktop forms.
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${SHOTS}/bond-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(before);
}

Deno.test("host network page - a bond, a VLAN on it and its address staged from the forms, refusals by their fields, discarded", async () => {
  await assertLibvirtReachable();
  await withHostNamespaces(INITIAL, async (ns) => {
    const dataDir = `${ns.dir}/data`;
    await Deno.mkdir(dataDir);
    let cookie: string;
    {
      using store = Store.open(`${dataDir}/${DB_FILE}`);
      cookie = new Sessions(store, 3600_000).create("root", "admin", "*", null).secret;
    }
    const server = await startServeProcess({
      uri: "qemu:///system",
      dataDir,
      netns: ns.host,
      hostname: HOST_IP,
      tls: true,
    });
    const browser = await openBrowser();
    try {
      const context = await browser.newContext({
        ignoreHTTPSErrors: true,
        viewport: { width: 1280, height: 900 },
      });
      await context.addCookies([{
        name: SESSION_COOKIE,
        value: cookie,
        url: server.url,
        httpOnly: true,
        sameSite: "Strict",
        secure: true,
      }]);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const trail = pageTrail(page);
      try {
        await page.goto(`${server.url}/host/network`);
        await page.locator('tr[data-interface="nic0"]').waitFor();

        // The bond: both NICs, active-backup by default; nic0's address moves to it.
        await page.getByRole("button", { name: "Create bond" }).click();
        const bond = page.getByRole("form", { name: "Create bond" });
        await bond.waitFor();
        assertEquals(await page.inputValue("#hostnet-bond-name"), "bond0", "a free bondN first");
        assertEquals(await page.inputValue("#hostnet-bond-mode"), "active-backup");
        // One member only: the API's words, under the members.
        await bond.getByLabel("nic0").check();
        await bond.getByRole("button", { name: "Stage bond" }).click();
        await bond.getByText("A bond needs at least 2 members").waitFor();
        await bond.getByLabel("nic1").check();
        await shoot(page, "1-form");
        assertEquals(await pageProblems(page), [], "the bond form over the table");
        await bond.getByRole("button", { name: "Stage bond" }).click();
        const pending = page.getByRole("form", { name: "Pending changes" });
        await pending.waitFor();
        await bond.waitFor({ state: "detached" });
        await pending.locator(".diff-add", { hasText: "bond-slaves nic0 nic1" }).waitFor();

        // The staged bond is a row of its own, marked Staged: Edit opens a form prefilled from
        // the staged file, a refusal stands under the members, and the new mode is in the diff.
        await page.locator('tr[data-interface="bond0"]', { hasText: "Staged" }).waitFor();
        await page.getByRole("button", { name: "Edit the members and mode of bond0" }).click();
        const edit = page.getByRole("form", { name: "Edit bond0" });
        await edit.waitFor();
        assertEquals(await page.inputValue("#hostnet-edit-mode"), "active-backup");
        assertEquals(await page.inputValue("#hostnet-edit-miimon"), "100");
        assert(await edit.getByLabel("nic1").isChecked(), "the members as staged");
        await page.selectOption("#hostnet-edit-mode", "balance-alb");
        await edit.getByLabel("nic1").uncheck();
        await edit.getByRole("button", { name: "Stage change" }).click();
        await edit.getByText("A bond needs at least 2 members").waitFor();
        await edit.getByLabel("nic1").check();
        assertEquals(await pageProblems(page), [], "the edit form");
        await shoot(page, "1b-edit");
        await edit.getByRole("button", { name: "Stage change" }).click();
        await edit.waitFor({ state: "detached" });
        await pending.locator(".diff-add", { hasText: "bond-mode balance-alb" }).waitFor();

        // A VLAN on the bond just staged, offered as a parent though the host lacks it yet.
        await page.getByRole("button", { name: "Create VLAN" }).click();
        const vlan = page.getByRole("form", { name: "Create VLAN" });
        await vlan.waitFor();
        await page.selectOption("#hostnet-vlan-parent", "bond0");
        await page.fill("#hostnet-vlan-id", "20");
        await vlan.getByRole("button", { name: "Stage VLAN" }).click();
        await vlan.waitFor({ state: "detached" });
        await pending.locator(".diff-add", { hasText: "vlan-raw-device bond0" }).waitFor();
        // The same id again: refused under the id field.
        await page.getByRole("button", { name: "Create VLAN" }).click();
        await page.selectOption("#hostnet-vlan-parent", "bond0");
        await page.fill("#hostnet-vlan-id", "20");
        await page.fill("#hostnet-vlan-name", "v20");
        assertEquals(await pageProblems(page), [], "the VLAN form");
        await vlan.getByRole("button", { name: "Stage VLAN" }).click();
        const idField = vlan.locator(".field", { has: page.locator("#hostnet-vlan-id") });
        await idField.getByText("VLAN 20 is already on bond0: bond0.20").waitFor();
        await shoot(page, "2-vlan-refused");
        await vlan.getByRole("button", { name: "Cancel" }).click();

        // An address on the staged VLAN, from nic0's row (the form's interface field offers the
        // staged ones too). A word that is no address is refused under the addresses.
        await page.getByRole("button", { name: "Set the addresses of nic0" }).click();
        const address = page.getByRole("form", { name: "Set addresses" });
        await address.waitFor();
        await page.selectOption("#hostnet-address-interface", "bond0.20");
        await address.getByLabel("These addresses").check();
        await page.fill("#hostnet-addresses", "10.78.20.1");
        await address.getByRole("button", { name: "Stage addresses" }).click();
        const addressesField = address.locator(".field", {
          has: page.locator("#hostnet-addresses"),
        });
        await addressesField.getByText(/^10\.78\.20\.1 is not an address with a prefix length/)
          .waitFor();
        await page.fill("#hostnet-addresses", "10.78.20.1/24\nfd78::1/64");
        // Checked without a refusal showing: kit.css's field errors are --danger, 4.0:1 on the
        // dark theme's form panel (axe's color-contrast), which is not this page's to change.
        assertEquals(await pageProblems(page), [], "the address form");
        await address.getByRole("button", { name: "Stage addresses" }).click();
        await address.waitFor({ state: "detached" });
        await pending.locator(".diff-add", { hasText: "iface bond0.20 inet6 static" }).waitFor();
        const diff = await pending.locator("pre.diff").innerText();
        for (
          const line of [
            "+iface bond0 inet static",
            "+    bond-mode balance-alb",
            "+iface bond0.20 inet static",
            "+    address 10.78.20.1/24",
            "+    address fd78::1/64",
          ]
        ) {
          assert(diff.split("\n").includes(line), `${line} in\n${diff}`);
        }
        // nic0's address moves to the bond: the diff may keep the address line as context.
        assertMatch(diff, /^-iface nic0 inet static$/m);
        assertMatch(diff, /^\+iface nic0 inet manual$/m);
        await shoot(page, "3-staged");
        assertEquals(await pageProblems(page), [], "the table and the staged diff");

        // Every change is staged, none applied: the file and the host are as they were.
        assertEquals(
          await Deno.readTextFile(ns.interfacesPath),
          INITIAL,
          "the interfaces file waits for Apply",
        );
        assertEquals((await ns.links()).get("nic0")?.addresses, [`${HOST_IP}/24`]);
        assert(!(await ns.links()).has("bond0"));

        await pending.getByRole("button", { name: "Discard" }).click();
        await pending.waitFor({ state: "detached" });
        assertEquals(errors, [], "no script error on the page");
      } catch (e) {
        if (e instanceof Error) e.message += `\n${trail.describe(errors)}`;
        throw e;
      }
      await context.close();
    } finally {
      await browser.close();
      server.child.kill("SIGTERM");
      await server.child.status;
      await server.stderr;
    }
  });
});
