import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import {
  buildDomainXml,
  KVMM_AGENT_CHANNEL,
  LIBOSINFO_NAMESPACE,
  type NewDomainSpec,
  PCIE_ROOT_PORTS,
  QEMU_AGENT_CHANNEL,
} from "./domain_build.ts";
import { KVMM_NAMESPACE, parseDomainXml } from "./domain_parse.ts";
import { parseXml, text, type XmlNode } from "./parser.ts";

const CREATED = new Date("2026-11-01T10:00:00.000Z");

/** A minimal Linux VM: one virtio qcow2 disk on the default network, BIOS. */
const spec = (over: Partial<NewDomainSpec> = {}): NewDomainSpec => ({
  virtType: "kvm",
  name: "deb",
  memoryMb: 2048,
  cpuCount: 2,
  osType: "linux",
  osVariant: "debian11",
  osinfoId: "http://debian.org/debian/11",
  createdAt: CREATED,
  firmware: "bios",
  secureBoot: false,
  tpm: false,
  bootMenu: false,
  disk: { path: "/var/lib/libvirt/images/deb.qcow2", format: "qcow2", bus: "virtio" },
  cdroms: [],
  network: "default",
  ...over,
});

/** The raw parsed `<domain>` (namespaces prefixes removed, repeated elements as arrays). */
const domainOf = (xml: string): XmlNode => parseXml(xml).domain;

/** The domain's controllers other than PCI(e) ones: undefined when it has none. */
const nonPciControllers = (dom: XmlNode): XmlNode[] | undefined => {
  const others = (dom.devices.controller ?? []).filter((c: XmlNode) => c["@type"] !== "pci");
  return others.length ? others : undefined;
};

const XMLLINT = ["/usr/bin/xmllint", "/bin/xmllint"].find((p) => {
  try {
    return Deno.statSync(p).isFile;
  } catch {
    return false;
  }
});
const DOMAIN_RNG = "/usr/share/libvirt/schemas/domain.rng";
const hasRng = (() => {
  try {
    return Deno.statSync(DOMAIN_RNG).isFile;
  } catch {
    return false;
  }
})();

/** xmllint on stdin; returns [exit code, stderr]. */
async function xmllint(xml: string, args: string[]): Promise<[number, string]> {
  const p = new Deno.Command(XMLLINT!, {
    args: ["--noout", ...args, "-"],
    stdin: "piped",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const w = p.stdin.getWriter();
  await w.write(new TextEncoder().encode(xml));
  await w.close();
  const out = await p.output();
  return [out.code, new TextDecoder().decode(out.stderr)];
}

/** Every spec the tests below build, for the schema checks. */
const ALL_SPECS: [string, NewDomainSpec][] = [
  ["minimal", spec()],
  ["vnc+clipboard", spec({ clipboard: true })],
  ["spice+clipboard", spec({ display: "spice", clipboard: true })],
  ["uefi", spec({ firmware: "uefi", secureBoot: true, tpm: true })],
  [
    "iso+seed",
    spec({
      cdroms: ["/isos/d.iso", "/pool/deb-cidata.iso"],
      cloudInitSeed: "/pool/deb-cidata.iso",
    }),
  ],
  ["scsi", spec({ disk: { path: "/p/s.raw", format: "raw", bus: "scsi" } })],
  [
    "windows",
    spec({ osType: "windows", osVariant: "win11", osinfoId: "http://microsoft.com/win/11" }),
  ],
  [
    "kernel",
    spec({
      directKernel: { kernelPath: "/k/vmlinuz", initrdPath: "/k/initrd", cmdline: "console=ttyS0" },
    }),
  ],
  ["test", spec({ virtType: "test" })],
  ["qemu", spec({ virtType: "qemu", network: undefined })],
];

Deno.test("domain_build - a minimal Linux VM parses back to what was asked", () => {
  const xml = buildDomainXml(spec());
  const d = parseDomainXml(xml);
  assertEquals(d.name, "deb");
  assertEquals(d.memoryMb, 2048);
  assertEquals(d.currentMemoryMb, 2048);
  assertEquals(d.vcpus, 2);
  assertEquals(d.arch, "x86_64");
  assertEquals(d.machine, "q35");
  assertEquals(d.disks, [{
    target: "vda",
    device: "disk",
    bus: "virtio",
    path: "/var/lib/libvirt/images/deb.qcow2",
    format: "qcow2",
  }]);
  assertEquals(d.networkInterfaces, [
    { mac: "", network: "default", type: "network", model: "virtio" },
  ]);
  assertEquals(d.bootOrder, ["hd"]);
  assertEquals(d.bootMenu, false);
  assertEquals(d.firmware, "bios");
  assertEquals(d.secureBoot, false);
  assertEquals(d.tpm, false);
  assertEquals(d.description, undefined);
  assertEquals(d.graphics, [{
    type: "vnc",
    port: null,
    listen: "127.0.0.1",
    autoport: true,
    socket: null,
  }]);

  const dom = domainOf(xml);
  assertEquals(dom["@type"], "kvm");
  assertEquals(dom.cpu?.["@mode"], "host-passthrough");
  assertEquals(dom.clock?.["@offset"], "utc");
  assertEquals(dom.features?.smm, undefined);
  assertEquals(dom.os?.["@firmware"], undefined);
  assertEquals(dom.devices.rng?.["@model"], "virtio");
  assertEquals(text(dom.devices.rng?.backend), "/dev/urandom");
  assertEquals(dom.devices.video.map((v: XmlNode) => v.model["@type"]), ["virtio"]);
  assertEquals(nonPciControllers(dom), undefined);
  assertEquals(dom.devices.disk[0].driver["@discard"], "unmap");
  assertEquals(dom.on_poweroff, "destroy");
  assertEquals(dom.on_reboot, "restart");
});

Deno.test("domain_build - both virtio-serial agent channels", () => {
  const dom = domainOf(buildDomainXml(spec()));
  assertEquals(QEMU_AGENT_CHANNEL, "org.qemu.guest_agent.0");
  assertEquals(KVMM_AGENT_CHANNEL, "org.kvmmanager.agent.0");
  assertEquals(
    dom.devices.channel.map((c: XmlNode) => [c["@type"], c.target["@type"], c.target["@name"]]),
    [
      ["unix", "virtio", "org.qemu.guest_agent.0"],
      ["unix", "virtio", "org.kvmmanager.agent.0"],
    ],
  );
});

Deno.test("domain_build - our metadata namespace and libosinfo's os id", () => {
  const xml = buildDomainXml(spec());
  // Namespaces are declared with the right URIs (the parser drops the prefixes).
  assertMatch(xml, new RegExp(`<kvmm:vm xmlns:kvmm="${KVMM_NAMESPACE}">`));
  assertMatch(
    xml,
    new RegExp(`<libosinfo:libosinfo xmlns:libosinfo="${LIBOSINFO_NAMESPACE}">`),
  );
  const meta = domainOf(xml).metadata;
  assertEquals(meta.vm.os["@type"], "linux");
  assertEquals(meta.vm.os["@variant"], "debian11");
  assertEquals(text(meta.vm.created), "2026-11-01T10:00:00.000Z");
  assertEquals(meta.vm.cloudinit, undefined);
  assertEquals(meta.libosinfo.os["@id"], "http://debian.org/debian/11");
  const d = parseDomainXml(xml);
  assertEquals(d.osType, "linux");
  assertEquals(d.osVariant, "debian11");
  assertEquals(d.createdAt, Math.floor(CREATED.getTime() / 1000));
  // Without a variant: no variant attribute and no libosinfo element.
  const plain = buildDomainXml(
    spec({ osType: "other", osVariant: undefined, osinfoId: undefined }),
  );
  assert(!plain.includes("libosinfo"), plain);
  assert(!plain.includes("variant="), plain);
  assertEquals(parseDomainXml(plain).osType, "other");
});

Deno.test("domain_build - UEFI with Secure Boot and TPM", () => {
  const xml = buildDomainXml(
    spec({ firmware: "uefi", secureBoot: true, tpm: true, bootMenu: true }),
  );
  const dom = domainOf(xml);
  assertEquals(dom.os["@firmware"], "efi");
  assertEquals(
    dom.os.firmware.feature.map((f: XmlNode) => [f["@name"], f["@enabled"]]),
    [["secure-boot", "yes"], ["enrolled-keys", "yes"]],
  );
  assertEquals(dom.features.smm["@state"], "on");
  assertEquals(dom.devices.tpm["@model"], "tpm-crb");
  assertEquals(dom.devices.tpm.backend["@type"], "emulator");
  assertEquals(dom.devices.tpm.backend["@version"], "2.0");
  const d = parseDomainXml(xml);
  assertEquals(d.firmware, "uefi");
  assertEquals(d.secureBoot, true);
  assertEquals(d.tpm, true);
  assertEquals(d.bootMenu, true);
  // UEFI without Secure Boot: firmware autoselection, no feature list, no SMM.
  const plain = domainOf(buildDomainXml(spec({ firmware: "uefi" })));
  assertEquals(plain.os["@firmware"], "efi");
  assertEquals(plain.os.firmware, undefined);
  assertEquals(plain.features.smm, undefined);
  assertEquals(plain.devices.tpm, undefined);
});

Deno.test("domain_build - an ISO on SATA and a Linux cloud-init seed on virtio-scsi, after the disk", () => {
  const seed = "/var/lib/libvirt/images/deb-cidata.iso";
  const xml = buildDomainXml(spec({
    cdroms: ["/var/lib/libvirt/images/debian-11.iso", seed],
    cloudInitSeed: seed,
    bootMenu: true,
  }));
  const d = parseDomainXml(xml);
  assertEquals(d.disks.map((x) => [x.target, x.device, x.bus, x.format, x.path]), [
    ["vda", "disk", "virtio", "qcow2", "/var/lib/libvirt/images/deb.qcow2"],
    ["sda", "cdrom", "sata", "raw", "/var/lib/libvirt/images/debian-11.iso"],
    // Cloud kernels have no AHCI: on SATA the seed would be invisible to cloud-init.
    ["sdb", "cdrom", "scsi", "raw", seed],
  ]);
  assertEquals(d.bootOrder, ["hd", "cdrom"]);
  assertEquals(d.bootMenu, true);
  const dom = domainOf(xml);
  assertEquals(dom.devices.disk[1].readonly, "");
  assertEquals(dom.devices.disk[2].readonly, "");
  assertEquals(nonPciControllers(dom), [{ "@type": "scsi", "@model": "virtio-scsi" }]);
  assertEquals(dom.metadata.vm.cloudinit["@seed"], seed);
  // A Windows guest keeps it on SATA: it has no virtio-scsi driver before one is installed.
  const win = parseDomainXml(
    buildDomainXml(spec({ cdroms: [seed], cloudInitSeed: seed, osType: "windows" })),
  );
  assertEquals(win.disks.find((x) => x.device === "cdrom")?.bus, "sata");
});

Deno.test("domain_build - extra disks (an OVA's others) follow the disk on its bus, before the CD-ROMs", () => {
  const d = parseDomainXml(buildDomainXml(spec({
    extraDisks: [
      { path: "/p/app-disk2.qcow2", format: "qcow2", bus: "virtio" },
      { path: "/p/app-disk3.qcow2", format: "qcow2", bus: "virtio" },
    ],
    cdroms: ["/p/install.iso"],
  })));
  assertEquals(d.disks.map((x) => [x.target, x.device, x.path]), [
    ["vda", "disk", "/var/lib/libvirt/images/deb.qcow2"],
    ["vdb", "disk", "/p/app-disk2.qcow2"],
    ["vdc", "disk", "/p/app-disk3.qcow2"],
    ["sda", "cdrom", "/p/install.iso"],
  ]);
});

Deno.test("domain_build - a SCSI disk gets a virtio-scsi controller and shares sdX with CD-ROMs", () => {
  const xml = buildDomainXml(spec({
    disk: { path: "/p/s.raw", format: "raw", bus: "scsi" },
    cdroms: ["/p/install.iso"],
  }));
  const dom = domainOf(xml);
  assertEquals(nonPciControllers(dom), [{ "@type": "scsi", "@model": "virtio-scsi" }]);
  const d = parseDomainXml(xml);
  assertEquals(d.disks.map((x) => [x.target, x.bus, x.format]), [
    ["sda", "scsi", "raw"],
    ["sdb", "sata", "raw"],
  ]);
  // A SATA disk: no SCSI controller, still unique names.
  const sata = buildDomainXml(spec({
    disk: { path: "/p/s.raw", format: "raw", bus: "sata" },
    cdroms: ["/p/install.iso"],
  }));
  assertEquals(nonPciControllers(domainOf(sata)), undefined);
  assertEquals(parseDomainXml(sata).disks.map((x) => x.target), ["sda", "sdb"]);
});

Deno.test("domain_build - Windows gets e1000e, VGA, a localtime clock and no RNG", () => {
  const xml = buildDomainXml(spec({
    osType: "windows",
    osVariant: "win11",
    osinfoId: "http://microsoft.com/win/11",
  }));
  const dom = domainOf(xml);
  assertEquals(dom.devices.interface[0].model["@type"], "e1000e");
  assertEquals(dom.devices.video.map((v: XmlNode) => v.model["@type"]), ["vga"]);
  assertEquals(dom.clock["@offset"], "localtime");
  assertEquals(dom.devices.rng, undefined);
  const d = parseDomainXml(xml);
  assertEquals(d.osType, "windows");
  assertEquals(d.osVariant, "win11");
  assertEquals(d.networkInterfaces[0].model, "e1000e");
});

Deno.test("domain_build - direct kernel boot has kernel, initrd and cmdline and no boot devices", () => {
  const xml = buildDomainXml(spec({
    directKernel: {
      kernelPath: "/k/vmlinuz",
      initrdPath: "/k/initrd.img",
      cmdline: "console=ttyS0 root=/dev/vda1",
    },
    cdroms: ["/p/install.iso"],
  }));
  const os = domainOf(xml).os;
  assertEquals(os.kernel, "/k/vmlinuz");
  assertEquals(os.initrd, "/k/initrd.img");
  assertEquals(os.cmdline, "console=ttyS0 root=/dev/vda1");
  assertEquals(os.boot, undefined);
  assertEquals(parseDomainXml(xml).bootOrder, []);
  // Kernel only.
  const bare = domainOf(buildDomainXml(spec({ directKernel: { kernelPath: "/k/vmlinuz" } }))).os;
  assertEquals(bare.kernel, "/k/vmlinuz");
  assertEquals(bare.initrd, undefined);
  assertEquals(bare.cmdline, undefined);
});

Deno.test("domain_build - the test virt type has no machine and no host CPU passthrough", () => {
  const xml = buildDomainXml(spec({ virtType: "test" }));
  const dom = domainOf(xml);
  assertEquals(dom["@type"], "test");
  assertEquals(dom.os.type["@machine"], undefined);
  assertEquals(dom.cpu, undefined);
  assertEquals(parseDomainXml(xml).machine, null);
  // Software emulation keeps q35 but not host-passthrough (TCG has no host CPU to pass).
  const tcg = domainOf(buildDomainXml(spec({ virtType: "qemu" })));
  assertEquals(tcg["@type"], "qemu");
  assertEquals(tcg.os.type["@machine"], "q35");
  assertEquals(tcg.cpu, undefined);
});

Deno.test("domain_build - no network means no interface; no disk and no CD means no boot device", () => {
  const xml = buildDomainXml(spec({ network: undefined, disk: undefined }));
  const d = parseDomainXml(xml);
  assertEquals(d.networkInterfaces, []);
  assertEquals(d.disks, []);
  assertEquals(d.bootOrder, []);
});

Deno.test("domain_build - a hostile description round-trips as text and adds no element", () => {
  const hostile = `</description><devices><disk type='file' device='disk'>` +
    `<source file='/etc/shadow'/></disk></devices><description>` +
    ` ]]> <![CDATA[x]]> & &amp; "double" 'single' <!-- c --> <?pi?>`;
  const clean = buildDomainXml(spec());
  const xml = buildDomainXml(spec({ description: hostile }));
  const d = parseDomainXml(xml);
  assertEquals(d.description, hostile);
  assertEquals(d.disks.length, 1);
  assertEquals(d.disks[0].path, "/var/lib/libvirt/images/deb.qcow2");
  // The same elements as without a description, plus the description alone.
  const tags = (s: string) => [...s.matchAll(/<([a-zA-Z][\w:.-]*)/g)].map((m) => m[1]);
  assertEquals(tags(xml).filter((t) => t !== "description"), tags(clean));
  assertEquals(tags(xml).filter((t) => t === "description").length, 1);
  assert(!xml.includes("/etc/shadow'/>"), "no raw markup from the description");
});

Deno.test("domain_build - hostile attribute values stay inside their attributes", () => {
  const path = `/p/a'"><source file='/etc/shadow'/>&.qcow2`;
  const xml = buildDomainXml(
    spec({ disk: { path, format: "qcow2", bus: "virtio" }, cdroms: [path] }),
  );
  const d = parseDomainXml(xml);
  assertEquals(d.disks.map((x) => x.path), [path, path]);
  assertEquals(domainOf(xml).devices.disk.map((x: XmlNode) => Object.keys(x.source)), [
    ["@file"],
    ["@file"],
  ]);
});

Deno.test({
  name: "domain_build - output is well-formed for xmllint (nice-to-have: skipped without xmllint)",
  ignore: !XMLLINT,
  fn: async () => {
    for (const [label, s] of ALL_SPECS) {
      const [code, err] = await xmllint(buildDomainXml(s), []);
      assertEquals(code, 0, `${label}: ${err}`);
    }
    const hostile = buildDomainXml(spec({ description: `</description>]]>&"'<x>` }));
    const [code, err] = await xmllint(hostile, []);
    assertEquals(code, 0, err);
  },
});

Deno.test({
  name:
    "domain_build - output validates against libvirt's domain.rng (nice-to-have: skipped without xmllint or libvirt schemas)",
  ignore: !XMLLINT || !hasRng,
  fn: async () => {
    for (const [label, s] of ALL_SPECS) {
      const [code, err] = await xmllint(buildDomainXml(s), ["--relaxng", DOMAIN_RNG]);
      assertEquals(code, 0, `${label}: ${err}`);
    }
  },
});

Deno.test("domain_build - a q35 VM gets pcie-root and virt-install's 14 root ports for hot-plug", () => {
  for (const virtType of ["kvm", "qemu"] as const) {
    const dom = domainOf(buildDomainXml(spec({ virtType })));
    assertEquals(dom.os.type["@machine"], "q35");
    const pci = dom.devices.controller.filter((c: XmlNode) => c["@type"] === "pci");
    assertEquals(pci[0], { "@type": "pci", "@model": "pcie-root" });
    assertEquals(pci.length, 1 + PCIE_ROOT_PORTS);
    assertEquals(PCIE_ROOT_PORTS, 14);
    for (const port of pci.slice(1)) {
      // No index or address: libvirt numbers them and places the devices in them.
      assertEquals(port, { "@type": "pci", "@model": "pcie-root-port" });
    }
  }
  // With a SCSI disk the virtio-scsi controller comes after them.
  const scsi = domainOf(
    buildDomainXml(spec({ disk: { path: "/p/s", format: "raw", bus: "scsi" } })),
  );
  assertEquals(scsi.devices.controller.length, 1 + PCIE_ROOT_PORTS + 1);
  assertEquals(scsi.devices.controller.at(-1), { "@type": "scsi", "@model": "virtio-scsi" });
  // The test driver's VMs have no q35 machine, so no PCIe controllers.
  const test = domainOf(buildDomainXml(spec({ virtType: "test" })));
  assertEquals(test.devices.controller, undefined);
});
