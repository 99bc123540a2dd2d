import { assertEquals } from "../../tests/support/assert.ts";
import { buildDomainXml, type NewDomainSpec } from "./domain_build.ts";
import { parseDomainXml } from "./domain_parse.ts";
import { attr, child, children, parseOrdered, rootElement, tagOf } from "./ordered.ts";

const CREATED = new Date("2026-11-01T10:00:00.000Z");

/** A new VM as lib/vms/create.ts specifies it; Windows fields set per case. */
const spec = (over: Partial<NewDomainSpec>): NewDomainSpec => ({
  virtType: "kvm",
  name: "guest",
  memoryMb: 4096,
  cpuCount: 2,
  osType: "linux",
  createdAt: CREATED,
  firmware: "bios",
  secureBoot: false,
  tpm: false,
  bootMenu: false,
  disk: { path: "/pool/guest.qcow2", format: "qcow2", bus: "virtio" },
  cdroms: [],
  network: "default",
  ...over,
});

/** Windows 11 as create makes it without a driver CD: UEFI + Secure Boot + TPM, SATA, e1000e. */
const WIN11 = spec({
  osType: "windows",
  osVariant: "win11",
  osinfoId: "http://microsoft.com/win/11",
  firmware: "uefi",
  secureBoot: true,
  tpm: true,
  hyperv: true,
  nicModel: "e1000e",
  disk: { path: "/pool/guest.qcow2", format: "qcow2", bus: "sata" },
  cdroms: ["/pool/Win11.iso"],
});

/** Element names and attributes of a node's children, in document order. */
const shape = (node: ReturnType<typeof child>) =>
  children(node!).filter(tagOf).map((c) => {
    const attrs = Object.entries(c[":@"] ?? {}).map(([k, v]) => `${k.slice(1)}=${v}`);
    return [tagOf(c), ...attrs].join(" ");
  });

const domainOf = (xml: string) => rootElement(parseOrdered(xml), "domain");

Deno.test("hyperv - Windows 11: the enlightenments in QEMU's dependency order, Windows' clock, TPM and Secure Boot", () => {
  const dom = domainOf(buildDomainXml(WIN11));
  const hyperv = child(child(dom, "features")!, "hyperv")!;
  assertEquals(attr(hyperv, "mode"), "custom");
  assertEquals(shape(hyperv), [
    "relaxed state=on",
    "vapic state=on",
    "spinlocks state=on retries=8191",
    "vpindex state=on",
    "runtime state=on",
    "synic state=on",
    "stimer state=on",
    "reset state=on",
    "frequencies state=on",
    "tlbflush state=on",
    "ipi state=on",
  ]);
  assertEquals(shape(child(hyperv, "stimer")), ["direct state=on"]);
  const clock = child(dom, "clock")!;
  assertEquals(attr(clock, "offset"), "localtime");
  assertEquals(shape(clock), [
    "timer name=rtc tickpolicy=catchup",
    "timer name=pit tickpolicy=delay",
    "timer name=hpet present=no",
    "timer name=hypervclock present=yes",
  ]);
  assertEquals(shape(child(dom, "features")), [
    "acpi",
    "apic",
    "hyperv mode=custom",
    "smm state=on",
  ]);
});

Deno.test("hyperv - Windows 10 with the virtio driver CD: virtio disk and NIC, the CD second; Linux gets no Hyper-V", () => {
  const xml = buildDomainXml(spec({
    osType: "windows",
    osVariant: "win10",
    osinfoId: "http://microsoft.com/win/10",
    hyperv: true,
    nicModel: "virtio",
    cdroms: ["/pool/Win10.iso", "/pool/virtio-win.iso"],
  }));
  const dom = domainOf(xml);
  assertEquals(attr(child(child(dom, "features")!, "hyperv")!, "mode"), "custom");
  assertEquals(child(child(dom, "devices")!, "tpm"), undefined);
  assertEquals(attr(child(dom, "os")!, "firmware"), undefined);
  const d = parseDomainXml(xml);
  assertEquals(d.disks.map((x) => [x.device, x.bus, x.path]), [
    ["disk", "virtio", "/pool/guest.qcow2"],
    ["cdrom", "sata", "/pool/Win10.iso"],
    ["cdrom", "sata", "/pool/virtio-win.iso"],
  ]);
  assertEquals(d.networkInterfaces.map((n) => n.model), ["virtio"]);
  assertEquals(d.bootOrder, ["hd", "cdrom"]);

  // A Linux guest gets no Hyper-V and a plain UTC clock.
  {
    const linux = buildDomainXml(spec({ osVariant: "debian11" }));
    const ldom = domainOf(linux);
    assertEquals(shape(child(ldom, "features")), ["acpi", "apic"]);
    const clock = child(ldom, "clock")!;
    assertEquals([attr(clock, "offset"), shape(clock)], ["utc", []]);
    assertEquals(/hyperv|hypervclock/.test(linux), false);
  }
});

Deno.test("hyperv - Windows in software emulation: no enlightenments, Windows' timers without hypervclock", () => {
  const dom = domainOf(buildDomainXml({ ...WIN11, virtType: "qemu", hyperv: false }));
  assertEquals(shape(child(dom, "features")), ["acpi", "apic", "smm state=on"]);
  const clock = child(dom, "clock")!;
  assertEquals(attr(clock, "offset"), "localtime");
  assertEquals(shape(clock), [
    "timer name=rtc tickpolicy=catchup",
    "timer name=pit tickpolicy=delay",
    "timer name=hpet present=no",
  ]);
});
