import { assertEquals } from "../../tests/support/assert.ts";
import type { HostDevice } from "../../shared/host_devices.ts";
import { multifunctionPlan } from "./multifunction.ts";
import { hostdevXml } from "./passthrough.ts";

const dev = (address: string) =>
  ({ kind: "pci", address, name: `pci_${address.replace(/[:.]/g, "_")}` }) as HostDevice;

const domain = (machine: string, controllers: string) =>
  `<domain type='kvm'><name>x</name><os><type arch='x86_64' machine='${machine}'>hvm</type></os>
    <devices>${controllers}</devices></domain>`;

Deno.test("multifunction - a card's functions share one guest slot behind a new root port (q35)", () => {
  const xml = domain(
    "pc-q35-7.2",
    `<controller type='pci' index='0' model='pcie-root'/>
     <controller type='pci' index='1' model='pcie-root-port'><target chassis='1' port='0x10'/></controller>
     <controller type='pci' index='4' model='pcie-root-port'><target chassis='4' port='0x13'/></controller>
     <controller type='usb' index='0'/>`,
  );
  // Listed out of order, with a device of another slot that keeps libvirt's own placement.
  const plan = multifunctionPlan(xml, [
    dev("0000:41:00.1"),
    dev("0000:42:00.0"),
    dev("0000:41:00.0"),
  ])!;
  assertEquals(
    plan.controllerXml.replace(/\s+</g, "<").trim(),
    `<controller type="pci" index="5" model="pcie-root-port"><model name="pcie-root-port"/>` +
      `<target chassis="5" port="0x14"/></controller>`,
  );
  assertEquals([...plan.places.entries()], [
    ["0000:41:00.0", { bus: 5, slot: 0, fn: 0, multifunction: true }],
    ["0000:41:00.1", { bus: 5, slot: 0, fn: 1, multifunction: false }],
  ]);
  assertEquals(
    hostdevXml(dev("0000:41:00.0"), { device: "x", rom: false }, plan.places.get("0000:41:00.0"))
      .replace(/\s+/g, ""),
    `<hostdevmode="subsystem"type="pci"managed="yes"><source><addressdomain="0x0000"bus="0x41"slot="0x00"function="0x0"/></source><rombar="off"/><addresstype="pci"domain="0x0000"bus="0x05"slot="0x00"function="0x0"multifunction="on"/></hostdev>`,
  );
});

Deno.test("multifunction - on the pc machine a pci-bridge, its slot 1; nothing for lone functions", () => {
  const xml = domain("pc-i440fx-7.2", `<controller type='pci' index='0' model='pci-root'/>`);
  const plan = multifunctionPlan(xml, [dev("0000:41:00.3"), dev("0000:41:00.1")])!;
  assertEquals(
    plan.controllerXml.replace(/\s+</g, "<").trim(),
    `<controller type="pci" index="1" model="pci-bridge"><model name="pci-bridge"/>` +
      `<target chassisNr="1"/></controller>`,
  );
  // Renumbered from 0: a guest slot's functions start at 0.
  assertEquals([...plan.places.values()].map((p) => [p.bus, p.slot, p.fn]), [[1, 1, 0], [1, 1, 1]]);
  assertEquals(multifunctionPlan(xml, [dev("0000:41:00.0"), dev("0000:42:00.0")]), null);
  assertEquals(multifunctionPlan(xml, [dev("0000:41:00.0")]), null);
});
