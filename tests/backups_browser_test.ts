// Browser tier of backups. On a test-driver node: the settings form, a refusal shown in the
// API's words, "Back up now" of the stopped db (its disk copied) to Succeeded, restore from
// /backups and delete. On qemu:///system: a running guest's backup with its live progress bar.

import type { Page } from "playwright-core";
import type { Server } from "../main.ts";
import { startServer } from "../main.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { apiAnswer, openBrowser, signIn, withDemoServer } from "./support/browser_helpers.ts";
import { assertLibvirtReachable, defineTestGuest, TEST_POOL, virsh } from "./support/guest.ts";
import { BK_POOL, cleanupBackupTests, ensureBackupPool, PREFIX } from "./support/guest_shell.ts";
import { run } from "./support/real_app.ts";

// tests/support/test_node.ts numbers the default domains web (running), db, cache from 1.
const DB = "6b5a6f1e-0000-4000-8000-000000000002";

async function backUpNow(page: Page, mode: string) {
  const card = page.locator('[data-island="VmBackups"]');
  const form = card.getByRole("form", { name: "Back up now" });
  const button = form.getByRole("button", { name: "Back up now" });
  await button.and(page.locator(":enabled")).waitFor();
  await form.getByLabel("Mode").selectOption(mode);
  await button.click();
  return { card, form };
}

Deno.test("backups browser - settings, a refusal verbatim, back up, restore and delete", async () => {
  await withDemoServer(async (page, server) => {
    // No location yet: the API's words, as the form shows them.
    await page.goto(`${server.url}/vms/${DB}/backups`);
    const noPool = await apiAnswer(page, "POST", `/api/vms/${DB}/backups`, { mode: "auto" });
    assertEquals(noPool, {
      status: 409,
      message: "Choose a backup storage pool in Settings first",
    });
    const first = await backUpNow(page, "auto");
    await first.form.locator(".note-error").getByText(noPool.message, { exact: true }).waitFor();
    await first.card.getByText("No backups of db yet.").waitFor();

    await page.goto(`${server.url}/settings`);
    const settings = page.getByRole("form", { name: "Backups" });
    const save = settings.getByRole("button", { name: "Save" });
    await save.and(page.locator(":enabled")).waitFor();
    await settings.getByLabel("Backup storage pool").selectOption("default");
    await settings.getByLabel("Backups kept per VM").fill("0");
    await save.click();
    const badKeep = await apiAnswer(page, "PUT", "/api/backups/settings", { defaultKeep: 0 });
    await settings.locator(".note-error").getByText(badKeep.message, { exact: true }).waitFor();
    await settings.getByLabel("Backups kept per VM").fill("3");
    await save.click();
    await settings.getByText("Backups go to default.").waitFor();
    await page.reload();
    await save.and(page.locator(":enabled")).waitFor();
    assertEquals(await settings.getByLabel("Backup storage pool").inputValue(), "default");
    assertEquals(await settings.getByLabel("Backups kept per VM").inputValue(), "3");

    // db is stopped: its disk is copied, and the row goes to Succeeded by itself.
    await page.goto(`${server.url}/vms/${DB}/backups`);
    const { card, form } = await backUpNow(page, "full");
    await form.getByText("Full backup started (the stopped VM's disks are copied).").waitFor();
    const row = card.locator('tr[data-status="succeeded"]');
    await row.waitFor();
    assertEquals(await row.locator("td").nth(1).textContent(), "Full (disk copy)");
    assertEquals(await row.locator(".badge").textContent(), "Succeeded");

    // Restore from /backups into a new VM.
    await page.goto(`${server.url}/backups`);
    await page.locator('[data-backup-pool="default"]').waitFor();
    const navigations: string[] = [];
    page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(f.url()));
    const group = page.locator('section[data-vm="db"]');
    await group.getByRole("button", { name: /^Restore the backup started / }).click();
    const dialog = page.getByRole("dialog", { name: "Restore backup" });
    await dialog.waitFor();
    assertEquals(await dialog.getByLabel("Name of the new VM").inputValue(), "db-restored");
    await dialog.getByLabel("Name of the new VM").fill("web");
    await dialog.getByRole("button", { name: "Restore" }).click();
    await dialog.locator(".note-error").getByText("VM name already exists: web", { exact: true })
      .waitFor();
    await dialog.getByLabel("Name of the new VM").fill("db-restored");
    await dialog.getByRole("button", { name: "Restore" }).click();
    await dialog.getByText("Restored as db-restored.").waitFor();
    const vm = await page.evaluate(() => fetch("/api/vms/db-restored").then((r) => r.json()));
    assertEquals(vm.state, "stopped");
    // The page follows the restore's end (issue 58): the side tree lists the new VM, stopped,
    // with no reload and no error.
    await page.locator('.tree-vm[data-vm-state="stopped"]', { hasText: "db-restored" }).waitFor();
    assertEquals(navigations, [], "no reload");
    assertEquals(await page.getByRole("alert").count(), 0, "no error shown");
    await dialog.getByRole("button", { name: "Close" }).click();

    // Delete through the confirmation: the group goes.
    await group.getByRole("button", { name: /^Delete the backup started / }).click();
    const confirm = page.getByRole("dialog", { name: "Delete backup" });
    await confirm.getByRole("button", { name: "Delete" }).click();
    await page.getByText("No backups yet.").waitFor();
    assertEquals(await group.count(), 0);
  });
});

Deno.test({
  name: "backups browser - a running guest's backup shows live progress on qemu:///system",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await assertLibvirtReachable();
    await cleanupBackupTests();
    const dataDir = await Deno.makeTempDir({ prefix: PREFIX });
    let server: Server | undefined;
    const browser = await openBrowser();
    try {
      await ensureBackupPool();
      // A 1 GiB data disk full of bytes, so the job runs for a few seconds (4 s on CI's machine
      // with nothing beside it; 4 GiB took 150 s of the guests' lane, 70 of them writing it).
      const guest = await defineTestGuest(PREFIX + "web");
      const data = `/var/lib/libvirt/images/${TEST_POOL}/${PREFIX}web-data.qcow2`;
      await run("qemu-img", "create", "-q", "-f", "qcow2", "-o", "compat=1.1", data, "1G");
      await run("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 0 1G", data);
      await virsh("pool-refresh", TEST_POOL);
      await virsh(
        "attach-disk",
        guest.name,
        data,
        "vdb",
        "--driver",
        "qemu",
        "--subdriver",
        "qcow2",
        "--config",
      );
      await virsh("start", guest.name);
      const listen = { hostname: "127.0.0.1", port: 0 };
      server = await startServer(
        {
          uri: "qemu:///system",
          uriSource: "flag",
          demo: false,
          listen,
          dataDir,
          tls: { mode: "off" },
        },
        { quiet: true },
      );
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signIn(page, server);
      await page.goto(`${server.url}/vms/${guest.uuid}/backups`);
      const set = await apiAnswer(page, "PUT", "/api/backups/settings", { pool: BK_POOL });
      assertEquals(set.status, 200);
      const { card } = await backUpNow(page, "full");
      const bar = card.getByRole("progressbar");
      await bar.waitFor();
      await card.locator('tr[data-status="running"] .badge').getByText("Running").waitFor();
      await card.locator('tr[data-status="succeeded"]').waitFor({ timeout: 120_000 });
      assertEquals(await bar.count(), 0, "the bar goes when the backup is done");
      assert(
        (await card.locator('tr[data-status="succeeded"] td').nth(2).textContent()) !== "—",
        "the size is shown",
      );
      assertEquals(errors, []);
    } finally {
      await browser.close();
      await server?.close();
      await cleanupBackupTests();
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
