// Real-QEMU test of hot-plug room: a VM made as the wizard makes it takes a hot-plugged disk and
// then NICs while running, and once its PCIe root ports are all taken a further hot-plug is
// refused as NO_HOTPLUG_SLOT in the user's words, a host device passed through too. One booted
// guest for every step. Fails (never skips) without libvirtd; everything it makes is named
// kvmm-hotplug-*.

import { assert, assertEquals } from "./support/assert.ts";
import { withRealApp } from "./support/real_app.ts";
import { MADE_UP_MDEV, madeUpCard, madeUpInventory } from "./support/made_up_devices.ts";
import {
  cleanupGuestsNamed,
  domstate,
  ensureAssetsPool,
  ensurePool,
  ensureTestNetwork,
  shutdownProvesBoot,
  TEST_POOL,
  virsh,
} from "./support/guest.ts";

const PREFIX = "kvmm-hotplug-";
const NAME = `${PREFIX}vm`;
const REFUSAL = "No free slot for hot-plug: shut the VM down to add it";

/** The wizard's request for a tiny TCG guest booting the busybox initrd, started at once. */
async function wizardConfig(network: string) {
  const { kernel, initrd } = await ensureAssetsPool();
  return {
    name: NAME,
    cpuCount: 1,
    memoryMb: 192,
    diskSizeGb: 1,
    osType: "linux",
    osVariant: "linux2022",
    network,
    diskFormat: "qcow2",
    bootMenu: false,
    storagePool: TEST_POOL,
    virtType: "qemu",
    directKernel: { kernelPath: kernel, initrdPath: initrd, cmdline: "console=tty0 console=ttyS0" },
    start: true,
  };
}

/** The root ports of the VM's persistent definition. */
async function rootPorts(): Promise<number> {
  const xml = await virsh("dumpxml", "--inactive", NAME);
  return xml.match(/<controller type='pci'[^>]*model='pcie-root-port'/g)?.length ?? 0;
}

/** The NICs of the VM's persistent definition. */
async function definedNics(): Promise<number> {
  const xml = await virsh("dumpxml", "--inactive", NAME);
  return xml.match(/<interface type=/g)?.length ?? 0;
}

Deno.test("qemu hotplug - a wizard-made VM takes a hot-plugged disk and NICs; a full one says what to do", async (t) => {
  await cleanupGuestsNamed(PREFIX);
  await ensurePool();
  const network = await ensureTestNetwork();
  try {
    await withRealApp({}, async ({ call, ctx, request }) => {
      const created = await call("POST", "/api/vms", await wizardConfig(network));
      assertEquals(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id;
      assertEquals(await domstate(NAME), "running");
      // virt-install's count, not the one spare libvirt adds by itself.
      assertEquals(await rootPorts(), 14);
      const nic = () => call("POST", `/api/vms/${id}/interfaces`, { network });

      await t.step("a hot-plugged disk, then a hot-plugged NIC", async () => {
        const disk = await call("POST", `/api/vms/${id}/disks`, {
          bus: "virtio",
          newVolume: { pool: TEST_POOL, name: `${PREFIX}vm-disk2`, sizeGb: 1, format: "qcow2" },
        });
        assertEquals(disk.status, 201, JSON.stringify(disk.body));
        assertEquals([disk.body.target, disk.body.live], ["vdb", true]);
        const added = await nic();
        assertEquals(added.status, 201, JSON.stringify(added.body));
        assertEquals(added.body.live, true);
        assertEquals(await definedNics(), 2);
      });

      await t.step(
        "once every port is taken: 409 NO_HOTPLUG_SLOT, the definition untouched",
        async () => {
          let plugged = 0;
          let refused;
          while (plugged <= 14) {
            const res = await nic();
            if (res.status !== 201) {
              refused = res;
              break;
            }
            assertEquals(res.body.live, true);
            plugged++;
          }
          assert(refused, "the ports never ran out");
          // The devices of the create left 8 of the 14 ports; the disk and the first NIC took two.
          assertEquals(plugged, 6);
          assertEquals(refused.status, 409, JSON.stringify(refused.body));
          assertEquals(refused.body, { code: "NO_HOTPLUG_SLOT", message: REFUSAL });
          // Live first: the refused NIC did not land in the definition either.
          assertEquals(await definedNics(), 2 + plugged);
          // The form shows the answer as sent, in the user's language.
          const german = await request(`/api/vms/${id}/interfaces`, {
            method: "POST",
            headers: { "content-type": "application/json", "accept-language": "de" },
            body: JSON.stringify({ network }),
          });
          assertEquals(german.status, 409);
          assertEquals(await german.json(), {
            code: "NO_HOTPLUG_SLOT",
            message:
              "Kein freier Steckplatz zum Hinzufügen im laufenden Betrieb: VM herunterfahren, dann hinzufügen",
          });
          // A virtio disk needs a port too: the same refusal, and no volume left behind.
          const disk = await call("POST", `/api/vms/${id}/disks`, {
            bus: "virtio",
            newVolume: { pool: TEST_POOL, name: `${PREFIX}vm-disk3`, sizeGb: 1, format: "qcow2" },
          });
          assertEquals(disk.status, 409, JSON.stringify(disk.body));
          assertEquals(disk.body, { code: "NO_HOTPLUG_SLOT", message: REFUSAL });
          await virsh("pool-refresh", TEST_POOL);
          assert(!(await virsh("vol-list", TEST_POOL)).includes(`${PREFIX}vm-disk3`));
        },
      );

      await t.step(
        "a PCI or mediated host device passed through to the full VM: the same 409",
        async () => {
          // A card and a mediated device this machine does not have, as the inventory would list
          // them: the refusal comes before libvirt is asked, so nothing of the host is touched.
          const card = madeUpCard(0);
          ctx.hostDevices.inventory = () =>
            Promise.resolve(madeUpInventory([card], [MADE_UP_MDEV]));
          for (const device of [card.name, MADE_UP_MDEV.name]) {
            const res = await call("POST", `/api/vms/${id}/hostdevs`, { device });
            assertEquals(res.status, 409, `${device}: ${JSON.stringify(res.body)}`);
            assertEquals(res.body, { code: "NO_HOTPLUG_SLOT", message: REFUSAL });
          }
          assert(!(await virsh("dumpxml", "--inactive", NAME)).includes("<hostdev"));
        },
      );

      await t.step("the guest booted and lives on; shut down, the NIC goes in", async () => {
        await shutdownProvesBoot(NAME);
        const ports = await rootPorts();
        const added = await nic();
        assertEquals(added.status, 201, JSON.stringify(added.body));
        assertEquals(added.body.live, false);
        // libvirt gave the stopped VM the port the new NIC needs.
        assertEquals(await rootPorts(), ports + 1);
      });
    });
  } finally {
    await cleanupGuestsNamed(PREFIX);
  }
});
