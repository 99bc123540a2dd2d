// Why a VM is in its state, in the browser on the demo host (libvirt's test driver): the paused
// "cache" carries libvirt's UNKNOWN reason (what QEMU's own pause gives, "internal error"); a VM
// forced off while the list is open gets its reason live on its row and in the tree, and a
// restart takes it away again. In German too. The real I/O error is tests/qemu_reason_browser_test.ts.

import { assertEquals } from "./support/assert.ts";
import { adminHeaders, vmId, withDemoServer } from "./support/browser_helpers.ts";

Deno.test("state reason browser - the list and the tree follow a VM's reason live; the header says what to do", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    const act = async (action: string) => {
      const res = await fetch(`${server.url}/api/vms/${web}/${action}`, {
        method: "POST",
        headers: adminHeaders(server),
      });
      assertEquals(res.status, 200, action);
      await res.body?.cancel();
    };
    await page.goto(`${server.url}/vms`);
    const row = (name: string) =>
      page.locator("tr", { has: page.getByRole("link", { name, exact: true }) });
    const leaf = page.locator(`.tree-vm[data-vm-screen="${web}"]`);
    await row("cache").locator(".state-reason", { hasText: "internal error" }).waitFor();
    assertEquals(await row("web").locator(".state-reason").count(), 0);
    await leaf.waitFor();

    await act("force-stop");
    await row("web").locator(".state-reason", { hasText: "forced off" }).waitFor();
    assertEquals(
      await leaf.locator(".state-reason-mark").getAttribute("title"),
      "Shut off: forced off",
    );
    await act("start");
    await row("web").locator(".badge", { hasText: "Running" }).waitFor();
    assertEquals(await row("web").locator(".state-reason").count(), 0, "gone with the start");
    assertEquals(await leaf.locator(".state-reason-mark").count(), 0);

    // The paused VM's page: the reason in full with the hint, the log's note for the test driver.
    const cache = await vmId(server, "cache");
    await page.goto(`${server.url}/vms/${cache}`);
    const trouble = page.locator(".vm-header .vm-trouble");
    await trouble.getByText("Paused: internal error").waitFor();
    await trouble.getByText(/switch the VM to software emulation \(TCG\)/).waitFor();
    await trouble.getByText("QEMU log (last lines)").click();
    await trouble.getByText("The QEMU log can only be read for VMs on the local host.").waitFor();

    await page.setExtraHTTPHeaders({ "accept-language": "de" });
    await page.goto(`${server.url}/vms/${cache}`);
    await page.locator(".vm-header .state-reason", { hasText: "interner Fehler" }).waitFor();
    await trouble.getByText("Angehalten: interner Fehler").waitFor();
  });
});
