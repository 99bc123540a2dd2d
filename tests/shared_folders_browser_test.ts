// Browser tier for shared folders on the demo: the Hardware tab's "Shared folders" card adds a
// host folder through its dialog (a bad tag is refused at the field, a folder outside the storage
// roots by the API, in the dialog), lists it with "at next boot" on the running VM, and removes it.

import { assert, assertEquals } from "./support/assert.ts";
import { vmId, withDemoServer } from "./support/browser_helpers.ts";

Deno.test("shared folders browser - add through the dialog, pending at next boot, remove", async () => {
  const dir = await Deno.makeTempDir({ dir: "/srv", prefix: "kvmm-vfs-browser-" });
  try {
    await withDemoServer(async (page, server) => {
      const id = await vmId(server, "web");
      await page.goto(`${server.url}/vms/${id}/hardware`);
      const card = page.getByRole("region", { name: "Shared folders" });
      await card.getByText("No shared folders.", { exact: false }).waitFor();
      await card.getByRole("button", { name: "Add shared folder…" }).and(page.locator(":enabled"))
        .click();
      const dialog = page.getByRole("dialog", { name: "Share a host folder with web" });
      const share = dialog.getByRole("button", { name: "Share", exact: true });
      await dialog.getByLabel("Host folder").fill("/etc");
      await dialog.getByLabel("Tag").fill("bad tag");
      // The field's check renders after the input event, which a loaded machine delays past an
      // immediate read: wait for its verdict, then read the button.
      await dialog.locator('#share-tag[aria-invalid="true"]').waitFor();
      assertEquals(await share.isDisabled(), true, "a bad tag keeps Share off");
      await dialog.getByLabel("Tag").fill("data");
      await share.click();
      await dialog.getByText("outside the allowed storage roots", { exact: false }).waitFor();

      await dialog.getByLabel("Host folder").fill(dir);
      await dialog.getByText("Read-only: the guest cannot change the folder").click();
      const [post] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        share.click(),
      ]);
      assertEquals(post.status(), 201);
      await dialog.waitFor({ state: "hidden" });
      const row = card.getByRole("row", { name: /data/ });
      // "at next boot" needs the VM's state, read beside the list: on a loaded machine the row
      // shows before it (seen: "data/srv/…YesRemove"), so wait for the row to say it.
      await row.filter({ hasText: "at next boot" }).waitFor();
      const text = await row.textContent() ?? "";
      assert(text.includes(dir) && text.includes("at next boot") && text.includes("Yes"), text);
      await card.getByText("Shared memory was added", { exact: false }).waitFor();

      await row.getByRole("button", { name: "Remove data" }).click();
      const ask = page.getByRole("dialog", { name: "Stop sharing folder" });
      await ask.getByRole("button", { name: "Remove" }).click();
      await card.getByText("No shared folders.", { exact: false }).waitFor();
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
