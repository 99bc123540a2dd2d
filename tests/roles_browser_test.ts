// Browser tier for roles: a viewer sees every page read-only, an operator powers only the VMs it
// is allowed, an admin sees everything; and what the page hides, the API refuses.

import type { Locator, Page } from "playwright-core";
import { assert, assertEquals } from "./support/assert.ts";
import type { TestDomainSpec } from "./support/test_node.ts";
import {
  adminHeaders,
  apiAnswer,
  signIn,
  vmId,
  withDemoServer,
} from "./support/browser_helpers.ts";

// web and db stopped (so Start is offered), web with a console; cache paused.
const DOMAINS: TestDomainSpec[] = [
  { name: "web", runstate: 5, vcpus: 2, memoryMb: 1024, disk: true, vnc: true },
  { name: "db", runstate: 5, vcpus: 4, memoryMb: 4096, disk: true },
  { name: "cache", runstate: 3, vcpus: 1, memoryMb: 256 },
];

const visibleCount = (l: Locator) => l.filter({ visible: true }).count();

async function assertHidden(l: Locator, what: string) {
  assertEquals(await visibleCount(l), 0, `${what} is hidden`);
}

async function assertShown(l: Locator, what: string) {
  assert(await visibleCount(l) > 0, `${what} is shown`);
}

/** Opens a page and waits until its islands have hydrated (the marker is enabled). */
async function open(page: Page, url: string, hydratedMarker: string) {
  assertEquals((await page.goto(url))?.status(), 200, `GET ${url}`);
  await page.locator(`${hydratedMarker}:not([disabled])`).first().waitFor({ state: "attached" });
}

// Markers of hydration: controls disabled until their island runs (present, if hidden, for all).
const SELECT_ALL = "input[aria-label='Select all shown VMs']";
const DETAILS = ".vm-header .actions button.button-danger";
const NEW_BUTTON = ".toolbar button.button-primary";
const powerButton = (page: Page, label: string, vm: string) =>
  page.getByRole("button", { name: `${label} ${vm}`, exact: true });

async function navLabels(page: Page): Promise<string[]> {
  return await page.locator("nav[aria-label='Main'] a").allTextContents();
}

Deno.test("roles browser - a viewer sees every page read-only", async () => {
  await withDemoServer(
    async (page, server) => {
      const web = await vmId(server, "web");
      await signIn(page, server, { user: "vera", role: "viewer" });

      await open(page, `${server.url}/vms`, SELECT_ALL);
      const nav = await navLabels(page);
      for (const item of ["Settings", "Access", "Audit"]) {
        assert(!nav.includes(item), `no ${item} in the nav: ${nav}`);
      }
      assert(nav.includes("Virtual machines"), "the read pages are in the nav");
      await assertHidden(page.getByRole("link", { name: "New VM" }), "New VM");
      await assertHidden(page.getByRole("heading", { name: "Import VM from XML" }), "Import");
      await assertHidden(page.locator(".vm-table .row-actions button"), "row power buttons");
      await assertHidden(page.locator(SELECT_ALL), "the selection column");
      await assertShown(page.getByRole("link", { name: "web", exact: true }), "the VM list");

      await open(page, `${server.url}/vms/${web}`, DETAILS);
      const toolbar = page.getByRole("toolbar", { name: "VM actions" });
      await assertHidden(toolbar.getByRole("button"), "VM action buttons");
      await assertHidden(toolbar.getByText("Console"), "Console");
      await assertShown(page.getByRole("heading", { name: "Configuration" }), "the configuration");

      // Each control on the tab that holds it, so that hidden means hidden, not elsewhere.
      await open(page, `${server.url}/vms/${web}/hardware`, DETAILS);
      await assertHidden(page.getByRole("heading", { name: "Settings", exact: true }), "Settings");
      await assertHidden(page.getByRole("button", { name: "Clone…" }), "Clone");
      await assertHidden(page.getByRole("button", { name: /^Detach / }), "Detach");
      await assertShown(page.getByRole("heading", { name: "Disks" }), "the disks");
      await open(page, `${server.url}/vms/${web}/advanced`, DETAILS);
      await assertHidden(page.getByRole("heading", { name: "Domain XML" }), "the XML editor");
      await open(page, `${server.url}/vms/${web}/snapshots`, DETAILS);
      await assertHidden(page.getByRole("button", { name: "New snapshot" }), "New snapshot");
      await open(page, `${server.url}/vms/${web}/backups`, DETAILS);
      await assertHidden(page.getByRole("button", { name: "Back up now" }), "Back up now");

      await open(page, `${server.url}/storage`, NEW_BUTTON);
      await page.getByRole("link", { name: "default", exact: true }).waitFor();
      await assertHidden(page.getByRole("button", { name: "New pool" }), "New pool");
      await assertHidden(page.locator(".pool-table .row-actions"), "pool actions");
      assert(await page.getByLabel("Autostart default").isDisabled(), "autostart is read-only");

      await open(page, `${server.url}/storage/default`, ".card-head button.button-primary");
      await assertHidden(page.getByRole("toolbar", { name: "Pool actions" }), "pool actions");
      await assertHidden(page.getByRole("button", { name: "New volume" }), "New volume");
      await assertHidden(page.getByRole("form", { name: "Upload a volume" }), "upload");

      await open(page, `${server.url}/networks`, NEW_BUTTON);
      await page.getByRole("link", { name: "default", exact: true }).waitFor();
      await assertHidden(page.getByRole("button", { name: "New network" }), "New network");
      await assertHidden(page.locator(".network-table .row-actions"), "network actions");

      await open(page, `${server.url}/networks/default`, ".vm-header .actions button");
      await assertHidden(page.getByRole("toolbar", { name: "Network actions" }), "network actions");
      await assertHidden(page.getByRole("form", { name: "DHCP range" }), "the DHCP form");
      await assertHidden(page.getByRole("form", { name: "Add a static host" }), "add host");

      await open(page, `${server.url}/templates`, NEW_BUTTON);
      await assertHidden(page.getByRole("button", { name: "New template" }), "New template");
      await assertHidden(page.getByRole("button", { name: "Template from a VM" }), "From a VM");

      // What the page hides, the API refuses in its own words.
      const forced = await apiAnswer(page, "POST", `/api/vms/${web}/start`);
      assertEquals(forced, {
        status: 403,
        message: `Your role (viewer) may not POST /api/vms/${web}/start`,
      });
    },
    DOMAINS,
    { signInAs: null },
  );
});

Deno.test("roles browser - an operator powers only its own VMs", async () => {
  await withDemoServer(
    async (page, server) => {
      const web = await vmId(server, "web");
      const db = await vmId(server, "db");
      await signIn(page, server, { user: "otto", role: "operator", vms: [web] });

      await open(page, `${server.url}/vms`, SELECT_ALL);
      await assertShown(powerButton(page, "Start", "web"), "web's Start");
      await assertHidden(powerButton(page, "Start", "db"), "db's Start");
      await assertHidden(powerButton(page, "Resume", "cache"), "cache's Resume");
      await assertHidden(page.getByRole("link", { name: "New VM" }), "New VM");
      await assertShown(page.locator(SELECT_ALL), "the selection column");

      // The batch bar offers power, not snapshots.
      await page.getByLabel("Select web").check();
      const bar = page.getByRole("region", { name: "Batch actions" });
      await assertShown(bar.getByRole("button", { name: "Start", exact: true }), "batch Start");
      await assertHidden(bar.getByRole("button", { name: "Snapshot", exact: true }), "Snapshot");
      await bar.getByRole("button", { name: "Clear selection" }).click();

      const started = page.waitForResponse((r) => r.url().endsWith(`/api/vms/${web}/start`));
      await powerButton(page, "Start", "web").click();
      assertEquals((await started).status(), 200);
      const row = page.locator(`tr[data-vm-id="${web}"]`);
      await row.getByText("Running").waitFor();

      await open(page, `${server.url}/vms/${web}`, DETAILS);
      const toolbar = page.getByRole("toolbar", { name: "VM actions" });
      await assertShown(toolbar.getByRole("button", { name: "Shut down" }), "web's Shut down");
      await assertShown(toolbar.getByRole("link", { name: "Console" }), "web's Console");
      await assertHidden(toolbar.getByRole("button", { name: "Delete" }), "Delete");
      await open(page, `${server.url}/vms/${web}/hardware`, DETAILS);
      await assertHidden(page.getByRole("heading", { name: "Settings", exact: true }), "Settings");
      // A snapshot an admin took: listed, but revert and delete are admins' and not offered.
      const took = await fetch(`${server.url}/api/vms/${web}/snapshots`, {
        method: "POST",
        headers: { ...adminHeaders(server), "content-type": "application/json" },
        body: JSON.stringify({ name: "before-upgrade" }),
      });
      assertEquals(took.status, 201, await took.text());
      await open(page, `${server.url}/vms/${web}/snapshots`, DETAILS);
      await page.locator('tr[data-snapshot="before-upgrade"]').waitFor();
      await assertHidden(page.getByRole("button", { name: "New snapshot" }), "New snapshot");
      await assertHidden(page.getByRole("button", { name: /^Revert to / }), "Revert");
      await assertHidden(page.getByRole("button", { name: /^Delete / }), "snapshot Delete");
      const tabs = page.getByRole("navigation", { name: "web sections" });
      await assertShown(tabs.getByRole("link", { name: "Console" }), "web's Console tab");

      await open(page, `${server.url}/vms/${db}`, DETAILS);
      await assertHidden(
        page.getByRole("toolbar", { name: "VM actions" }).getByRole("button"),
        "db's buttons",
      );
      // db was not granted: no Console tab, and its console page says why instead of trying.
      const dbTabs = page.getByRole("navigation", { name: "db sections" });
      await assertShown(dbTabs.getByRole("link", { name: "Hardware" }), "db's other tabs");
      await assertHidden(dbTabs.getByRole("link", { name: "Console" }), "db's Console tab");
      for (const view of ["console", "serial"]) {
        await page.goto(`${server.url}/vms/${db}/${view}`);
        await page.getByText(
          "You may not open this VM's console: an admin can give you the operator role and this VM on the Access page",
        ).waitFor();
        assertEquals(await page.locator("canvas, .serial-screen").count(), 0, `no ${view}`);
      }
      const nav = await navLabels(page);
      assert(!nav.includes("Access") && !nav.includes("Settings"), `admin nav hidden: ${nav}`);
    },
    DOMAINS,
    { signInAs: null },
  );
});

Deno.test("roles browser - an admin sees every control", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await open(page, `${server.url}/vms`, SELECT_ALL);
    const nav = await navLabels(page);
    for (const item of ["Settings", "Access", "Audit"]) {
      assert(nav.includes(item), `${item} in the nav: ${nav}`);
    }
    await assertShown(page.getByRole("link", { name: "New VM" }), "New VM");
    await assertShown(powerButton(page, "Start", "web"), "web's Start");
    await assertShown(powerButton(page, "Start", "db"), "db's Start");
    await assertShown(page.getByRole("heading", { name: "Import VM from XML" }), "Import");

    await open(page, `${server.url}/vms/${web}`, DETAILS);
    const toolbar = page.getByRole("toolbar", { name: "VM actions" });
    await assertShown(toolbar.getByRole("button", { name: "Start" }), "Start");
    await assertShown(toolbar.getByRole("button", { name: "Delete" }), "Delete");
    await open(page, `${server.url}/vms/${web}/hardware`, DETAILS);
    await assertShown(page.getByRole("heading", { name: "Settings", exact: true }), "Settings");
    await open(page, `${server.url}/vms/${web}/advanced`, DETAILS);
    await assertShown(page.getByRole("heading", { name: "Domain XML" }), "the XML editor");
    await open(page, `${server.url}/vms/${web}/snapshots`, DETAILS);
    await assertShown(page.getByRole("button", { name: "New snapshot" }), "New snapshot");
    await open(page, `${server.url}/vms/${web}/backups`, DETAILS);
    await assertShown(page.getByRole("button", { name: "Back up now" }), "Back up now");

    await open(page, `${server.url}/storage`, NEW_BUTTON);
    await assertShown(page.getByRole("button", { name: "New pool" }), "New pool");
    await open(page, `${server.url}/networks`, NEW_BUTTON);
    await assertShown(page.getByRole("button", { name: "New network" }), "New network");
    await open(page, `${server.url}/templates`, NEW_BUTTON);
    await assertShown(page.getByRole("button", { name: "New template" }), "New template");
  }, DOMAINS);
});

Deno.test("roles browser - the access page makes, rotates and revokes tokens, assigns roles", async () => {
  await withDemoServer(async (page, server) => {
    await open(page, `${server.url}/access`, "button.button-primary");
    const tokens = page.getByRole("region", { name: "API tokens" });

    // A new operator token for web only, for 30 days: its secret shown once, with a curl example.
    await tokens.getByLabel("Name", { exact: true }).fill("ci");
    await tokens.getByLabel("Expires after (days)").fill("30");
    await tokens.getByLabel("Role", { exact: true }).selectOption("operator");
    await tokens.getByLabel("Only these:").check();
    await tokens.getByLabel("web", { exact: true }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const box = page.getByRole("region", { name: "Secret of token ci" });
    await box.getByText("Copy it now: it will not be shown again").waitFor();
    const secret = await box.getByLabel("Token secret").inputValue();
    assert(/^kvmm_[0-9a-f]{16}_/.test(secret), `a token secret: ${secret}`);
    assertEquals(
      await box.locator("pre").textContent(),
      `curl -H "Authorization: Bearer ${secret}" ${server.url}/api/vms`,
    );
    // By its id: the name cell says more once the token is rotated.
    const row = tokens.locator(`tr[data-token="${secret.slice("kvmm_".length, 21)}"]`);
    await row.getByRole("cell", { name: "web", exact: true }).waitFor();
    const listed = await fetch(`${server.url}/api/vms`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    assertEquals(listed.status, 200, "the new token works");
    await listed.body?.cancel();
    const made = server.ctx.auth.tokens.list().find((k) => k.name === "ci")!;
    const days = (Date.parse(made.expiresAt!) - Date.parse(made.createdAt)) / 86_400_000;
    assertEquals(days, 30, "made to expire in 30 days");
    assert(
      (await row.locator("td").nth(6).textContent()) !== "Never",
      "the list shows when it expires",
    );

    // Rotate asks how long the old secret keeps working, then shows the new one once.
    await row.getByRole("button", { name: "Rotate… ci" }).click();
    const rotate = page.getByRole("dialog", { name: "Rotate API token" });
    await rotate.getByLabel("The old secret keeps working for").selectOption({ label: "1 hour" });
    await rotate.getByRole("button", { name: "Rotate" }).click();
    await box.getByText("Copy the new secret now: it will not be shown again").waitFor();
    await box.getByText("The old secret works until").waitFor();
    const rotated = await box.getByLabel("Token secret").inputValue();
    assert(rotated.startsWith(`kvmm_${made.id}_`) && rotated !== secret, rotated);
    for (const [bearer, what] of [[secret, "the old secret"], [rotated, "the new one"]]) {
      const res = await fetch(`${server.url}/api/vms`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      assertEquals(res.status, 200, `${what} works during the grace period`);
      await res.body?.cancel();
    }
    await row.getByText("old secret works until").waitFor();

    // Revoke asks first, then the token is refused.
    await row.getByRole("button", { name: "Revoke ci" }).click();
    await page.getByRole("dialog", { name: "Revoke API token" })
      .getByRole("button", { name: "Revoke" }).click();
    await row.getByRole("button", { name: "Revoke ci" }).waitFor({ state: "detached" });
    for (const bearer of [secret, rotated]) {
      const refused = await fetch(`${server.url}/api/vms`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      assertEquals(refused.status, 401, "a revoked token is refused, old secret and new");
      await refused.body?.cancel();
    }

    // Accounts: the groups, an assignment, an error in the API's words, and Remove.
    const accounts = page.getByRole("region", { name: "Accounts" });
    await accounts.locator("dd[data-groups='admin']").getByText("libvirt").waitFor();
    const form = page.getByRole("form", { name: "Assign a role" });
    await form.getByLabel("Host account").fill("not an account");
    await form.getByRole("button", { name: "Assign role" }).click();
    await form.getByRole("alert").getByText("Not a valid account name").waitFor();

    await form.getByLabel("Host account").fill("alice");
    await form.getByLabel("Role").selectOption("operator");
    await form.getByLabel("Only these:").check();
    await form.getByLabel("db", { exact: true }).check();
    await form.getByRole("button", { name: "Assign role" }).click();
    const alice = accounts.locator("tr[data-account='alice']");
    await alice.getByRole("cell", { name: "db", exact: true }).waitFor();
    assertEquals(server.ctx.auth.access.get("alice")?.role, "operator");

    await alice.getByRole("button", { name: "Remove the role of alice" }).click();
    await page.getByRole("dialog", { name: "Remove assigned role" })
      .getByRole("button", { name: "Remove" }).click();
    await alice.waitFor({ state: "detached" });
    assertEquals(server.ctx.auth.access.get("alice"), null);
  }, DOMAINS);
});
