import { assertEquals } from "../../tests/support/assert.ts";
import { forgetIdNames, nameDevices, namesFromIds } from "./ids.ts";
import { parseNodeDevice } from "./parse.ts";

const IDS = `# pci.ids excerpt
8086  Intel Corporation
\t1521  I350 Gigabit Network Connection
\t\t8086 0001  Ethernet Server Adapter I350-T4
10de  NVIDIA Corporation
\t1eb8  TU104GL [Tesla T4]
C 02  Network controller
\t00  Ethernet controller
\t80  Network controller
C 03  Display controller
\t00  VGA compatible controller
\t\t00  VGA controller
`;

Deno.test("ids - vendors, products and classes from pci.ids text; only what was asked", () => {
  const found = namesFromIds(
    IDS,
    new Set(["v:8086", "d:8086:1521", "d:10de:1eb8", "c:0200", "c:03", "c:0380", "v:ffff"]),
  );
  assertEquals(Object.fromEntries(found), {
    "v:8086": "Intel Corporation",
    "d:8086:1521": "I350 Gigabit Network Connection",
    "d:10de:1eb8": "TU104GL [Tesla T4]",
    "c:0200": "Ethernet controller",
    "c:03": "Display controller",
  });
});

Deno.test("ids - names libvirt gave are kept; a class without its subclass takes the class name; no file leaves null", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-ids-" });
  try {
    await Deno.writeTextFile(`${dir}/pci.ids`, IDS);
    const device = (vendorName: string) =>
      parseNodeDevice(`<device><name>pci_0000_05_00_0</name><capability type='pci'>
        <class>0x038000</class><domain>0</domain><bus>5</bus><slot>0</slot><function>0</function>
        <product id='0x1521'/><vendor id='0x8086'>${vendorName}</vendor></capability></device>`)!;
    const named = device("Intel Corp. (from udev)");
    const bare = device("");
    forgetIdNames();
    await nameDevices([named, bare], { pci: [`${dir}/pci.ids`], usb: [`${dir}/none`] });
    assertEquals(named.vendor.name, "Intel Corp. (from udev)");
    assertEquals(bare.vendor.name, "Intel Corporation");
    assertEquals(bare.product.name, "I350 Gigabit Network Connection");
    assertEquals(bare.className, "Display controller");
    forgetIdNames();
    const lost = device("");
    await nameDevices([lost], { pci: [`${dir}/none`], usb: [`${dir}/none`] });
    assertEquals([lost.vendor.name, lost.product.name, lost.className], [null, null, null]);
  } finally {
    forgetIdNames();
    await Deno.remove(dir, { recursive: true });
  }
});
