// Browser tier for the Firewall tab. On real libvirtd (the demo's test driver has no network
// filters): a stopped VM with one NIC gets a rule, a drop policy and the firewall turned on with
// the form, and an ICMP rule kept to IPv6; the PUT carries what was typed, the note says how
// many NICs use it, and a bad port is refused where the form is, in the API's words. On the demo: libvirt's refusal is shown as is.

import type { Page } from "playwright-core";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { openBrowser, signIn, withDemoServer } from "./support/browser_helpers.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineDisklessGuest,
  ensureTestNetwork,
  virsh,
} from "./support/guest.ts";
import type { Server } from "../main.ts";

const PREFIX = "kvmm-fwui-";

const card = (page: Page) => page.locator('section[aria-labelledby="firewall-title"]');

Deno.test("qemu firewall browser - rules, policy and on, saved from the Firewall tab", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(PREFIX);
  const network = await ensureTestNetwork();
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-fwui-" });
  const name = `${PREFIX}vm`;
  let server: Server | undefined;
  let filter = "";
  const browser = await openBrowser();
  try {
    const uuid = await defineDisklessGuest(name);
    filter = `kvmm-vm-${uuid}`;
    server = await startRealServer(dataDir);
    await adminCall(server, "POST", `/api/vms/${uuid}/interfaces`, { network });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server);
    await page.goto(`${server.url}/vms/${uuid}/firewall`);
    const fw = card(page);
    // Nothing set yet: off, everything accepted, no rules.
    await fw.getByRole("button", { name: "Save firewall" }).and(page.locator(":enabled"))
      .waitFor();
    assertEquals(
      await fw.getByLabel("Firewall on: every network interface uses it").isChecked(),
      false,
    );
    await fw.getByText("No rules: the policies decide.").waitFor();

    await fw.getByRole("button", { name: "Add rule" }).click();
    await fw.getByLabel("Port of rule 1").fill("99999");
    await fw.getByRole("button", { name: "Save firewall" }).click();
    const error = fw.getByRole("alert");
    await error.waitFor();
    assertMatch(
      await error.textContent() ?? "",
      /^Rule 1: Invalid port "99999": a port from 1 to 65535/,
    );

    await fw.getByLabel("Port of rule 1").fill("22");
    await fw.getByLabel("Other side of rule 1").fill("10.0.0.0/8");
    // An address says its IP version: the choice shows it and cannot be changed.
    const version1 = fw.getByLabel("IP version of rule 1");
    assertEquals([await version1.inputValue(), await version1.isDisabled()], ["ipv4", true]);
    // A rule without an address may be kept to one version.
    await fw.getByRole("button", { name: "Add rule" }).click();
    await fw.getByLabel("Protocol of rule 2").selectOption("icmp");
    await fw.getByLabel("IP version of rule 2").selectOption("ipv6");
    await fw.getByLabel("Incoming traffic no rule matches").selectOption("drop");
    await fw.getByLabel("Firewall on: every network interface uses it").check();
    const sent = page.waitForRequest((r) =>
      r.method() === "PUT" && r.url().endsWith(`/api/vms/${uuid}/firewall`)
    );
    await fw.getByRole("button", { name: "Save firewall" }).click();
    assertEquals((await sent).postDataJSON(), {
      enabled: true,
      antiSpoofing: false,
      inboundPolicy: "drop",
      outboundPolicy: "accept",
      rules: [{
        action: "accept",
        direction: "in",
        protocol: "tcp",
        port: "22",
        remote: "10.0.0.0/8",
      }, { action: "accept", direction: "in", protocol: "icmp", family: "ipv6" }],
    });
    await fw.getByText("Firewall saved; 1 of 1 network interfaces use it.").waitFor();
    assert((await virsh("dumpxml", name)).includes(`<filterref filter='${filter}'/>`));
    // Read back from libvirt's filter: the second rule is ICMPv6 alone.
    const kept = await virsh("nwfilter-dumpxml", filter);
    assert(/<icmpv6\/>/.test(kept) && !/priority='101'/.test(kept), kept);
    await page.reload();
    await fw.getByLabel("IP version of rule 2").and(page.locator(":enabled")).waitFor();
    assertEquals(await fw.getByLabel("IP version of rule 2").inputValue(), "ipv6");
  } finally {
    await browser.close();
    await server?.close();
    await cleanupGuestsNamed(PREFIX);
    await virsh("nwfilter-undefine", filter).catch(() => {});
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("firewall browser - on the demo, the card says the driver has no network filters", async () => {
  await withDemoServer(async (page, server) => {
    const web = "6b5a6f1e-0000-4000-8000-000000000001";
    await page.goto(`${server.url}/vms/${web}/firewall`);
    // The test driver answers NOT_SUPPORTED: a fact of the host, said in a reader's words (not
    // libvirt's "virNWFilterLookupByName"), as a status rather than an alert.
    const note = card(page).getByRole("status");
    await note.waitFor();
    assertEquals(
      await note.textContent(),
      "This host's libvirt driver has no network filters, so a VM firewall cannot be set here.",
    );
    assertEquals(await card(page).getByRole("alert").count(), 0);
  });
});
