// The host network page in Chromium, against the real ifupdown2 in network namespaces made by
// the test (tests/support/host_network_namespaces.ts): the server runs inside the "host"
// namespace on this machine's libvirt, and the page reaches it over the host's NIC (a veth) from
// the "LAN", so "Keep this change" travels over the network as the change left it. An admin
// follows "Bridge nic0 for VMs" from the Networks page, sees a refusal in the API's words in the
// form, stages the bridge, sees the diff, applies it with a 30 s rollback and keeps it from the
// page; `ip` then shows the bridge holding nic0 with the host's address, and "Offer to VMs" puts
// it in the create wizard's networks (a libvirt network, removed at the end). A real TCG guest on
// the new bridge (`<interface type='bridge'>`, started by a libvirtd of the test's own inside the
// host namespace, tests/support/bridge_guest.ts) takes the LAN address GUEST_IP and reaches a
// listener on the LAN, which sees the guest's address, not the host's. A second bridge, over
// nic1, is applied and not kept: the page says it rolled back, and it is gone; applied again, it
// is undone at once with "Undo now"; through both reloads the guest stays on vmbr0 and still
// reaches the LAN. Fails (never skips) without ifupdown2, ip, libvirtd, QEMU or Chromium.
//
// HOSTNET_SHOTS=DIR also saves the page at each step, at 390, 1280 and 1920 px, light and dark
// (for looking at; the test does not read them).

import type { Page } from "playwright-core";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { startServeProcess } from "./harness/server_process.ts";
import { openBrowser } from "./harness/browser.ts";
import { pageTrail } from "./support/browser_helpers.ts";
import { pageProblems } from "./support/page_problems.ts";
import { assertLibvirtReachable, virsh } from "./support/guest.ts";
import {
  GUEST_IP,
  HOST_IP,
  LAN_IP,
  withHostNamespaces,
} from "./support/host_network_namespaces.ts";
import {
  type BridgeGuest,
  type LanPeer,
  startBridgeGuest,
  startLanPeer,
} from "./support/bridge_guest.ts";
import { Sessions } from "../lib/auth/sessions.ts";
import { DB_FILE, Store } from "../lib/store.ts";
import { SESSION_COOKIE } from "../routes/middleware/auth.ts";
import { vmsCreateOptionsPath } from "../shared/api_paths.ts";
import type { CreateOptions } from "../shared/vms.ts";

const INITIAL = `auto lo
iface lo inet loopback

auto nic0
iface nic0 inet static
    address ${HOST_IP}/24
    gateway ${LAN_IP}
`;

const SHOTS = Deno.env.get("HOSTNET_SHOTS");
/** The LAN peer's port, in the test's own LAN namespace. */
const PEER_PORT = 7007;

/** The page as it is now, at each width and scheme, into HOSTNET_SHOTS (when set). */
async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await Deno.mkdir(SHOTS, { recursive: true });
  const before = page.viewportSize()!;
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [390, 1280, 1920]) {
      await page.setViewportSize({ width, height: width <= 480 ? 844 : 900 });
      // The side navigation slides between its phone and desktop forms.
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(before);
}

Deno.test("host network page - bridge a NIC from the browser: stage, see the diff, apply, keep it over the new bridge, a guest on it reaches the LAN; one not kept rolls back", async () => {
  await assertLibvirtReachable();
  await withHostNamespaces(INITIAL, async (ns) => {
    const dataDir = `${ns.dir}/data`;
    await Deno.mkdir(dataDir);
    let cookie: string;
    {
      // An admin's session, as the sign-in form would open it.
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
    let offered = false;
    let peer: LanPeer | null = null;
    let guestStarting: Promise<BridgeGuest> | null = null;
    try {
      const context = await browser.newContext({
        // The server's own self-signed certificate.
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
        // "Bridge this NIC for VMs" on the Networks page leads here with the NIC chosen.
        await page.goto(`${server.url}/networks`);
        await page.getByRole("link", { name: "Bridge nic0 for VMs" }).click();
        await page.waitForURL(/\/host\/network\?nic=nic0$/);
        const nic0 = page.locator('tr[data-interface="nic0"]');
        await nic0.waitFor();
        assertMatch(await nic0.innerText(), new RegExp(`${HOST_IP.replaceAll(".", "\\.")}/24`));
        const form = page.getByRole("form", { name: "Create bridge over NIC" });
        await form.waitFor();
        assertEquals(await page.inputValue("#hostnet-nic"), "nic0");
        assertEquals(await page.inputValue("#hostnet-bridge"), "vmbr0", "a free vmbrN first");
        // The toolbar's button closes the form and opens it again.
        const toolbar = page.getByRole("button", { name: "Create bridge over NIC" });
        await toolbar.click();
        await form.waitFor({ state: "detached" });
        await toolbar.click();
        await form.waitFor();
        await shoot(page, "1-bridge-form");

        // A refusal is the API's sentence, under the form's fields.
        await page.fill("#hostnet-bridge", "nic0");
        await form.getByRole("button", { name: "Stage bridge" }).click();
        await form.getByText("This host already has an interface named nic0").waitFor();
        await shoot(page, "2-refused");

        await page.fill("#hostnet-bridge", "vmbr0");
        await form.getByRole("button", { name: "Stage bridge" }).click();
        const pending = page.getByRole("form", { name: "Pending changes" });
        await pending.waitFor();
        const diff = await pending.locator("pre.diff").innerText();
        assertMatch(diff, /^-iface nic0 inet static$/m);
        assertMatch(diff, /^\+iface vmbr0 inet static$/m);
        assertMatch(diff, /^\+ {4}bridge-ports nic0$/m);
        assertEquals(
          await pending.locator(".diff-add", { hasText: "bridge-ports nic0" }).count(),
          1,
          "added lines are marked",
        );
        // Staged only: the host is as it was.
        assertEquals((await ns.links()).has("vmbr0"), false);
        await shoot(page, "3-pending");
        assertEquals(await pageProblems(page), [], "the table, the diff and its form");

        await page.fill("#hostnet-rollback", "30");
        await pending.getByRole("button", { name: "Apply" }).click();
        const applied = page.locator(".hostnet-applied");
        await applied.getByText(/rolls back in \d+ s/).waitFor({ timeout: 150_000 });
        const seconds = Number(/rolls back in (\d+) s/.exec(await applied.innerText())![1]);
        assert(seconds > 20 && seconds <= 30, `counts down from 30: ${seconds}`);
        await shoot(page, "4-applied");
        await applied.getByRole("button", { name: "Keep this change" }).click();
        await page.getByText("The change is kept.").waitFor();
        const vmbr0 = page.locator('tr[data-interface="vmbr0"]');
        await vmbr0.waitFor();
        await shoot(page, "5-kept");

        // A guest on the new bridge: it boots while the page goes on (its libvirtd's start and
        // the TCG boot take 5 to 15 s, which the rollback's wait below covers).
        peer = await startLanPeer(ns.lan, LAN_IP, PEER_PORT);
        guestStarting = startBridgeGuest({
          netns: ns.host,
          dir: `${ns.dir}/guest`,
          name: `kvmm-hng-${Deno.pid}`,
          bridge: "vmbr0",
          address: `${GUEST_IP}/24`,
          peer: `${LAN_IP}:${PEER_PORT}`,
        });
        // Awaited below; a failure meanwhile is not an unhandled rejection.
        guestStarting.catch(() => {});

        // The create wizard lists libvirt networks: "Offer to VMs" makes one on the new bridge.
        offered = true;
        await vmbr0.getByRole("button", { name: "Offer to VMs vmbr0" })
          .click();
        await page.getByText("VMs can now be created on vmbr0").waitFor();
        await vmbr0.getByRole("link", { name: "VM network vmbr0" }).waitFor();
        const options = await page.evaluate(
          async (path) => (await fetch(path)).json(),
          vmsCreateOptionsPath(),
        ) as CreateOptions;
        const offeredNet = options.networks.find((n) => n.name === "vmbr0");
        assertEquals(offeredNet?.active, true, JSON.stringify(options.networks));

        // A second bridge, applied and not kept: at the end of its countdown the page reads the
        // host again and says it rolled back.
        await page.getByRole("button", { name: "Create a bridge over nic1" }).click();
        await form.waitFor();
        assertEquals(await page.inputValue("#hostnet-nic"), "nic1");
        assertEquals(await page.inputValue("#hostnet-bridge"), "vmbr1", "vmbr0 is taken now");
        await form.getByRole("button", { name: "Stage bridge" }).click();
        await pending.waitFor();
        assertMatch(await pending.locator("pre.diff").innerText(), /^\+iface vmbr1 inet manual$/m);
        await page.fill("#hostnet-rollback", "30");
        await pending.getByRole("button", { name: "Apply" }).click();
        await applied.getByText(/rolls back in \d+ s/).waitFor({ timeout: 150_000 });
        assert((await ns.links()).has("vmbr1"), "vmbr1 applied");
        // Checked here, where the rollback is what the test waits for anyway.
        assertEquals(await pageProblems(page), [], "the countdown");
        await page.getByText("Not kept in time: the change was rolled back.").waitFor({
          timeout: 90_000,
        });
        assertEquals(await page.locator('tr[data-interface="vmbr1"]').count(), 0);
        await shoot(page, "6-rolled-back");

        // "Undo now" does not wait for the countdown.
        await page.getByRole("button", { name: "Create a bridge over nic1" }).click();
        await form.getByRole("button", { name: "Stage bridge" }).click();
        await pending.getByRole("button", { name: "Apply" }).click();
        await applied.getByText(/rolls back in \d+ s/).waitFor({ timeout: 150_000 });
        await applied.getByRole("button", { name: "Undo now" }).click();
        await page.getByText("The change was undone.").waitFor();
        assertEquals(await page.locator('tr[data-interface="vmbr1"]').count(), 0);
        assertEquals(errors, [], "no uncaught errors in the page");

        // The guest on vmbr0 reached the LAN peer from its own address, and still does after the
        // page's two later reloads of the host's network (a fresh connection from now on).
        const guest = await guestStarting;
        await guest.up(60_000);
        const tap = await guest.tap();
        assertEquals((await ns.links()).get(tap)?.master, "vmbr0", `${tap} is on the bridge`);
        const fresh = await peer.next((c) => c.from === GUEST_IP, 20_000);
        assertEquals(fresh.line, `kvmm-bridge-guest ${GUEST_IP}`);
        assertEquals(
          [...new Set(peer.connections.map((c) => c.from))],
          [GUEST_IP],
          "every connection came from the guest's address, none from the host's",
        );
      } catch (e) {
        if (e instanceof Error) e.message += `\n${trail.describe(errors)}`;
        throw e;
      }

      // The host as ip shows it: the bridge holds the NIC and the host's address, and the
      // change is no longer pending (kept: its rollback time passes without undoing it).
      const links = await ns.links();
      assertEquals(links.get("vmbr0")?.addresses, [`${HOST_IP}/24`]);
      assertEquals(links.get("nic0"), { addresses: [], master: "vmbr0" });
      assertEquals(links.has("vmbr1"), false, "the unkept bridge is gone");
      assertEquals(links.get("nic1")?.master, null);
      const file = await Deno.readTextFile(ns.interfacesPath);
      assertMatch(file, /^iface vmbr0 inet static\n {4}address 10\.79\.0\.1\/24\n {4}gateway/m);
      assertEquals(await Deno.stat(`${dataDir}/host-network-pending.json`).catch(() => null), null);
    } finally {
      // The guest's libvirtd is in the host namespace: stopped before the namespaces go.
      await guestStarting?.then((g) => g.daemon.stop(), () => {});
      await peer?.stop();
      // The libvirt network is this machine's libvirtd's, outside the namespaces.
      if (offered) {
        await virsh("net-destroy", "vmbr0").catch(() => {});
        await virsh("net-undefine", "vmbr0").catch(() => {});
      }
      await browser.close();
      server.child.kill("SIGKILL");
      await server.child.status;
      await server.stderr;
    }
  });
});
