// The Hardware tab's Move… of a disk (islands/settings/DiskMoveDialog.tsx): the dialog names the
// disk, offers the active pools with their free space and the formats, says a running VM keeps
// running, and sends pool, format and "delete the old volume" as POST /api/vms/:id/disks/:target/move
// takes them; the API's refusal shows in it verbatim (the test driver copies no disks; the real
// move is tests/qemu_disk_move_test.ts). KVMM_SHOTS=DIR saves screenshots at three widths, light
// and dark.

import { assert, assertEquals } from "./support/assert.ts";
import { apiAnswer, vmId, withDemoServer } from "./support/browser_helpers.ts";

const SHOTS = Deno.env.get("KVMM_SHOTS");

Deno.test("disk move browser - Move… opens the dialog, sends the choice and shows the refusal", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms/${web}/hardware`);
    const disks = page.locator('section[aria-labelledby="disks-title"]');
    await disks.getByRole("button", { name: "Move…" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Move disk vda" });
    await dialog.waitFor();
    await dialog.getByText("The VM keeps running").waitFor();
    const pool = dialog.locator("#disk-move-pool");
    await pool.locator("option", { hasText: "default (" }).waitFor({ state: "attached" });
    assertEquals(await pool.inputValue(), "default");
    assertEquals(await dialog.locator("#disk-move-format").inputValue(), "qcow2");
    if (SHOTS) {
      await Deno.mkdir(SHOTS, { recursive: true });
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of [390, 1280, 1920]) {
          await page.setViewportSize({ width, height: 900 });
          await page.waitForTimeout(200);
          await page.screenshot({ path: `${SHOTS}/dialog-${width}-${scheme}.png` });
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await dialog.locator("#disk-move-format").selectOption("raw");
    await dialog.getByLabel("Delete the old volume once the VM uses the new one").check();
    const sent = page.waitForRequest((r) =>
      r.method() === "POST" && r.url().endsWith(`/api/vms/${web}/disks/vda/move`)
    );
    await dialog.getByRole("button", { name: "Move", exact: true }).click();
    const body = { pool: "default", format: "raw", deleteSource: true };
    assertEquals((await sent).postDataJSON(), body);
    const error = dialog.locator(".note-error");
    await error.waitFor();
    const expected = await apiAnswer(page, "POST", `/api/vms/${web}/disks/vda/move`, body);
    assertEquals(expected.status, 501, "the test driver copies no disks");
    assertEquals(await error.textContent(), expected.message);
    assert(expected.message.includes("virDomainBlockCopy"), expected.message);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/dialog-refused-1280-dark.png` });
  });
});
