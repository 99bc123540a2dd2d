// Real libvirtd: the host device inventory of this machine is what `virsh nodedev-list` and
// `nodedev-dumpxml` say (every PCI and USB device, its driver and IOMMU group), and the devices
// this machine needs (its default route's NIC, its root disk's controller) are marked. Fails
// (never skips) without libvirtd.

import { assignablePeers } from "../shared/host_devices.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import { startRealServer } from "./support/real_server.ts";
import { pciUnder, routeNic } from "./support/host_pci.ts";
import { madeUpCard, madeUpInventory } from "./support/made_up_devices.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineDisklessGuest,
  run,
  virsh,
} from "./support/guest.ts";
import { hostdevXml, Passthrough } from "../lib/host_devices/passthrough.ts";
import type { HostDeviceService } from "../lib/host_devices/service.ts";
import { LibvirtClient } from "../ffi/libvirt/client.ts";
import { vmLock } from "../lib/vms/service.ts";
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

    // With its whole IOMMU group (none here: this machine has no IOMMU), in one step.
    const attached = await call("POST", `/api/vms/${uuid}/hostdevs`, {
      device: free.name,
      wholeGroup: true,
    });
    assertEquals(attached.status, 201, await attached.clone().text());
    assertEquals(await attached.json(), {
      live: false,
      nextBoot: true,
      groupPeers: free.groupPeers,
      attached: [free.name, ...assignablePeers(free, inv.devices).map((d) => d.name)],
      multifunction: false,
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

Deno.test("qemu host devices - a mediated device is listed, given to a stopped VM, kept while given, then removed", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(PREFIX);
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-mdev-" });
  let server: Server | undefined;
  const name = `${PREFIX}vgpu`;
  const uuid = crypto.randomUUID();
  let mdev = "";
  let parentDir = "";
  let parentDirMade = false;
  try {
    server = await startRealServer(dataDir);
    const s = server;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${s.url}${path}`, {
        method,
        headers: {
          ...adminHeaders(s),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    };
    const inv = (await call("GET", "/api/host/devices")).body as HostDeviceInventory;
    // This machine has no mdev-capable device: a parent offering no types is refused by us...
    const parent = inv.devices.find((d) => d.kind === "pci" && d.mdevTypes.length === 0)!;
    assertEquals(
      await call("POST", `/api/host/devices/${parent.name}/mdevs`, { type: "nvidia-222" }),
      {
        status: 400,
        body: { code: "BAD_REQUEST", message: `${parent.name} offers no mediated devices` },
      },
    );
    // ...so the instance is defined with libvirt's own tool (mdevctl keeps it, never started).
    parentDir = `/etc/mdevctl.d/${parent.address}`;
    parentDirMade = !(await Deno.stat(parentDir).then(() => true, () => false));
    const file = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
    await Deno.writeTextFile(
      file,
      `<device><parent>${parent.name}</parent><capability type='mdev'>` +
        `<type id='nvidia-222'/><uuid>${uuid}</uuid></capability></device>`,
    );
    try {
      mdev = /Node device '([^']+)' defined/.exec(await virsh("nodedev-define", file))![1];
    } finally {
      await Deno.remove(file);
    }
    const listed = ((await call("GET", "/api/host/devices")).body as HostDeviceInventory).mdevs;
    assertEquals(listed.filter((m) => m.uuid === uuid), [
      { name: mdev, uuid, type: "nvidia-222", parent: parent.name, active: false },
    ]);

    // Given to a stopped VM: libvirt keeps it in the definition by its UUID.
    const vm = await defineDisklessGuest(name);
    const given = await call("POST", `/api/vms/${vm}/hostdevs`, { device: mdev });
    assertEquals([given.status, given.body.attached], [201, [mdev]], JSON.stringify(given.body));
    const xml = await virsh("dumpxml", "--inactive", name);
    assert(/<hostdev mode='subsystem' type='mdev'[^>]*model='vfio-pci'/.test(xml), xml);
    assert(xml.includes(`<address uuid='${uuid}'/>`), xml);
    assertEquals((await call("GET", `/api/vms/${vm}/hostdevs`)).body, [
      { kind: "mdev", address: uuid, usbId: null, device: mdev },
    ]);
    // Kept while given; removed once taken back.
    const kept = await call("DELETE", `/api/host/mdevs/${mdev}`);
    assertEquals([kept.status, kept.body.code], [409, "HOST_DEVICE_ASSIGNED"]);
    assertEquals((await call("DELETE", `/api/vms/${vm}/hostdevs/${mdev}`)).status, 200);
    assertEquals((await call("DELETE", `/api/host/mdevs/${mdev}`)).status, 204);
    // libvirt learns of mdevctl's change on its next look (within a few seconds).
    const gone = async () =>
      !(await virsh("nodedev-list", "--cap", "mdev", "--all")).includes(mdev);
    for (let i = 0; i < 50 && !await gone(); i++) await new Promise((r) => setTimeout(r, 200));
    assert(await gone(), "removed");
    assert(!(await run("mdevctl", ["list", "--defined"])).includes(uuid), "mdevctl forgot it");
    mdev = "";
  } finally {
    await server?.close();
    await cleanupGuestsNamed(PREFIX);
    if (mdev) await virsh("nodedev-undefine", mdev).catch(() => {});
    if (parentDirMade) await Deno.remove(parentDir).catch(() => {});
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("qemu host devices - a two-function card given whole to a stopped VM shares one guest slot behind a port of its own (pc and q35)", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(PREFIX);
  const client = new LibvirtClient({ uri: "qemu:///system" });
  try {
    assert(await client.connect(), "qemu:///system");
    // pc (this QEMU's default machine): a pci-bridge, slot 1; q35: a pcie-root-port, slot 0.
    const machines: [string, string, number][] = [
      ["pc", "pci-bridge", 1],
      ["q35", "pcie-root-port", 0],
    ];
    for (const [machine, model, slot] of machines) {
      await twoFunctionCard(client, `${PREFIX}multi-${machine}`, machine, model, slot);
    }
  } finally {
    await client.close();
    await cleanupGuestsNamed(PREFIX);
  }
});

async function twoFunctionCard(
  client: LibvirtClient,
  name: string,
  machine: string,
  model: string,
  slot: number,
): Promise<void> {
  {
    const vm = (await client.call(
      "domainDefine",
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
        <os><type arch='x86_64' machine='${machine}'>hvm</type></os><devices/></domain>`,
    )).uuid;
    // A card this machine does not have, as the inventory would describe it: libvirt keeps a
    // stopped VM's host devices by address and looks for them only when the VM starts (never
    // here), so the definition is real libvirt's and nothing of the host is touched.
    const card = (fn: number, classCode: string) =>
      madeUpCard(fn, { classCode, groupPeers: [`0000:c1:00.${1 - fn}`] });
    const devices = [card(0, "030000"), card(1, "040300")];
    const inventory = {
      inventory: () => Promise.resolve(madeUpInventory(devices)),
    } as unknown as HostDeviceService;
    const passthrough = new Passthrough(client, inventory, vmLock(client));
    const result = await passthrough.attach(vm, { device: "pci_0000_c1_00_0", wholeGroup: true });
    assertEquals(result, {
      live: false,
      nextBoot: true,
      groupPeers: ["0000:c1:00.1"],
      attached: ["pci_0000_c1_00_0", "pci_0000_c1_00_1"],
      multifunction: true,
    });
    const xml = (await virsh("dumpxml", "--inactive", name)).replace(/\s+/g, " ");
    // Function 0's guest bus is the new port's index; that port is the machine's kind.
    const fn0 = new RegExp(
      `function='0x0'/> </source> <address type='pci' domain='0x0000' bus='(0x[0-9a-f]+)'`,
    ).exec(xml);
    assert(fn0, xml);
    const bus = fn0[1];
    const index = parseInt(bus, 16);
    assert(
      xml.includes(
        `<controller type='pci' index='${index}' model='${model}'> <model name='${model}'/>`,
      ),
      `${machine}: a ${model} of index ${index}: ${xml}`,
    );
    for (const [fn, extra] of [["0", " multifunction='on'"], ["1", ""]]) {
      const hostdev = new RegExp(
        `<source> <address domain='0x0000' bus='0xc1' slot='0x00' function='0x${fn}'/> </source>` +
          ` <address type='pci' domain='0x0000' bus='${bus}' slot='0x0${slot}' function='0x${fn}'${extra}/>`,
      );
      assert(hostdev.test(xml), `${machine}: function ${fn} in the port's slot ${slot}: ${xml}`);
    }
  }
}
