// Mediated devices through the API on libvirt's test driver: the inventory lists instances, and
// every refusal of making, giving and removing one comes before libvirt, in its words. The test
// driver cannot define node devices: making one ends in libvirt's 501 (real libvirtd with
// mdevctl: tests/qemu_host_devices_test.ts).

import { assertEquals } from "../../tests/support/assert.ts";
import type { HostDeviceInventory } from "../../shared/host_devices.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";
import {
  t4MdevTypes,
  testGpu,
  testMdev,
  testPciDevice as pci,
} from "../../tests/support/test_node.ts";

const MDEV_UUID = "4b20d080-1b54-4048-85b3-a6a62d165c01";
const { name: MDEV, xml: MDEV_XML } = testMdev(MDEV_UUID);

const devices = [
  testGpu("0000:41:00.0", {
    group: 7,
    inner: t4MdevTypes(
      15,
      `<type id='nvidia-230'><name>GRID T4-16Q</name><deviceAPI>vfio-pci</deviceAPI>
        <availableInstances>0</availableInstances></type>`,
    ),
  }),
  pci("0000:05:00.0", { klass: "020000", vendor: "8086", product: "1521", group: 12 }),
  MDEV_XML,
].join("\n");

Deno.test("mdev API - instances listed; making, giving and removing refused in words", async () => {
  await withTestApp(
    async ({ req, client, app, tokenFor }) => {
      const inv = await (await req("GET", "/api/host/devices")).json() as HostDeviceInventory;
      assertEquals(inv.mdevs, [{
        name: MDEV,
        uuid: MDEV_UUID,
        type: "nvidia-222",
        parent: "pci_0000_41_00_0",
        active: true,
      }]);

      const answer = async (method: string, path: string, body?: unknown) => {
        const res = await req(method, path, body);
        return [res.status, res.status === 204 ? null : await res.json()];
      };
      const make = (device: string, body: unknown) =>
        answer("POST", `/api/host/devices/${device}/mdevs`, body);
      assertEquals(await make("pci_0000_41_00_0", { type: "nvidia-999" }), [400, {
        code: "BAD_REQUEST",
        message:
          "pci_0000_41_00_0 offers no mediated device type nvidia-999; it offers nvidia-222, nvidia-230",
      }]);
      assertEquals(await make("pci_0000_05_00_0", { type: "nvidia-222" }), [400, {
        code: "BAD_REQUEST",
        message: "pci_0000_05_00_0 offers no mediated devices",
      }]);
      assertEquals(await make("pci_0000_41_00_0", { type: "nvidia-230" }), [409, {
        code: "MDEV_EXHAUSTED",
        message: "pci_0000_41_00_0 has no nvidia-230 instance left: remove one first",
      }]);
      assertEquals(await make("pci_0000_99_00_0", { type: "nvidia-222" }), [404, {
        code: "HOST_DEVICE_NOT_FOUND",
        message: "Host device not found: pci_0000_99_00_0",
      }]);
      for (const body of [{}, { type: "a b" }, { type: "x".repeat(65) }, { type: 7 }]) {
        assertEquals(await make("pci_0000_41_00_0", body), [400, {
          code: "BAD_REQUEST",
          message: "type must name one of the device's mediated device types",
        }]);
      }
      // The checks pass; the test driver cannot define node devices, and says so.
      const [status, refusal] = await make("pci_0000_41_00_0", { type: "nvidia-222" });
      assertEquals([status, (refusal as { code: string }).code], [501, "NOT_SUPPORTED"]);
      // Only admins make them.
      const viewer = await app.request("http://localhost/api/host/devices/pci_0000_41_00_0/mdevs", {
        method: "POST",
        headers: {
          authorization: `Bearer ${tokenFor("viewer")}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ type: "nvidia-222" }),
      });
      assertEquals([viewer.status, (await viewer.json()).code], [403, "FORBIDDEN"]);

      // Given to a running VM, it is no other VM's, and cannot be removed.
      const holder = await client.call(
        "domainDefine",
        `<domain type='test'><name>vgpu</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
        <os><type arch='x86_64'>hvm</type></os><devices>
        <hostdev mode='subsystem' type='mdev' model='vfio-pci'><source>
          <address uuid='${MDEV_UUID}'/></source></hostdev></devices></domain>`,
      );
      await client.call("domainAction", holder.uuid, "create");
      assertEquals(await answer("POST", "/api/vms/db/hostdevs", { device: MDEV }), [409, {
        code: "HOST_DEVICE_ASSIGNED",
        message: `The mediated device ${MDEV} is given to vgpu: take it back first`,
      }]);
      assertEquals(await answer("DELETE", `/api/host/mdevs/${MDEV}`), [409, {
        code: "HOST_DEVICE_ASSIGNED",
        message: `The mediated device ${MDEV} is given to vgpu: take it back first`,
      }]);
      assertEquals(await answer("GET", `/api/vms/${holder.uuid}/hostdevs`), [200, [{
        kind: "mdev",
        address: MDEV_UUID,
        usbId: null,
        device: MDEV,
      }]]);
      assertEquals(
        await answer("POST", "/api/vms/db/hostdevs", { device: MDEV, wholeGroup: true }),
        [400, {
          code: "BAD_REQUEST",
          message: "wholeGroup is for PCI devices: a mediated device is given alone",
        }],
      );
      assertEquals(await answer("DELETE", "/api/host/mdevs/mdev_nope"), [404, {
        code: "HOST_DEVICE_NOT_FOUND",
        message: "Host device not found: mdev_nope",
      }]);
    },
    undefined,
    { nodeDevices: devices },
  );
});
