import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { pendingChanges } from "./pending.ts";

// A running VM's live XML: what libvirt adds while it runs (id, aliases, the tap, the bridge a
// network NIC landed on, the VNC port, the seclabel) must not count as a change.
const LIVE = await Deno.readTextFile(new URL("../xml/fixtures/qemu_domain.xml", import.meta.url));

/** The same VM's persistent definition: no runtime additions, `edit` applied. */
function definition(edit: (xml: string) => string = (x) => x): string {
  return edit(
    LIVE.replace(" id='3'", "")
      .replace(" index='2'", "")
      .replace(" bridge='virbr0'", "")
      .replace("port='5901'", "port='-1'"),
  );
}

Deno.test("pending - a live XML and its unchanged definition have nothing pending", () => {
  assertEquals(pendingChanges(LIVE, definition()), []);
  assertEquals(pendingChanges(LIVE, LIVE), []);
});

Deno.test("pending - vCPUs and memory, current and maximum, old and new", () => {
  const next = definition((x) =>
    x.replace("<vcpu placement='static' current='2'>4</vcpu>", "<vcpu placement='static'>6</vcpu>")
      .replace("<memory unit='KiB'>8388608</memory>", "<memory unit='GiB'>16</memory>")
      .replace(
        "<currentMemory unit='KiB'>4194304</currentMemory>",
        "<currentMemory unit='KiB'>16777216</currentMemory>",
      )
  );
  assertEquals(pendingChanges(LIVE, next), [
    { field: "cpuCount", live: 2, next: 6 },
    { field: "maxCpuCount", live: 4, next: 6 },
    { field: "memoryMb", live: 8192, next: 16384 },
    { field: "currentMemoryMb", live: 4096, next: 16384 },
  ]);
});

Deno.test("pending - boot order, boot menu, machine, firmware, TPM, display and clipboard", () => {
  const next = definition((x) =>
    x.replace(
      "<boot dev='hd' />",
      "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>" +
        "<boot dev='cdrom' /><boot dev='hd' /><bootmenu enable='yes' />",
    )
      .replace("pc-q35-7.2", "pc-q35-8.0")
      .replace(/<graphics[\s\S]*<\/graphics>/, "<graphics type='spice' autoport='yes'/>")
      .replace(
        "</devices>",
        "<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>" +
          "<channel type='qemu-vdagent'><source><clipboard copypaste='yes'/></source>" +
          "<target type='virtio' name='com.redhat.spice.0'/></channel></devices>",
      )
  );
  assertEquals(pendingChanges(LIVE, next), [
    { field: "machine", live: "pc-q35-7.2", next: "pc-q35-8.0" },
    { field: "firmware", live: "bios", next: "uefi" },
    { field: "tpm", live: false, next: true },
    { field: "bootOrder", live: ["hd"], next: ["cdrom", "hd"] },
    { field: "bootMenu", live: false, next: true },
    { field: "display", live: "vnc", next: "spice" },
    { field: "clipboard", live: false, next: true },
  ]);
});

Deno.test("pending - disks and NICs added, removed or changed for the next boot only", () => {
  const next = definition((x) =>
    x
      // vdb leaves, vdc comes, the CD-ROM gets a disc.
      .replace(/<disk type='volume'[\s\S]*?<\/disk>/, "")
      .replace(
        "<target dev='sda' bus='sata' />",
        "<source file='/isos/debian.iso'/><target dev='sda' bus='sata' />",
      )
      .replace(
        "</devices>",
        "<disk type='file' device='disk'><source file='/var/lib/libvirt/images/new.qcow2'/>" +
          "<target dev='vdc' bus='virtio'/></disk>" +
          "<interface type='network'><mac address='52:54:00:00:00:09'/>" +
          "<source network='lab'/><model type='virtio'/></interface></devices>",
      )
      // The bridged NIC moves to another bridge.
      .replace("<source bridge='br0' />", "<source bridge='br1' />")
  );
  assertEquals(pendingChanges(LIVE, next), [
    { field: "disk", device: "sda", live: "", next: "/isos/debian.iso" },
    { field: "disk", device: "vdb", live: "data/scratch.img", next: null },
    { field: "disk", device: "vdc", live: null, next: "/var/lib/libvirt/images/new.qcow2" },
    { field: "nic", device: "52:54:00:00:00:09", live: null, next: "lab (virtio)" },
    { field: "nic", device: "52:54:00:aa:bb:cc", live: "br0 (e1000e)", next: "br1 (e1000e)" },
  ]);
});

Deno.test("pending - host devices passed through for the next boot only, by their source", () => {
  const pci = "<hostdev mode='subsystem' type='pci' managed='yes'><source>" +
    "<address domain='0x0000' bus='0x03' slot='0x00' function='0x1'/></source></hostdev>";
  const usb = "<hostdev mode='subsystem' type='usb'><source><vendor id='0x046d'/>" +
    "<product id='0xc52b'/></source></hostdev>";
  const live = LIVE.replace("</devices>", `${pci}</devices>`);
  const next = definition((x) => x.replace("</devices>", `${usb}</devices>`));
  assertEquals(pendingChanges(live, next), [
    { field: "hostdev", device: "pci 0000:03:00.1", live: "pci 0000:03:00.1", next: null },
    { field: "hostdev", device: "usb 046d:c52b", live: null, next: "usb 046d:c52b" },
  ]);
});

Deno.test("pending - a document that is not a domain is refused", () => {
  assertThrows(() => pendingChanges(LIVE, "<network><name>x</name></network>"), Error);
  assertThrows(() => pendingChanges("<domain", LIVE), Error);
});
