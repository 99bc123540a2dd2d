import { assertEquals } from "../../tests/support/assert.ts";
import type { HostDevice, HostDeviceInventory } from "../../shared/host_devices.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";
import { routeNic } from "../../tests/support/host_pci.ts";
import { createApp } from "../app.ts";
import { testGpu, testPciDevice as pci } from "../../tests/support/test_node.ts";
import { assignablePeers } from "../../shared/host_devices.ts";

Deno.test("host devices - the inventory: names, classes, IOMMU groups, SR-IOV, mediated types, USB, and the host's own NIC", async () => {
  const nic = await routeNic();
  const devices = [
    pci("0000:41:00.0", {
      klass: "030000",
      vendor: "10de",
      product: "1eb8",
      driver: "nvidia",
      group: 7,
      peers: ["0000:41:00.1"],
      inner: `<capability type='mdev_types'><type id='nvidia-222'><name>GRID T4-1B</name>
        <deviceAPI>vfio-pci</deviceAPI><availableInstances>16</availableInstances></type></capability>`,
    }),
    pci("0000:41:00.1", {
      klass: "040300",
      vendor: "10de",
      product: "10fa",
      group: 7,
      peers: ["0000:41:00.0"],
    }),
    pci("0000:05:00.0", {
      klass: "020000",
      vendor: "8086",
      product: "1521",
      driver: "igb",
      group: 12,
      inner: `<capability type='virt_functions' maxCount='7'>
        <address domain='0x0000' bus='0x05' slot='0x10' function='0x0'/>
        <address domain='0x0000' bus='0x05' slot='0x10' function='0x4'/></capability>`,
    }),
    pci("0000:05:10.0", {
      klass: "020000",
      vendor: "8086",
      product: "1520",
      group: 30,
      inner: `<capability type='phys_function'>
        <address domain='0x0000' bus='0x05' slot='0x00' function='0x0'/></capability>`,
    }),
    pci(nic.pci, {
      klass: "020000",
      vendor: "1af4",
      product: "1041",
      driver: "virtio-pci",
      group: 3,
    }),
    `<device><name>usb_3_4</name><parent>usb_usb3</parent><driver><name>usb</name></driver>
      <capability type='usb_device'><bus>3</bus><device>4</device>
      <product id='0x5678'>Token 2</product><vendor id='0x1050'>Yubico.com</vendor></capability></device>`,
  ].join("\n");
  await withTestApp(
    async ({ req, app, ctx, tokenFor }) => {
      const res = await req("GET", "/api/host/devices");
      assertEquals(res.status, 200);
      const inv: HostDeviceInventory = await res.json();
      const by = (address: string) => inv.devices.find((d) => d.address === address) as HostDevice;
      // Only PCI and USB devices: the test driver's SCSI hosts and "computer" are left out.
      assertEquals(inv.devices.map((d) => d.address), [
        ...["0000:05:00.0", "0000:05:10.0", "0000:41:00.0", "0000:41:00.1", nic.pci].sort(),
        "003:004",
      ]);
      const gpu = by("0000:41:00.0");
      assertEquals(gpu.kind, "pci");
      assertEquals([gpu.vendor.id, gpu.product.id, gpu.classCode], ["10de", "1eb8", "030000"]);
      // Names libvirt left out come from the host's pci.ids (Debian's pci.ids package).
      assertEquals(gpu.vendor.name, "NVIDIA Corporation");
      assertEquals(gpu.className, "VGA compatible controller");
      // (The test driver keeps no <driver>: the real libvirtd test checks drivers.)
      assertEquals([gpu.iommuGroup, gpu.groupPeers], [7, ["0000:41:00.1"]]);
      assertEquals(gpu.mdevTypes, [
        { id: "nvidia-222", name: "GRID T4-1B", deviceApi: "vfio-pci", available: 16 },
      ]);
      assertEquals(by("0000:41:00.1").className, "Audio device");
      const pf = by("0000:05:00.0");
      assertEquals(pf.vendor.name, "Intel Corporation");
      assertEquals(pf.className, "Ethernet controller");
      assertEquals([pf.virtualFunctions, pf.maxVirtualFunctions], [
        ["0000:05:10.0", "0000:05:10.4"],
        7,
      ]);
      assertEquals(by("0000:05:10.0").physicalFunction, "0000:05:00.0");
      // The NIC this machine's default route leaves by is the host's own.
      assertEquals(by(nic.pci).hostUse, { reason: "route", via: nic.iface });
      assertEquals(pf.hostUse, null);
      const usb = by("003:004");
      assertEquals([usb.kind, usb.vendor, usb.product, usb.iommuGroup], [
        "usb",
        { id: "1050", name: "Yubico.com" },
        { id: "5678", name: "Token 2" },
        null,
      ]);
      assertEquals(inv.iommu.enabled, true);
      assertEquals(inv.iommu.groups, 4);
      assertEquals(inv.iommu.advice, null);
      assertEquals(inv.hostUseKnown, true);
      // Viewers may read it, as they read the host's other facts; nobody signed out.
      const viewer = { authorization: `Bearer ${tokenFor("viewer")}` };
      const read = await app.request("http://localhost/api/host/devices", { headers: viewer });
      assertEquals(read.status, 200);
      const anonymous = await createApp(ctx).request("http://localhost/api/host/devices");
      assertEquals(anonymous.status, 401);
    },
    undefined,
    { nodeDevices: devices },
  );
});

Deno.test("host devices - no IOMMU groups: the IOMMU is off, and the inventory says what to do", async () => {
  await withTestApp(
    async ({ req }) => {
      const inv: HostDeviceInventory = await (await req("GET", "/api/host/devices")).json();
      assertEquals(inv.devices.map((d) => d.address), ["0000:02:00.0"]);
      assertEquals(inv.devices[0].iommuGroup, null);
      assertEquals(inv.iommu.enabled, false);
      assertEquals(inv.iommu.advice, "iommu-off");
    },
    undefined,
    { nodeDevices: pci("0000:02:00.0", { klass: "010802", vendor: "144d", product: "a808" }) },
  );
});

Deno.test("host devices - passthrough refusals come before libvirt, in their words", async () => {
  const nic = await routeNic();
  const devices = [
    pci("0000:41:00.0", { klass: "030000", vendor: "10de", product: "1eb8", group: 7 }),
    pci("0000:06:00.0", {
      klass: "010802",
      vendor: "144d",
      product: "a808",
      group: 9,
      peers: [nic.pci],
    }),
    pci(nic.pci, {
      klass: "020000",
      vendor: "1af4",
      product: "1041",
      group: 9,
      peers: ["0000:06:00.0"],
    }),
  ].join("\n");
  await withTestApp(
    async ({ req }) => {
      const refused = async (body: unknown, status: number, code: string, message: string) => {
        const res = await req("POST", "/api/vms/db/hostdevs", body);
        assertEquals([res.status, await res.json()], [status, { code, message }]);
      };
      await refused(
        { device: `pci_${nic.pci.replace(/[:.]/g, "_")}` },
        409,
        "HOST_DEVICE_IN_USE",
        `${nic.pci} is the NIC of the host's default route (${nic.iface}): passing it through would cut the host off from it`,
      );
      await refused(
        { device: "pci_0000_06_00_0" },
        409,
        "HOST_DEVICE_IN_USE",
        `0000:06:00.0 shares IOMMU group 9 with ${nic.pci}, the NIC of the host's default route (${nic.iface}): a group passes through whole, so it cannot be given to a VM`,
      );
      await refused(
        { device: "pci_0000_99_00_0" },
        404,
        "HOST_DEVICE_NOT_FOUND",
        "Host device not found: pci_0000_99_00_0",
      );
      for (const device of ["../etc", "", "pci_" + "0".repeat(200), 7]) {
        await refused(
          { device },
          400,
          "BAD_REQUEST",
          "device must name a host device, e.g. pci_0000_41_00_0",
        );
      }
      await refused(
        { device: "pci_0000_41_00_0", speed: 1 },
        400,
        "BAD_REQUEST",
        "Unknown field: speed",
      );
      await refused(
        { device: "usb_3_4", usbBy: "port" },
        400,
        "BAD_REQUEST",
        "usbBy must be id or address",
      );
      const none = await req("POST", "/api/vms/nope/hostdevs", { device: "pci_0000_41_00_0" });
      assertEquals([none.status, (await none.json()).code], [404, "VM_NOT_FOUND"]);
      // libvirt's test driver cannot change a definition's devices: its own words come back.
      const driver = await req("POST", "/api/vms/db/hostdevs", { device: "pci_0000_41_00_0" });
      assertEquals(driver.status, 501);
      assertEquals((await driver.json()).code, "NOT_SUPPORTED");
      assertEquals(await (await req("GET", "/api/vms/db/hostdevs")).json(), []);
      const missing = await req("DELETE", "/api/vms/db/hostdevs/pci_0000_41_00_0");
      assertEquals([missing.status, await missing.json()], [404, {
        code: "HOST_DEVICE_NOT_FOUND",
        message: "The VM has no host device pci_0000_41_00_0",
      }]);
    },
    undefined,
    { nodeDevices: devices },
  );
});

Deno.test("host devices - a whole IOMMU group: refusals for every member, and not for USB", async () => {
  const nic = await routeNic();
  const devices = [
    // A GPU and its audio function in group 7, behind a bridge that stays with the host.
    testGpu("0000:41:00.0", { group: 7, peers: ["0000:41:00.1", "0000:40:01.0"] }),
    pci("0000:41:00.1", {
      klass: "040300",
      vendor: "10de",
      product: "10fa",
      group: 7,
      peers: ["0000:41:00.0", "0000:40:01.0"],
    }),
    pci("0000:40:01.0", {
      klass: "060400",
      vendor: "1022",
      product: "1453",
      group: 7,
      peers: ["0000:41:00.0", "0000:41:00.1"],
    }),
    pci(nic.pci, { klass: "020000", vendor: "1af4", product: "1041", group: 3 }),
    `<device><name>usb_3_4</name><parent>usb_usb3</parent><driver><name>usb</name></driver>
      <capability type='usb_device'><bus>3</bus><device>4</device>
      <product id='0x5678'>Token 2</product><vendor id='0x1050'>Yubico.com</vendor></capability></device>`,
  ].join("\n");
  await withTestApp(
    async ({ req, client }) => {
      const answer = async (body: unknown) => {
        const res = await req("POST", "/api/vms/db/hostdevs", body);
        return [res.status, await res.json()];
      };
      assertEquals(await answer({ device: "usb_3_4", wholeGroup: true }), [400, {
        code: "BAD_REQUEST",
        message: "wholeGroup is for PCI devices: USB has no IOMMU group",
      }]);
      assertEquals(await answer({ device: "pci_0000_41_00_0", wholeGroup: "yes" }), [400, {
        code: "BAD_REQUEST",
        message: "wholeGroup must be true or false",
      }]);
      // A member a running VM holds keeps the whole group from another VM.
      const holder = await client.call(
        "domainDefine",
        `<domain type='test'><name>holder</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
          <os><type arch='x86_64'>hvm</type></os><devices>
          <hostdev mode='subsystem' type='pci' managed='yes'><source>
            <address domain='0x0000' bus='0x41' slot='0x00' function='0x1'/></source></hostdev>
          </devices></domain>`,
      );
      await client.call("domainAction", holder.uuid, "create");
      assertEquals(await answer({ device: "pci_0000_41_00_0", wholeGroup: true }), [409, {
        code: "HOST_DEVICE_ASSIGNED",
        message: "0000:41:00.1 is given to the running VM holder",
      }]);
      await client.call("domainAction", holder.uuid, "destroy");
      // The group's checks pass; libvirt's test driver then refuses the first change itself.
      const [status, body] = await answer({ device: "pci_0000_41_00_0", wholeGroup: true });
      assertEquals([status, (body as { code: string }).code], [501, "NOT_SUPPORTED"]);
      assertEquals(await (await req("GET", "/api/vms/db/hostdevs")).json(), []);
    },
    undefined,
    { nodeDevices: devices },
  );
});

Deno.test("host devices - a group's assignable members leave its bridges out", () => {
  const inv = [
    {
      kind: "pci",
      address: "0000:41:00.0",
      classCode: "030000",
      groupPeers: ["0000:41:00.1", "0000:40:01.0"],
    },
    { kind: "pci", address: "0000:41:00.1", classCode: "040300", groupPeers: [] },
    { kind: "pci", address: "0000:40:01.0", classCode: "060400", groupPeers: [] },
  ] as unknown as HostDevice[];
  assertEquals(assignablePeers(inv[0], inv).map((d) => d.address), ["0000:41:00.1"]);
});
