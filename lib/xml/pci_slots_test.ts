import { assertEquals } from "../../tests/support/assert.ts";
import { freeHotplugSlots, lacksHotplugSlot } from "./pci_slots.ts";

const pci = (bus: number, slot = 0, fn = 0) =>
  `<address type='pci' domain='0x0000' bus='0x${bus.toString(16).padStart(2, "0")}' ` +
  `slot='0x${slot.toString(16).padStart(2, "0")}' function='0x${fn}'/>`;

const port = (index: number, extra = "") =>
  `<controller type='pci' index='${index}' model='pcie-root-port'>` +
  `<model name='pcie-root-port'/><target chassis='${index}' port='0x${
    (15 + index).toString(16)
  }'${extra}/>` +
  `${pci(0, 2, index - 1)}</controller>`;

/**
 * The live XML of a running VM as the wizard made it before spare ports (libvirt 9): seven root
 * ports, six of them holding the NIC, USB, virtio-serial, disk, balloon and RNG; a SATA CD-ROM
 * on the chipset's AHCI (00:1f.2) and VGA on pcie-root (00:01.0) take no port.
 */
const wizardVm = (ports = 7, more = "") =>
  `<domain type='qemu' id='3'><name>old</name><devices>
  <disk type='file' device='disk'><source file='/p/a.qcow2'/><target dev='vda' bus='virtio'/>
    <alias name='virtio-disk0'/>${pci(4)}</disk>
  <disk type='file' device='cdrom'><target dev='sda' bus='sata'/>
    <address type='drive' controller='0' bus='0' target='0' unit='0'/></disk>
  <controller type='usb' index='0' model='qemu-xhci'>${pci(2)}</controller>
  <controller type='sata' index='0'>${pci(0, 0x1f, 2)}</controller>
  <controller type='pci' index='0' model='pcie-root'/>
  <controller type='virtio-serial' index='0'>${pci(3)}</controller>
  ${Array.from({ length: ports }, (_, i) => port(i + 1)).join("\n  ")}
  <interface type='network'><mac address='52:54:00:7b:6c:2e'/><source network='n'/>
    <model type='virtio'/>${pci(1)}</interface>
  <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/>
    <address type='virtio-serial' controller='0' bus='0' port='1'/></channel>
  <input type='tablet' bus='usb'><address type='usb' bus='0' port='1'/></input>
  <video><model type='vga'/>${pci(0, 1)}</video>
  <memballoon model='virtio'>${pci(5)}</memballoon>
  <rng model='virtio'><backend model='random'>/dev/urandom</backend>${pci(6)}</rng>
  ${more}
</devices></domain>`;

Deno.test("pci_slots - counts the root ports no device sits in", () => {
  assertEquals(freeHotplugSlots(wizardVm()), 1);
  assertEquals(freeHotplugSlots(wizardVm(6)), 0);
  // The wizard's 14 ports leave eight free for this VM.
  assertEquals(freeHotplugSlots(wizardVm(14)), 8);
  // A hot-plugged disk in the one free port: none left.
  const plugged = `<disk type='file' device='disk'><target dev='vdb' bus='virtio'/>${
    pci(7)
  }</disk>`;
  assertEquals(freeHotplugSlots(wizardVm(7, plugged)), 0);
});

Deno.test("pci_slots - a port with hot-plug off and pcie-root itself take no hot-plug", () => {
  const off = wizardVm(6, port(7, " hotplug='off'"));
  assertEquals(freeHotplugSlots(off), 0);
  assertEquals(
    freeHotplugSlots(
      "<domain><devices><controller type='pci' index='0' model='pcie-root'/></devices></domain>",
    ),
    0,
  );
});

Deno.test("pci_slots - a host device's own address is the host's, not a slot of the VM", () => {
  // A PCI hostdev: its <source><address> names the host's 06:02.0, its guest address the port.
  const hostdev = `<hostdev mode='subsystem' type='pci' managed='yes'><source>
    <address domain='0x0000' bus='0x07' slot='0x00' function='0x0'/></source>${pci(7)}</hostdev>`;
  assertEquals(freeHotplugSlots(wizardVm(8, hostdev)), 1);
});

Deno.test("pci_slots - conventional PCI buses: the pc machine's pci-root and a pci-bridge", () => {
  // pci-root: slot 0 the host bridge, slot 1 the PIIX3 (shown or not); 2 and 3 used here.
  const pc = `<domain><devices>
    <controller type='pci' index='0' model='pci-root'/>
    <video><model type='cirrus'/>${pci(0, 2)}</video>
    <interface type='network'>${pci(0, 3)}</interface>
  </devices></domain>`;
  assertEquals(freeHotplugSlots(pc), 31 - 1 - 2);
  const bridge = `<domain><devices>
    <controller type='pci' index='0' model='pcie-root'/>
    <controller type='pci' index='1' model='pcie-to-pci-bridge'>${pci(0, 2)}</controller>
    <interface type='network'>${pci(1, 1)}</interface>
  </devices></domain>`;
  assertEquals(freeHotplugSlots(bridge), 30);
});

Deno.test("pci_slots - which new devices need a slot of their own", () => {
  const full = wizardVm(6);
  assertEquals(lacksHotplugSlot(full, { nic: true }), true);
  assertEquals(lacksHotplugSlot(full, { bus: "virtio" }), true);
  // SATA shares the chipset's AHCI.
  assertEquals(lacksHotplugSlot(full, { bus: "sata" }), false);
  // SCSI: a slot only for the controller libvirt adds when the VM has none.
  assertEquals(lacksHotplugSlot(full, { bus: "scsi" }), true);
  const withScsi = wizardVm(6, `<controller type='scsi' index='0' model='virtio-scsi'/>`);
  assertEquals(lacksHotplugSlot(withScsi, { bus: "scsi" }), false);
  // A PCI host device (or a vfio-pci mediated device) takes a slot like a NIC.
  assertEquals(lacksHotplugSlot(full, { pciHostdev: true }), true);
  assertEquals(lacksHotplugSlot(wizardVm(), { pciHostdev: true }), false);
  // Room left: nothing lacks.
  assertEquals(lacksHotplugSlot(wizardVm(), { nic: true }), false);
});
