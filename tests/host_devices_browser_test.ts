// Browser tier of the host device inventory and passthrough (issue 25): the page lists and
// searches the host's devices and marks the host's own; the VM's Hardware tab offers only the
// devices it may take, and a refusal is shown in the API's words where the form is.

import { assert, assertEquals } from "./support/assert.ts";
import { apiAnswer, withDemoServer } from "./support/browser_helpers.ts";
import { testPciDevice as pci } from "./support/test_node.ts";
import { routeNic } from "./support/host_pci.ts";

const DB = "6b5a6f1e-0000-4000-8000-000000000002";

Deno.test("host devices browser - the list searches and marks the host's NIC; the Hardware tab offers only free devices and shows a refusal verbatim", async () => {
  const nic = (await routeNic()).pci;
  const devices = [
    pci("0000:41:00.0", { klass: "030000", vendor: "10de", product: "1eb8", group: 7 }),
    pci(nic, { klass: "020000", vendor: "1af4", product: "1041", group: 3 }),
  ].join("\n");
  await withDemoServer(
    async (page, server) => {
      await page.goto(`${server.url}/host/devices`);
      const table = page.getByRole("table", { name: "Host devices" });
      const rows = table.locator("tbody tr");
      await rows.first().waitFor();
      assertEquals(await rows.count(), 2);
      const own = rows.filter({ hasText: nic });
      assert((await own.innerText()).includes("Host network"), await own.innerText());
      // Searching by vendor name leaves the one NVIDIA device (hydrated: the input answers).
      await page.getByRole("searchbox", { name: "Search", exact: true }).fill("nvidia");
      await own.waitFor({ state: "detached" });
      assertEquals(await rows.count(), 1);
      assert((await rows.first().innerText()).includes("0000:41:00.0"));

      await page.goto(`${server.url}/vms/${DB}/hardware`);
      const card = page.locator('section[aria-labelledby="hostdevs-title"]');
      await card.getByText("No host devices passed through.").waitFor();
      await card.getByText("Pass through a host device").click();
      const select = card.locator("#hostdev-device");
      await select.locator("option", { hasText: "0000:41:00.0" }).waitFor({ state: "attached" });
      // The host's own NIC is listed, and cannot be chosen.
      const nicOption = select.locator("option", { hasText: nic });
      assertEquals(await nicOption.isDisabled(), true);
      assertEquals(await select.inputValue(), "pci_0000_41_00_0");
      await card.getByRole("button", { name: "Pass through" }).click();
      const error = card.locator(".note-error");
      await error.waitFor();
      const expected = await apiAnswer(page, "POST", `/api/vms/${DB}/hostdevs`, {
        device: "pci_0000_41_00_0",
      });
      assertEquals(expected.status, 501, "the test driver cannot change devices");
      assertEquals(await error.textContent(), expected.message);
    },
    undefined,
    { nodeDevices: devices },
  );
});
