// Browser tier for port groups and VLANs on a test-driver node: a macvtap passthrough network
// made with the form (on "lo", an interface every machine has) shows its mode and port groups;
// the NIC form on such a network offers its port groups and a VLAN field, and sends them as
// typed. The test driver attaches no devices: its refusal comes back where the form is.

import { assertEquals, assertMatch } from "./support/assert.ts";
import { apiAnswer, withDemoServer } from "./support/browser_helpers.ts";

const DB = "6b5a6f1e-0000-4000-8000-000000000002";

Deno.test("vlan browser - a macvtap network with port groups, made with the form", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/networks`);
    const create = page.getByRole("button", { name: "New network", exact: true });
    await create.and(page.locator(":enabled")).waitFor();
    await create.click();
    const form = page.getByRole("form", { name: "New network" });
    await form.getByLabel("Mode").selectOption("macvtap");
    assertEquals(await form.getByLabel("Subnet").count(), 0);
    await form.getByLabel("Name").fill("kvmm-test-trunk");
    await form.getByLabel("Host interface").fill("lo");
    await form.getByLabel("Macvtap mode").selectOption("passthrough");
    await form.getByLabel("Port groups (optional)").fill("office 10\nuplink 10, 20");
    const sent = page.waitForRequest((r) =>
      r.method() === "POST" && r.url().endsWith("/api/networks")
    );
    await form.getByRole("button", { name: "Create network" }).click();
    assertEquals((await sent).postDataJSON().portgroups, [
      { name: "office", vlan: { tags: [10] } },
      { name: "uplink", vlan: { tags: [10, 20] } },
    ]);
    // Listed with its mode in words, then its page shows the port groups.
    const row = page.locator('tr[data-network="kvmm-test-trunk"]');
    await row.getByText("Macvtap (passthrough) on lo").waitFor();
    await row.getByRole("link", { name: "kvmm-test-trunk" }).click();
    await page.waitForURL(`${server.url}/networks/kvmm-test-trunk`);
    const facts = page.locator('section[aria-labelledby="network-facts-title"]');
    await facts.getByText("Macvtap (passthrough) on lo").waitFor();
    assertEquals(
      (await facts.locator(".plain-list li").allTextContents()).map((s) => s.trim()),
      ["office — VLAN 10", "uplink — VLAN 10, 20 (trunk)"],
    );
  });
});

Deno.test("vlan browser - the NIC form offers the network's port groups and VLAN tags", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms/${DB}/hardware`);
    // Made beside the page before the form asks for the networks (on opening).
    const made = await apiAnswer(page, "POST", "/api/networks", {
      name: "kvmm-test-trunk",
      mode: "macvtap",
      hostInterface: "lo",
      macvtapMode: "passthrough",
      portgroups: [{ name: "office", vlan: { tags: [10] } }],
    });
    assertEquals(made.status, 201, made.message);
    const nics = page.locator('section[aria-labelledby="nics-title"]');
    await nics.getByText("Add network interface").first().click();
    const network = nics.locator("#nic-network");
    await network.locator("option", { hasText: "kvmm-test-trunk" }).waitFor({ state: "attached" });
    // "default" (isolated) carries no VLANs: no field for them.
    await network.selectOption("default");
    assertEquals(await nics.getByLabel("VLAN tags").count(), 0);
    await network.selectOption("kvmm-test-trunk");
    await nics.getByLabel("Port group").selectOption("office");
    await nics.getByLabel("VLAN tags").fill("7");
    const sent = page.waitForRequest((r) =>
      r.method() === "POST" && r.url().endsWith(`/api/vms/${DB}/interfaces`)
    );
    await nics.getByRole("button", { name: "Add network interface" }).click();
    assertEquals((await sent).postDataJSON(), {
      network: "kvmm-test-trunk",
      model: "virtio",
      portgroup: "office",
      vlan: { tags: [7] },
    });
    const error = nics.locator(".note-error");
    await error.waitFor();
    assertMatch(
      await error.textContent() ?? "",
      /^Failed to attach network interface: .*not supported/,
    );
  });
});
