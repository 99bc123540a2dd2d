// What the page tests render: one VM and one host as the services describe them, each test
// changing what it looks at.

import type { HostInfo } from "../shared/host.ts";
import type { Vm } from "../shared/vms.ts";

/** A running VM "web" with a disk, a NIC and a VNC display, changed by `over`. */
export const sampleVm = (over: Partial<Vm>): Vm => ({
  id: "00000000-0000-0000-0000-000000000001",
  name: "web",
  state: "running",
  cpuCount: 2,
  memoryMb: 1024,
  maxMemoryMb: 1024,
  diskSizeGb: 10,
  autostart: true,
  protected: false,
  persistent: true,
  machine: "pc-q35-8.2",
  arch: "x86_64",
  emulator: "/usr/bin/qemu-system-x86_64",
  osType: "hvm",
  networkInterfaces: [{
    mac: "52:54:00:aa:bb:cc",
    network: "default",
    type: "network",
    model: "virtio",
  }],
  disks: [{
    target: "vda",
    device: "disk",
    bus: "virtio",
    path: "/var/lib/libvirt/images/web.qcow2",
    format: "qcow2",
    sizeBytes: 10 * 1024 ** 3,
    allocationBytes: null,
  }],
  graphics: [{ type: "vnc", port: 5900, listen: "127.0.0.1", autoport: true, socket: null }],
  bootOrder: ["hd"],
  bootMenu: false,
  firmware: "bios",
  secureBoot: false,
  tpm: false,
  clipboard: false,
  ...over,
});

/** An 8-core host with 32 GiB and two of its three VMs running. */
export const SAMPLE_HOST: HostInfo = {
  hostname: "kvm-host-1",
  cpuModel: "x86_64",
  cpuCount: 8,
  cpuThreads: 16,
  memoryTotalMb: 32768,
  memoryFreeMb: 16384,
  libvirtVersion: "10.0.0",
  qemuVersion: "8.2.2",
  hypervisor: "QEMU",
  activeVms: 2,
  totalVms: 3,
};
