// Browser tier of the host device inventory and passthrough (issue 25): the page lists and
// searches the host's devices and marks the host's own; the VM's Hardware tab offers only the
// devices it may take, a device's IOMMU group along with it, and a refusal is shown in the API's
// words where the form is.

import { assert, assertEquals } from "./support/assert.ts";
import { apiAnswer, withDemoServer } from "./support/browser_helpers.ts";
import { t4MdevTypes, testGpu, testMdev, testPciDevice as pci } from "./support/test_node.ts";
import { routeNic } from "./support/host_pci.ts";

const DB = "6b5a6f1e-0000-4000-8000-000000000002";

Deno.test("host devices browser - the list searches and marks the host's NIC; the Hardware tab offers only free devices and shows a refusal verbatim", async () => {
  const nic = (await routeNic()).pci;
  const devices = [
    pci("0000:41:00.0", {
      klass: "030000",
      vendor: "10de",
      product: "1eb8",
      group: 7,
      peers: ["0000:41:00.1"],
    }),
    pci("0000:41:00.1", {
      klass: "040300",
      vendor: "10de",
      product: "10fa",
      group: 7,
      peers: ["0000:41:00.0"],
    }),
    pci(nic, { klass: "020000", vendor: "1af4", product: "1041", group: 3 }),
    `<device><name>usb_3_4</name><parent>usb_usb3</parent><driver><name>usb</name></driver>
      <capability type='usb_device'><bus>3</bus><device>4</device>
      <product id='0x5678'>Token 2</product><vendor id='0x1050'>Yubico.com</vendor></capability></device>`,
  ].join("\n");
  await withDemoServer(
    async (page, server) => {
      await page.goto(`${server.url}/host/devices`);
      const table = page.getByRole("table", { name: "Host devices" });
      const rows = table.locator("tbody tr");
      await rows.first().waitFor();
      assertEquals(await rows.count(), 4);
      const own = rows.filter({ hasText: nic });
      assert((await own.innerText()).includes("Host network"), await own.innerText());
      // Searching by vendor name leaves the NVIDIA card's two functions (hydrated: the input
      // answers).
      await page.getByRole("searchbox", { name: "Search", exact: true }).fill("nvidia");
      await own.waitFor({ state: "detached" });
      assertEquals(await rows.count(), 2);
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
      // The card's audio function is offered along, in one step.
      await card.getByLabel("With the rest of its IOMMU group: 0000:41:00.1").check();
      const sent = page.waitForRequest((r) =>
        r.method() === "POST" && r.url().endsWith(`/api/vms/${DB}/hostdevs`)
      );
      await card.getByRole("button", { name: "Pass through" }).click();
      assertEquals((await sent).postDataJSON(), { device: "pci_0000_41_00_0", wholeGroup: true });
      const error = card.locator(".note-error");
      await error.waitFor();
      const expected = await apiAnswer(page, "POST", `/api/vms/${DB}/hostdevs`, {
        device: "pci_0000_41_00_0",
        wholeGroup: true,
      });
      assertEquals(expected.status, 501, "the test driver cannot change devices");
      assertEquals(await error.textContent(), expected.message);

      // A USB device: chosen by its words, sent as itself (no IOMMU group to offer).
      await select.selectOption({ label: "003:004 Yubico.com Token 2" });
      assertEquals(await card.getByLabel(/With the rest of its IOMMU group/).count(), 0);
      const usb = page.waitForRequest((r) =>
        r.method() === "POST" && r.url().endsWith(`/api/vms/${DB}/hostdevs`)
      );
      await card.getByRole("button", { name: "Pass through" }).click();
      assertEquals((await usb).postDataJSON(), { device: "usb_3_4" });
      await card.locator(".note-error", { hasText: "Failed to attach host device usb_3_4" })
        .waitFor();
    },
    undefined,
    { nodeDevices: devices },
  );
});

Deno.test("host devices browser - mediated devices: listed, made and removed in the API's words, offered on the Hardware tab", async () => {
  const uuid = "4b20d080-1b54-4048-85b3-a6a62d165c01";
  const { name: mdev, xml } = testMdev(uuid);
  const devices = testGpu("0000:41:00.0", { group: 7, inner: t4MdevTypes(15) }) + xml;
  await withDemoServer(
    async (page, server) => {
      await page.goto(`${server.url}/host/devices`);
      const section = page.locator('section[aria-labelledby="mdevs-title"]');
      const row = section.getByRole("row").filter({ hasText: uuid });
      await row.waitFor();
      assert((await row.innerText()).includes("nvidia-222"));
      // Made with the form: the demo's driver cannot define node devices, and says so.
      const form = section.getByRole("form", { name: "New mediated device" });
      assertEquals(
        await form.getByLabel("Type").locator("option").first().textContent(),
        "GRID T4-1B (nvidia-222), 15 free",
      );
      const sent = page.waitForRequest((r) =>
        r.method() === "POST" && r.url().endsWith("/api/host/devices/pci_0000_41_00_0/mdevs")
      );
      await form.getByRole("button", { name: "Make" }).and(page.locator(":enabled")).click();
      assertEquals((await sent).postDataJSON(), { type: "nvidia-222" });
      const error = section.locator(".note-error");
      await error.waitFor();
      const words = (await error.textContent()) ?? "";
      assert(words.includes("not supported by the connection driver"), words);
      // Removing is asked of libvirt too, which the demo's driver cannot either.
      const removed = page.waitForRequest((r) =>
        r.method() === "DELETE" && r.url().endsWith(`/api/host/mdevs/${mdev}`)
      );
      await row.getByRole("button", { name: `Remove ${uuid}` }).click();
      await removed;
      await section.locator(".note-error", { hasText: "Failed to remove the mediated device" })
        .waitFor();

      // The Hardware tab offers the instance to a VM.
      await page.goto(`${server.url}/vms/${DB}/hardware`);
      const card = page.locator('section[aria-labelledby="hostdevs-title"]');
      await card.getByText("Pass through a host device").click();
      await card.locator("#hostdev-device option", {
        hasText: `Mediated device ${uuid} (nvidia-222)`,
      }).waitFor({ state: "attached" });
    },
    undefined,
    { nodeDevices: devices },
  );
});
