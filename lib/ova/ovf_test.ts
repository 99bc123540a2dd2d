import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { readOvf, toBytes, vmNameFrom } from "./ovf_read.ts";
import { writeOvf } from "./ovf_write.ts";
import type { Vm } from "../../shared/vms.ts";
import { AppError } from "../errors.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`./fixtures/${name}`, import.meta.url));

Deno.test("ovf - a VirtualBox descriptor: disks in controller order, EFI from its machine section", () => {
  assertEquals(readOvf(fixture("virtualbox.ovf")), {
    name: "Debian-box",
    cpuCount: 2,
    memoryMb: 2048,
    firmware: "uefi",
    osType: "linux",
    osDescription: "Debian_64",
    osVariant: null,
    disks: [
      { file: "Debian box-disk001.vmdk", capacityBytes: 10 * 2 ** 30, bus: "sata" },
      { file: "Debian box-disk002.vmdk", capacityBytes: 20 * 2 ** 30, bus: "sata" },
    ],
    nics: [{ network: "NAT", model: "e1000" }],
  });
});

Deno.test("ovf - a VMware descriptor: units as byte * 2^N, an empty disk, SCSI, vmxnet3, firmware key", () => {
  assertEquals(readOvf(fixture("vmware.ovf")), {
    name: "win-server",
    cpuCount: 4,
    memoryMb: 8192,
    firmware: "uefi",
    osType: "windows",
    osDescription: null,
    osVariant: null,
    disks: [
      { file: "win-server-disk1.vmdk", capacityBytes: 40 * 2 ** 30, bus: "scsi" },
      { file: null, capacityBytes: 4 * 2 ** 30, bus: "scsi" },
    ],
    nics: [{ network: "VM Network", model: "vmxnet3" }],
  });
});

const VM = {
  name: "web-01",
  cpuCount: 2,
  memoryMb: 1536,
  firmware: "bios",
  osType: "linux",
  osVariant: "debian12",
  networkInterfaces: [{ network: "default", model: "virtio", mac: "", type: "network" }],
} as unknown as Vm;

Deno.test("ovf - what we write reads back the same (name, CPUs, memory, firmware, OS, disks, NICs)", () => {
  const disks = [
    { file: "web-01-disk1.vmdk", fileBytes: 1000, capacityBytes: 2 ** 30, bus: "virtio" },
    { file: "web-01-disk2.vmdk", fileBytes: 10, capacityBytes: 2 ** 20, bus: "sata" },
  ];
  for (const firmware of ["bios", "uefi"] as const) {
    const xml = writeOvf({ ...VM, firmware }, disks);
    assertEquals(readOvf(xml), {
      name: "web-01",
      cpuCount: 2,
      memoryMb: 1536,
      firmware,
      osType: "linux",
      osDescription: "debian12",
      osVariant: "debian12",
      disks: [
        { file: "web-01-disk1.vmdk", capacityBytes: 2 ** 30, bus: "virtio" },
        { file: "web-01-disk2.vmdk", capacityBytes: 2 ** 20, bus: "sata" },
      ],
      nics: [{ network: "default", model: "virtio" }],
    });
  }
});

Deno.test("ovf - user text is escaped, never markup", () => {
  const xml = writeOvf(
    { ...VM, networkInterfaces: [{ network: "<x>&", model: null }] } as unknown as Vm,
    [],
  );
  assertEquals(readOvf(xml).nics, [{ network: "<x>&", model: null }]);
});

Deno.test("ovf - refusals say what is wrong", () => {
  const refused = (xml: string) => {
    const err = assertThrows(() => readOvf(xml), AppError);
    assertEquals(err.code, "INVALID_FORMAT");
    return err.message;
  };
  assertEquals(
    refused("<nothing/>"),
    "The OVF descriptor cannot be read: it has no Envelope element",
  );
  assertEquals(
    refused('<!DOCTYPE x [<!ENTITY a "aaaa">]><Envelope/>'),
    "The OVF descriptor cannot be read: it declares a DOCTYPE",
  );
  assertEquals(
    refused("<Envelope><VirtualSystem/><VirtualSystem/></Envelope>"),
    "The OVF descriptor cannot be read: it describes 2 virtual machines: import them one OVA at a time",
  );
  assertEquals(
    refused(
      `<Envelope><References><File id="f" href="d.vmdk.gz" compression="gzip"/></References>` +
        `<VirtualSystem><VirtualHardwareSection><Item><ResourceType>4</ResourceType>` +
        `<VirtualQuantity>1</VirtualQuantity></Item></VirtualHardwareSection></VirtualSystem></Envelope>`,
    ),
    "The OVF descriptor cannot be read: d.vmdk.gz is compressed (gzip): export the OVA without compression",
  );
  assertEquals(
    refused("<Envelope><VirtualSystem><VirtualHardwareSection/></VirtualSystem></Envelope>"),
    "The OVF descriptor cannot be read: its memory size is missing or in an unknown unit",
  );
});

Deno.test("ovf - units and names", () => {
  assertEquals(toBytes("2", "byte * 2^30"), 2 * 2 ** 30);
  assertEquals(toBytes("512", "MegaBytes"), 512 * 2 ** 20);
  assertEquals(toBytes("7", undefined), 7);
  assertEquals(toBytes("1", "furlongs"), null);
  assertEquals(vmNameFrom("My VM (copy) ü"), "My-VM-copy");
  assertEquals(vmNameFrom("../.."), "imported-vm");
});
