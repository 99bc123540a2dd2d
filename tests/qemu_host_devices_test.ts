// Real libvirtd: the host device inventory of this machine is what `virsh nodedev-list` and
// `nodedev-dumpxml` say (every PCI and USB device, its driver and IOMMU group), and the devices
// this machine needs (its default route's NIC, its root disk's controller) are marked. Fails
// (never skips) without libvirtd.

import { assert, assertEquals } from "./support/assert.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import { startRealServer } from "./support/real_server.ts";
import { pciUnder, routeNic } from "./support/host_pci.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineDisklessGuest,
  run,
  virsh,
} from "./support/guest.ts";
import { hostdevXml } from "../lib/host_devices/passthrough.ts";
import type { HostDevice, VmHostDevice } from "../shared/host_devices.ts";
import type { Server } from "../main.ts";
import type { HostDeviceInventory } from "../shared/host_devices.ts";

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
    const { iface, pci: nic } = await routeNic();
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

const PREFIX = "kvmm-hostdev-";

Deno.test("qemu host devices - a PCI device passed through to a stopped VM lands in its definition and comes back; USB XML is accepted", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(PREFIX);
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-hostdev-" });
  let server: Server | undefined;
  const name = `${PREFIX}vm`;
  try {
    server = await startRealServer(dataDir);
    const s = server;
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${s.url}${path}`, {
        method,
        headers: {
          ...adminHeaders(s),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const inv: HostDeviceInventory = await (await call("GET", "/api/host/devices")).json();
    const byAddress = new Map(inv.devices.map((d) => [d.address, d]));
    // A device neither the host nor its group needs: never started, so nothing is taken from it.
    const free = inv.devices.find((d) =>
      d.kind === "pci" && !d.hostUse && d.groupPeers.every((p) => !byAddress.get(p)?.hostUse)
    );
    assert(free, `a PCI device the host does not need: ${JSON.stringify(inv.devices)}`);
    const uuid = await defineDisklessGuest(name);

    const attached = await call("POST", `/api/vms/${uuid}/hostdevs`, { device: free.name });
    assertEquals(attached.status, 201, await attached.clone().text());
    assertEquals(await attached.json(), {
      live: false,
      nextBoot: true,
      groupPeers: free.groupPeers,
    });
    const xml = await virsh("dumpxml", "--inactive", name);
    const [dom, bus, slotFn] = free.address.split(":");
    const [slot, fn] = slotFn.split(".");
    assert(/<hostdev mode='subsystem' type='pci' managed='yes'>/.test(xml), xml);
    assert(
      xml.includes(
        `<address domain='0x${dom}' bus='0x${bus}' slot='0x${slot}' function='0x${fn}'/>`,
      ),
      xml,
    );
    const held: VmHostDevice[] = await (await call("GET", `/api/vms/${uuid}/hostdevs`)).json();
    assertEquals(held, [{ kind: "pci", address: free.address, usbId: null, device: free.name }]);

    const own = inv.devices.find((d) => d.hostUse?.reason === "route")!;
    const refused = await call("POST", `/api/vms/${uuid}/hostdevs`, { device: own.name });
    assertEquals([refused.status, (await refused.json()).code], [409, "HOST_DEVICE_IN_USE"]);

    const detached = await call("DELETE", `/api/vms/${uuid}/hostdevs/${free.name}`);
    assertEquals([detached.status, await detached.json()], [200, { live: false, nextBoot: true }]);
    assert(!(await virsh("dumpxml", "--inactive", name)).includes("<hostdev"), "detached");

    // USB by vendor and product, as the API writes it: libvirt takes it into the definition
    // (this machine has no USB bus to pass a real one from).
    const usb: HostDevice = {
      ...free,
      name: "usb_3_4",
      kind: "usb",
      address: "003:004",
      vendor: { id: "1050", name: null },
      product: { id: "0407", name: null },
    };
    for (const usbBy of ["id", "address"] as const) {
      const file = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
      try {
        await Deno.writeTextFile(file, hostdevXml(usb, { device: usb.name, usbBy }));
        await virsh("attach-device", name, file, "--config");
      } finally {
        await Deno.remove(file);
      }
    }
    const usbXml = await virsh("dumpxml", "--inactive", name);
    assert(/<vendor id='0x1050'\/>\s*<product id='0x0407'\/>/.test(usbXml), usbXml);
    assert(/<address bus='3' device='4'\/>/.test(usbXml), usbXml);
    const listed: VmHostDevice[] = await (await call("GET", `/api/vms/${uuid}/hostdevs`)).json();
    assertEquals(listed, [
      { kind: "usb", address: null, usbId: "1050:0407", device: null },
      { kind: "usb", address: "003:004", usbId: null, device: null },
    ]);
  } finally {
    await server?.close();
    await cleanupGuestsNamed(PREFIX);
    await Deno.remove(dataDir, { recursive: true });
  }
});
