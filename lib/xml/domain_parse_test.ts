import { assertEquals } from "../../tests/support/assert.ts";
import { memoryMb, parseDomainXml } from "./domain_parse.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`./fixtures/${name}`, import.meta.url));

Deno.test("domain_parse - a full QEMU domain", () => {
  const d = parseDomainXml(fixture("qemu_domain.xml"));
  assertEquals(d.name, "ubuntu-dev");
  assertEquals(d.uuid, "4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
  assertEquals(d.title, "Dev box");
  assertEquals(d.description, "Ubuntu & tools");
  assertEquals(d.memoryMb, 8192);
  assertEquals(d.currentMemoryMb, 4096);
  assertEquals(d.vcpus, 2);
  assertEquals(d.osType, "linux");
  assertEquals(d.osVariant, "ubuntu22.04");
  assertEquals(d.machine, "pc-q35-7.2");
  assertEquals(d.arch, "x86_64");
  assertEquals(d.emulator, "/usr/bin/qemu-system-x86_64");
  assertEquals(d.disks, [
    {
      target: "vda",
      device: "disk",
      bus: "virtio",
      path: "/var/lib/libvirt/images/ubuntu-dev.qcow2",
      format: "qcow2",
    },
    { target: "sda", device: "cdrom", bus: "sata", path: null, format: "raw" },
    { target: "vdb", device: "disk", bus: "virtio", path: "data/scratch.img", format: "raw" },
  ]);
  assertEquals(d.networkInterfaces, [
    { mac: "52:54:00:6b:3c:58", network: "default", type: "network", model: "virtio" },
    { mac: "52:54:00:aa:bb:cc", network: "br0", type: "bridge", model: "e1000e" },
  ]);
  assertEquals(d.graphics, [{
    type: "vnc",
    port: 5901,
    listen: "127.0.0.1",
    autoport: true,
    socket: null,
  }]);
});

Deno.test("domain_parse - our metadata, MiB units and an unassigned VNC port", () => {
  const d = parseDomainXml(fixture("minimal_domain.xml"));
  assertEquals(d.osType, "windows");
  assertEquals(d.osVariant, "win11");
  assertEquals(d.createdAt, Date.parse("2026-11-01T10:00:00Z") / 1000);
  assertEquals(d.memoryMb, 512);
  assertEquals(d.vcpus, 1);
  assertEquals(d.disks, []);
  assertEquals(d.graphics, [{
    type: "vnc",
    port: null,
    listen: null,
    autoport: true,
    socket: null,
  }]);
});

Deno.test("domain_parse - malformed XML and non-domain documents throw", () => {
  let threw = 0;
  for (const xml of ["<domain><name>x</domain>", "<network/>", ""]) {
    try {
      parseDomainXml(xml);
    } catch {
      threw++;
    }
  }
  assertEquals(threw, 3);
});

Deno.test("domain_parse - memory units", () => {
  assertEquals(memoryMb({ "#text": "1048576", "@unit": "KiB" }), 1024);
  assertEquals(memoryMb({ "#text": "2", "@unit": "GiB" }), 2048);
  assertEquals(memoryMb("524288"), 512);
});

Deno.test("domain_parse - a running VM's network NIC, which libvirt shows as the bridge it landed on", () => {
  const d = parseDomainXml(`<domain type='kvm'><name>live</name><uuid>u</uuid>
    <memory>1024</memory><vcpu>1</vcpu><os><type>hvm</type></os><devices>
    <interface type='bridge'><mac address='52:54:00:00:00:01'/>
      <source network='office' portgroup='a' bridge='ovsbr0'/><target dev='vnet0'/></interface>
    <interface type='bridge'><mac address='52:54:00:00:00:02'/><source bridge='br0'/></interface>
    </devices></domain>`);
  assertEquals(d.networkInterfaces.map((n) => [n.type, n.network, n.portgroup]), [
    ["network", "office", "a"],
    ["bridge", "br0", undefined],
  ]);
});

Deno.test("domain_parse - a VNC display on a UNIX socket, as libvirt writes both forms", () => {
  const graphics = (inner: string) =>
    parseDomainXml(`<domain type='kvm'><name>s</name><devices>${inner}</devices></domain>`)
      .graphics;
  assertEquals(
    graphics(
      `<graphics type='vnc' socket='/var/lib/libvirt/qemu/domain-3-s/vnc.sock'>` +
        `<listen type='socket' socket='/var/lib/libvirt/qemu/domain-3-s/vnc.sock'/></graphics>`,
    ),
    [{
      type: "vnc",
      port: null,
      listen: null,
      autoport: false,
      socket: "/var/lib/libvirt/qemu/domain-3-s/vnc.sock",
    }],
  );
  assertEquals(graphics(`<graphics type='vnc'><listen type='socket'/></graphics>`)[0].socket, null);
});
