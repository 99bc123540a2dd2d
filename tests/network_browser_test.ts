// Browser tier for the networks pages on a test-driver node: create an isolated network with
// the form, see it listed, edit its DHCP range, add and remove a static host, delete it. No
// NAT, no traffic: the test driver starts nothing on the host.

import type { Page } from "playwright-core";
import { type Server, startServer } from "../main.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { testNodeXml } from "./support/test_node.ts";
import { DEFAULT_DOMAINS } from "./harness/test_app.ts";
import { apiAnswer, withDemoServer, withSignedInPage } from "./support/browser_helpers.ts";

const NET = "kvmm-test-lab";
const NAT = "kvmm-test-nat";

/**
 * Like withDemoServer, on a test node that also holds a running NAT network (with a bridge,
 * which the test driver does not invent for networks created through the API). The test
 * driver starts nothing on the host and demo mode's firewall is in memory: no NAT or iptables
 * rule reaches this machine.
 */
async function withNatNode(fn: (page: Page, server: Server) => Promise<void>) {
  const nat = `<network><name>${NAT}</name><forward mode='nat'/><bridge name='virbr9'/>
    <ip address='192.168.215.1' netmask='255.255.255.0'/></network>`;
  const dir = await Deno.makeTempDir({ prefix: "kvmm-node-" });
  await Deno.writeTextFile(
    `${dir}/node.xml`,
    testNodeXml(DEFAULT_DOMAINS).replace("</node>", `${nat}</node>`),
  );
  const server = await startServer({
    uri: `test://${dir}/node.xml`,
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir: dir,
    tls: { mode: "off" },
  }, { quiet: true });
  try {
    await withSignedInPage(server, (page) => fn(page, server));
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** Opens a page and waits until its island hydrated (the primary button enables then). */
async function open(page: Page, url: string, button: string) {
  await page.goto(url);
  await page.getByRole("button", { name: button, exact: true }).and(page.locator(":enabled"))
    .waitFor();
}

Deno.test("network browser - create an isolated network, edit DHCP, add a static host, delete it", async () => {
  await withDemoServer(async (page, server) => {
    await open(page, `${server.url}/networks`, "New network");
    // The test node's own network is listed from the API.
    await page.locator('tr[data-network="default"]').waitFor();
    assertEquals(
      await page.getByRole("link", { name: "Networks" }).getAttribute("aria-current"),
      "page",
    );

    await page.getByRole("button", { name: "New network" }).click();
    const form = page.getByRole("form", { name: "New network" });
    await form.getByLabel("Name").fill(NET);
    await form.getByLabel("Mode").selectOption("isolated");
    // Only the bridge mode asks for a host bridge.
    assertEquals(await form.getByLabel("Host bridge").count(), 0);
    await form.getByLabel("Subnet").fill("192.168.213.0/24");
    // The DHCP range follows the subnet until it is edited.
    assertEquals(await form.getByLabel("DHCP start").inputValue(), "192.168.213.2");
    assertEquals(await form.getByLabel("DHCP end").inputValue(), "192.168.213.254");
    await form.getByLabel("DHCP start").fill("192.168.213.50");
    await form.getByRole("button", { name: "Create network" }).click();

    const row = page.locator(`tr[data-network="${NET}"]`);
    await row.waitFor();
    await form.waitFor({ state: "detached" });
    const cells = await row.locator("td").allTextContents();
    assertEquals(cells.slice(0, 8), [
      NET,
      "Isolated",
      "Active",
      "",
      cells[4], // the bridge name libvirt picked
      "192.168.213.0/24",
      "192.168.213.50 – 192.168.213.254",
      "0",
    ]);
    assertMatch(await page.locator(".note-success").textContent() ?? "", /Network .* created\./);

    // Details: facts, no port forwards (not NAT), then the DHCP range editor on its own tab.
    await row.getByRole("link", { name: NET }).click();
    await page.waitForURL(`${server.url}/networks/${NET}`);
    const facts = page.locator('section[aria-labelledby="network-facts-title"]');
    await facts.waitFor();
    assertEquals(await page.locator("h1").textContent(), NET);
    assertEquals(await page.getByRole("heading", { name: "Port forwards" }).count(), 0);
    const tabs = page.getByRole("navigation", { name: `${NET} sections` });
    assertEquals(await tabs.getByRole("link", { name: "Port forwards" }).count(), 0);
    assertMatch(await facts.textContent() ?? "", /Host address192\.168\.213\.1\/24/);
    await page.goto(`${server.url}/networks/${NET}/dhcp`);
    const dhcp = page.getByRole("form", { name: "DHCP range" });
    await dhcp.getByRole("button", { name: "Save range" }).and(page.locator(":enabled")).waitFor();

    // A range outside the subnet: the API's words, verbatim.
    await dhcp.getByLabel("Start").fill("10.0.0.10");
    await dhcp.getByRole("button", { name: "Save range" }).click();
    const refused = page.locator('section[aria-labelledby="dhcp-title"] .note-error');
    await refused.waitFor();
    const expected = await apiAnswer(page, "PUT", `/api/networks/${NET}/dhcp`, {
      start: "10.0.0.10",
      end: "192.168.213.254",
    });
    assertEquals(expected.status, 400);
    assertEquals(await refused.textContent(), expected.message);

    await dhcp.getByLabel("Start").fill("192.168.213.100");
    await dhcp.getByLabel("End").fill("192.168.213.150");
    await dhcp.getByRole("button", { name: "Save range" }).click();
    await page.getByText("DHCP range saved: 192.168.213.100 – 192.168.213.150.").waitFor();
    // The facts (the Overview tab) show the saved range.
    await page.goto(`${server.url}/networks/${NET}`);
    await facts.getByText("192.168.213.100 – 192.168.213.150").waitFor();
    await page.goto(`${server.url}/networks/${NET}/dhcp`);

    // A static host, then its removal.
    const hosts = page.locator('section[aria-labelledby="hosts-title"]');
    await hosts.getByText("No static hosts.").waitFor();
    const add = page.getByRole("form", { name: "Add a static host" });
    await add.getByLabel("MAC address").fill("52:54:00:aa:bb:01");
    await add.getByLabel("IP address").fill("192.168.213.10");
    await add.getByLabel("Host name").fill("web");
    await add.getByRole("button", { name: "Add host" }).click();
    const host = hosts.locator('tr[data-mac="52:54:00:aa:bb:01"]');
    await host.waitFor();
    assertEquals(await host.locator("td").allTextContents(), [
      "52:54:00:aa:bb:01",
      "192.168.213.10",
      "web",
      "Remove",
    ]);
    assertEquals(await add.getByLabel("MAC address").inputValue(), "", "the form is cleared");
    await hosts.getByRole("button", { name: "Remove host 52:54:00:aa:bb:01" }).click();
    await host.waitFor({ state: "detached" });
    await hosts.getByText("No static hosts.").waitFor();

    // A host added elsewhere shows up by itself (the network-changed event).
    const added = await apiAnswer(page, "POST", `/api/networks/${NET}/hosts`, {
      mac: "52:54:00:aa:bb:02",
      ip: "192.168.213.11",
    });
    assertEquals(added.status, 201);
    await hosts.locator('tr[data-mac="52:54:00:aa:bb:02"]').waitFor();

    // The list reflects the edits after a reload.
    await open(page, `${server.url}/networks`, "New network");
    await page.locator(`tr[data-network="${NET}"]`, {
      hasText: "192.168.213.100 – 192.168.213.150",
    })
      .waitFor();

    // Delete from the details page: back to the list, without the network.
    await page.locator(`tr[data-network="${NET}"]`).getByRole("link", { name: NET }).click();
    const del = page.getByRole("toolbar", { name: "Network actions" })
      .getByRole("button", { name: "Delete" });
    await del.and(page.locator(":enabled")).waitFor();
    await del.click();
    await page.locator("dialog[open]").getByRole("button", { name: "Delete" }).click();
    await page.waitForURL(`${server.url}/networks`);
    await page.locator('tr[data-network="default"]').waitFor();
    assertEquals(await page.locator(`tr[data-network="${NET}"]`).count(), 0);
  });
});

Deno.test("network browser - the form shows only what a mode needs; a refusal is verbatim", async () => {
  await withDemoServer(async (page, server) => {
    await open(page, `${server.url}/networks`, "New network");
    await page.getByRole("button", { name: "New network" }).click();
    const form = page.getByRole("form", { name: "New network" });
    await form.getByLabel("Mode").selectOption("bridge");
    assertEquals(await form.getByLabel("Subnet").count(), 0);
    assertEquals(await form.getByLabel("DHCP start").count(), 0);
    await form.getByLabel("Host bridge").waitFor();

    // Isolated without DHCP: the range fields go away; a taken name is refused by the API.
    await form.getByLabel("Mode").selectOption("isolated");
    await form.getByLabel("Subnet").fill("192.168.214.0/24");
    await form.getByLabel("Hand out addresses with DHCP").uncheck();
    assertEquals(await form.getByLabel("DHCP start").count(), 0);
    await form.getByLabel("Name").fill("default");
    // Not started: the test node's "default" network holds no subnet of this one anyway.
    await form.getByLabel("Start the network now").uncheck();
    await form.getByRole("button", { name: "Create network" }).click();
    const alert = form.getByRole("alert");
    await alert.waitFor();
    const expected = await apiAnswer(page, "POST", "/api/networks", {
      name: "default",
      mode: "isolated",
      subnet: "192.168.214.0/24",
      dhcp: null,
      start: false,
      autostart: false,
    });
    assert(expected.status === 409 || expected.status === 400, `refused: ${expected.status}`);
    assertEquals(await alert.textContent(), expected.message);
  });
});

Deno.test("network browser - port forwards of a NAT network: add, see it applied, remove", async () => {
  await withNatNode(async (page, server) => {
    await open(page, `${server.url}/networks`, "New network");
    const listed = page.locator(`tr[data-network="${NAT}"]`);
    assertEquals((await listed.locator("td").allTextContents()).slice(1, 3), ["NAT", "Active"]);
    await listed.getByRole("link", { name: NAT }).click();
    await page.waitForURL(`${server.url}/networks/${NAT}`);
    const facts = page.locator('section[aria-labelledby="network-facts-title"]');
    await facts.getByText("Port forwards0").waitFor();
    await page.goto(`${server.url}/networks/${NAT}/forwards`);

    const forwards = page.locator('section[aria-labelledby="forwards-title"]');
    await forwards.getByText("No port forwards.").waitFor();
    const add = page.getByRole("form", { name: "Add a port forward" });
    await add.getByRole("button", { name: "Add forward" }).and(page.locator(":enabled")).waitFor();

    // A guest outside the subnet: the API's words.
    await add.getByLabel("Protocol").selectOption("tcp");
    await add.getByLabel("Host port").fill("18080");
    await add.getByLabel("Guest IP").fill("10.9.9.9");
    await add.getByLabel("Guest port").fill("80");
    await add.getByRole("button", { name: "Add forward" }).click();
    const refused = forwards.locator(".note-error");
    await refused.waitFor();
    const expected = await apiAnswer(page, "POST", `/api/networks/${NAT}/forwards`, {
      protocol: "tcp",
      hostPort: 18080,
      guestIp: "10.9.9.9",
      guestPort: 80,
      description: "",
    });
    assertEquals(expected.status, 400);
    assertEquals(await refused.textContent(), expected.message);

    await add.getByLabel("Guest IP").fill("192.168.215.10");
    await add.getByLabel("Description").fill("web server");
    await add.getByRole("button", { name: "Add forward" }).click();
    await forwards.getByText("Host port 18080/tcp forwards to 192.168.215.10:80.").waitFor();
    const row = forwards.locator("tbody tr", { hasText: "18080" });
    assertEquals(await row.locator("td").allTextContents(), [
      "TCP",
      "18080",
      "192.168.215.10:80",
      "web server",
      "Applied",
      "Remove",
    ]);
    // The facts (the Overview tab) count it.
    await page.goto(`${server.url}/networks/${NAT}`);
    await facts.getByText("Port forwards1").waitFor();

    await page.goto(`${server.url}/networks/${NAT}/forwards`);
    await row.getByRole("button", { name: "Remove port forward 18080/tcp" }).click();
    await forwards.getByText("No port forwards.").waitFor();
    await page.goto(`${server.url}/networks/${NAT}`);
    await facts.getByText("Port forwards0").waitFor();
  });
});

Deno.test("network browser - on the demo, the Leases tab says the driver cannot list leases", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/networks/default/leases`);
    const card = page.locator('section[aria-labelledby="leases-title"]');
    // The test driver answers NOT_SUPPORTED: a fact of the host, in a reader's words (not
    // libvirt's "virNetworkGetDHCPLeases"), as a status rather than an alert.
    const note = card.getByRole("status");
    await note.waitFor();
    assertEquals(await note.textContent(), "This host's libvirt driver cannot list DHCP leases.");
    assertEquals(await card.getByRole("alert").count(), 0);
  });
});
