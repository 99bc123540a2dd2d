// Browser tier for OVA on real libvirtd: a stopped VM's Hardware tab exports it (the note links
// the download), the pool's volumes table imports the OVA (the note leads to the wizard), the
// wizard shows the descriptor for review with its fields filled in (name, CPUs, memory, the
// imported disk) and creates the VM from the converted disk.

import type { Page } from "playwright-core";
import { assertEquals, assertMatch } from "./support/assert.ts";
import { openBrowser, signIn } from "./support/browser_helpers.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  ensurePool,
  TEST_POOL,
  virsh,
} from "./support/guest.ts";
import { run } from "./support/real_app.ts";
import type { Server } from "../main.ts";

const PREFIX = "kvmm-ovaui-";
const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true });

Deno.test("qemu ova browser - export from the Hardware tab, import from the volumes table, review and create in the wizard", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(PREFIX);
  await ensurePool();
  const name = `${PREFIX}vm`;
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-ovaui-" });
  let server: Server | undefined;
  const browser = await openBrowser();
  try {
    server = await startRealServer(dataDir);
    const made = await adminCall<{ id: string }>(server, "POST", "/api/vms", {
      name,
      cpuCount: 2,
      memoryMb: 256,
      diskSizeGb: 1,
      osType: "linux",
      network: "",
      diskFormat: "qcow2",
      bootMenu: false,
      storagePool: TEST_POOL,
      virtType: "qemu",
    });
    const disk = (await virsh("vol-path", "--pool", TEST_POOL, `${name}.qcow2`)).trim();
    await run("qemu-io", "-f", "qcow2", "-c", "write -P 0x42 0 1M", disk);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server);

    // Export from the Hardware tab.
    await page.goto(`${server.url}/vms/${made.id}/hardware`);
    await page.getByRole("button", { name: "Export OVA…" }).and(page.locator(":enabled")).click();
    const dialog = page.getByRole("dialog", { name: `Export ${name} as an OVA` });
    assertEquals(await dialog.getByLabel("Name of the OVA file").inputValue(), `${name}.ova`);
    await dialog.getByRole("button", { name: "Export", exact: true }).click();
    const link = dialog.getByRole("link", { name: `Download ${name}.ova` });
    await link.waitFor({ timeout: 60_000 });
    assertMatch(
      await dialog.locator(".note-success").textContent() ?? "",
      new RegExp(`^Exported as ${name}\\.ova \\(.+\\) in pool ${TEST_POOL}: Download`),
    );
    assertEquals(
      await link.getAttribute("href"),
      `/api/pools/${TEST_POOL}/volumes/${name}.ova/content`,
    );
    await dialog.getByRole("button", { name: "Close" }).click();

    // Import from the pool's volumes table. The source goes first (its disk stays), so the
    // import may take its name (after leaving its page, which would follow it away).
    await page.goto(`${server.url}/storage/${TEST_POOL}`);
    await adminCall(server, "DELETE", `/api/vms/${made.id}`);
    const row = page.locator(`tr[data-volume="${name}.ova"]`);
    await row.getByRole("button", { name: `Import OVA ${name}.ova` }).click();
    const review = page.getByRole("link", { name: "Review it and create the VM" });
    await review.waitFor({ timeout: 60_000 });
    assertMatch(
      await page.locator(".note-success").textContent() ?? "",
      new RegExp(`^${name}\\.ova imported: its disks are ${name}-disk1\\.qcow2\\.`),
    );
    await review.click();
    await page.waitForURL(/\/vms\/new\?ova=/);

    // The review card, and the wizard filled from it.
    const card = page.locator('section[aria-labelledby="ova-review-title"]');
    await card.getByRole("heading", { name: `From the OVA: ${name}` }).waitFor();
    const facts = await card.locator("dl").innerText();
    assertMatch(facts, /CPUs\s+2/);
    assertMatch(facts, /Memory\s+256 MiB/);
    assertMatch(facts, new RegExp(`1 GiB on virtio as ${name}-disk1\\.qcow2`));
    await page.locator("#wiz-name:enabled").waitFor();
    assertEquals(await page.inputValue("#wiz-name"), name);
    await next(page).click();
    assertEquals(await page.getByLabel("Import an existing disk image").isChecked(), true);
    await next(page).click();
    await next(page).click();
    await next(page).click();
    await page.getByText("The host accepts this configuration.").waitFor();
    const sent = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/vms"));
    await page.getByRole("button", { name: "Create VM" }).click();
    const body = (await sent).postDataJSON();
    const imported = (await virsh("vol-path", "--pool", TEST_POOL, `${name}-disk1.qcow2`)).trim();
    assertEquals(
      [body.name, body.cpuCount, body.memoryMb, body.importDiskPath],
      [name, 2, 256, imported],
    );
    await page.waitForURL(/\/vms\/[0-9a-f-]{36}/, { timeout: 30_000 });
    await run("qemu-img", "compare", disk, imported);
  } finally {
    await browser.close();
    await server?.close();
    await cleanupGuestsNamed(PREFIX);
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
