// Browser tier for importing a disk (issue 58): the wizard's "Import an existing disk image"
// offers the pools' volumes to pick instead of a typed path, and the picked image's format (as
// libvirt reads it) becomes the disk's format. On the demo's test driver; a real import boots in
// tests/qemu_disk_sources_test.ts.

import { assertEquals } from "./support/assert.ts";
import { adminHeaders, withDemoServer } from "./support/browser_helpers.ts";

Deno.test("import picker browser - a volume picked from a pool fills the path and its format", async () => {
  await withDemoServer(async (page, server) => {
    // A raw image in the pool, as one copied there by hand would be.
    const made = await fetch(`${server.url}/api/pools/default/volumes`, {
      method: "POST",
      headers: { ...adminHeaders(server), "content-type": "application/json" },
      body: JSON.stringify({ name: "imported.img", format: "raw", sizeGb: 1 }),
    });
    assertEquals(made.status, 201, await made.text());

    await page.goto(`${server.url}/vms/new`);
    await page.locator("#wiz-name:enabled").waitFor();
    await page.fill("#wiz-name", "from-image");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByLabel("Import an existing disk image").check();
    await page.locator("#existing-pool").selectOption("default");
    const volume = page.locator("#existing-volume");
    await volume.locator("option", { hasText: "imported.img (raw," }).waitFor({
      state: "attached",
    });
    const path = await volume.locator("option", { hasText: "imported.img" }).getAttribute("value");
    await volume.selectOption(path!);
    assertEquals(await page.inputValue("#wiz-import"), path);
    await page.getByRole("button", { name: "Next", exact: true }).click();
    // The format the image has, not the default qcow2.
    assertEquals(await page.inputValue("#wiz-format"), "raw");
  });
});
