// Real libvirtd: the host device inventory of this machine is what `virsh nodedev-list` and
// `nodedev-dumpxml` say (every PCI and USB device, its driver and IOMMU group), and the devices
// this machine needs (its default route's NIC, its root disk's controller) are marked. Fails
// (never skips) without libvirtd.

import { assert, assertEquals } from "./support/assert.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import { startRealServer } from "./support/real_server.ts";
import { assertLibvirtReachable, run, virsh } from "./support/guest.ts";
import type { Server } from "../main.ts";
import type { HostDeviceInventory } from "../shared/host_devices.ts";

const PCI = /[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]/g;

/** The PCI device a sysfs path sits under. */
async function pciUnder(path: string): Promise<string> {
  const real = await Deno.realPath(path);
  const found = real.match(PCI)?.at(-1);
  assert(found, `${path} -> ${real} is on no PCI device`);
  return found;
}

Deno.test("qemu host devices - this machine's inventory matches virsh, with the host's own NIC and disk marked", async () => {
  await assertLibvirtReachable();
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-hostdev-" });
  let server: Server | undefined;
  try {
    server = await startRealServer(dataDir);
    const res = await fetch(`${server.url}/api/host/devices`, { headers: adminHeaders(server) });
    assertEquals(res.status, 200);
    const inv: HostDeviceInventory = await res.json();

    // Every PCI and USB node device virsh lists, and nothing else.
    const names = async (cap: string) =>
      (await virsh("nodedev-list", "--cap", cap)).split("\n").map((l) => l.trim()).filter(Boolean);
    const pci = await names("pci");
    const usb = await names("usb_device");
    assert(pci.length > 0, "virsh lists PCI devices on this machine");
    assertEquals(inv.devices.map((d) => d.name).sort(), [...pci, ...usb].sort());

    // Each one's address, driver and IOMMU group as nodedev-dumpxml has them.
    for (const d of inv.devices.filter((d) => d.kind === "pci")) {
      const xml = await virsh("nodedev-dumpxml", d.name);
      assertEquals(d.address, d.name.replace(/^pci_(\w{4})_(\w{2})_(\w{2})_(\w)$/, "$1:$2:$3.$4"));
      const driver = /<driver>\s*<name>([^<]+)<\/name>/.exec(xml)?.[1] ?? null;
      assertEquals(d.driver, driver, `${d.name} driver`);
      const group = /<iommuGroup number='(\d+)'/.exec(xml)?.[1];
      assertEquals(d.iommuGroup, group === undefined ? null : Number(group), `${d.name} group`);
      assertEquals(d.classCode, /<class>0x([0-9a-f]{6})<\/class>/.exec(xml)?.[1] ?? null);
    }
    assertEquals(inv.iommu.enabled, inv.devices.some((d) => d.iommuGroup !== null));
    assertEquals(inv.iommu.advice, inv.iommu.enabled ? null : "iommu-off");
    assert(inv.hostUseKnown);

    // The host's own: the NIC `ip route` leaves by, the controller of the disk `/` is on.
    const iface = /\bdev (\S+)/.exec(await run("ip", ["-o", "route", "show", "default"]))?.[1];
    assert(iface, "this machine has a default route");
    const nic = await pciUnder(`/sys/class/net/${iface}/device`);
    const rootDev = (await run("findmnt", ["-n", "-o", "MAJ:MIN", "/"])).trim();
    const disk = await pciUnder(`/sys/dev/block/${rootDev}`);
    const byAddress = new Map(inv.devices.map((d) => [d.address, d]));
    assertEquals(byAddress.get(nic)?.hostUse, { reason: "route", via: iface });
    assertEquals(byAddress.get(disk)?.hostUse?.reason, "root-disk");
    const marked = inv.devices.filter((d) => d.hostUse).map((d) => d.address).sort();
    assert(
      marked.every((a) =>
        a === nic || a === disk || byAddress.get(a)!.hostUse!.reason === "console"
      ),
      JSON.stringify(marked),
    );
  } finally {
    await server?.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});
