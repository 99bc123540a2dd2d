// Builds the domain XML of a new VM from a resolved spec (https://libvirt.org/formatdomain.html).
// Every user value goes through XMLBuilder as a text node or attribute, which escapes it.

import { xmlBuilder as builder } from "./builder.ts";
import type {
  DirectKernelBoot,
  DiskBus,
  DiskFormat,
  DisplayType,
  OsType,
} from "../../shared/vms.ts";
import { KVMM_NAMESPACE } from "./domain_parse.ts";
import { clipboardChannelNode, graphicsNode } from "./display.ts";
import { hypervFeatures, windowsClock } from "./hyperv.ts";

export const LIBOSINFO_NAMESPACE = "http://libosinfo.org/xmlns/libvirt/domain/1.0";
/** The virtio-serial channel names of the QEMU guest agent and of ours (agent/). */
export const QEMU_AGENT_CHANNEL = "org.qemu.guest_agent.0";
export const KVMM_AGENT_CHANNEL = "org.kvmmanager.agent.0";

export interface DiskSpec {
  path: string;
  format: DiskFormat;
  bus: DiskBus;
}

/** Everything a new domain needs, already validated and resolved to host paths. */
export interface NewDomainSpec {
  /** "test" only on libvirt's test driver. */
  virtType: "kvm" | "qemu" | "test";
  name: string;
  description?: string;
  memoryMb: number;
  cpuCount: number;
  osType: OsType;
  osVariant?: string;
  /** libosinfo's id of the variant, e.g. "http://debian.org/debian/12". */
  osinfoId?: string;
  createdAt: Date;
  firmware: "bios" | "uefi";
  secureBoot: boolean;
  tpm: boolean;
  bootMenu: boolean;
  disk?: DiskSpec;
  /** Existing volumes attached after the disk, in order (an imported OVA's other disks). */
  extraDisks?: DiskSpec[];
  /** CD-ROM images in order: the install ISO, the virtio driver CD, then the cloud-init seed. */
  cdroms: string[];
  /** Hyper-V enlightenments and their clock (lib/vms/windows.ts: Windows guests on KVM). */
  hyperv?: boolean;
  /** The NIC's model; when absent e1000e for Windows (no driver needed), else virtio. */
  nicModel?: "virtio" | "e1000e";
  /** The cloud-init seed's path, kept in our metadata so delete can remove it. */
  cloudInitSeed?: string;
  network?: string;
  /** The NIC's MAC, when it must be known before libvirt picks one (a cloud-init network-config). */
  mac?: string;
  /** The UUID, when it must be known before libvirt picks one (the VM's own network filter). */
  uuid?: string;
  /** The network filter the NIC references (`<filterref>`), e.g. the VM's own firewall. */
  nicFilter?: string;
  directKernel?: DirectKernelBoot;
  /** The console; VNC when absent. */
  display?: DisplayType;
  /** The clipboard channel to the guest's spice-vdagent. */
  clipboard?: boolean;
}

type Node = Record<string, unknown>;

/**
 * PCIe root ports a new q35 VM gets, as virt-install gives them (virtinst/guest.py
 * `num_pcie_root_ports`): libvirt puts each PCI device of the definition in one, and the rest
 * are free for hot-plug (a root port holds one device; QEMU cannot add root ports to a running
 * VM). Left alone, libvirt adds only enough for the devices plus one, so one hot-plugged disk
 * left no room for a NIC. 14 rather than more: QEMU 6.1 fails with 15 or more
 * (https://gitlab.com/qemu-project/qemu/-/issues/641). A VM with more devices than ports still
 * gets the ports it needs from libvirt.
 */
export const PCIE_ROOT_PORTS = 14;

/** The PCIe root complex and its root ports (https://libvirt.org/pci-hotplug.html). */
function pcieControllers(): Node[] {
  // pcie-root first: libvirt wants it at index 0; the ports get their indexes from libvirt.
  return [
    { "@type": "pci", "@model": "pcie-root" },
    ...Array.from(
      { length: PCIE_ROOT_PORTS },
      () => ({ "@type": "pci", "@model": "pcie-root-port" }),
    ),
  ];
}

/** Guest device names: vda, vdb … for virtio; sda, sdb … shared by SATA and SCSI. */
function targetNamer() {
  const used = { vd: 0, sd: 0 };
  return (bus: DiskBus): string => {
    const prefix = bus === "virtio" ? "vd" : "sd";
    return prefix + String.fromCharCode(97 + used[prefix]++);
  };
}

function osElement(spec: NewDomainSpec): Node {
  const os: Node = {
    type: {
      "@arch": "x86_64",
      "@machine": spec.virtType === "test" ? undefined : "q35",
      "#text": "hvm",
    },
  };
  if (spec.firmware === "uefi") {
    // Firmware autoselection: libvirt picks the OVMF code/vars pair from QEMU's descriptors.
    os["@firmware"] = "efi";
    if (spec.secureBoot) {
      os.firmware = {
        feature: [
          { "@enabled": "yes", "@name": "secure-boot" },
          { "@enabled": "yes", "@name": "enrolled-keys" },
        ],
      };
    }
  }
  if (spec.directKernel) {
    os.kernel = spec.directKernel.kernelPath;
    if (spec.directKernel.initrdPath) os.initrd = spec.directKernel.initrdPath;
    if (spec.directKernel.cmdline) os.cmdline = spec.directKernel.cmdline;
  } else {
    // Disk first, then CD: an empty new disk does not boot, so the firmware falls through to
    // the install ISO, and once installed the VM boots from disk without a settings change.
    const order = [...(spec.disk ? ["hd"] : []), ...(spec.cdroms.length ? ["cdrom"] : [])];
    os.boot = order.map((dev) => ({ "@dev": dev }));
  }
  os.bootmenu = { "@enable": spec.bootMenu ? "yes" : "no" };
  return os;
}

function devices(spec: NewDomainSpec): Node {
  const target = targetNamer();
  const windows = spec.osType === "windows";
  const disk: Node[] = [];
  for (const d of spec.disk ? [spec.disk, ...spec.extraDisks ?? []] : []) {
    disk.push({
      "@type": "file",
      "@device": "disk",
      // The format is the one the user gave, never probed (a probed raw image could claim a
      // qcow2 backing file anywhere on the host).
      driver: { "@name": "qemu", "@type": d.format, "@discard": "unmap" },
      source: { "@file": d.path },
      target: { "@dev": target(d.bus), "@bus": d.bus },
    });
  }
  // The cloud-init seed of a Linux guest goes on virtio-scsi: cloud kernels (Debian's
  // linux-image-cloud-amd64, which genericcloud images boot) have no AHCI driver, so a SATA CD-ROM
  // is invisible to them and cloud-init would find no seed. Install ISOs stay on SATA, which every
  // installer's own kernel reads; Windows has no virtio-scsi driver before one is installed.
  const seedOnScsi = (path: string) => path === spec.cloudInitSeed && !windows;
  for (const path of spec.cdroms) {
    const bus = seedOnScsi(path) ? "scsi" : "sata";
    disk.push({
      "@type": "file",
      "@device": "cdrom",
      driver: { "@name": "qemu", "@type": "raw" },
      source: { "@file": path },
      target: { "@dev": target(bus), "@bus": bus },
      readonly: "",
    });
  }
  const devs: Node = { disk };
  // The test driver has no q35 machine (osElement) and so no PCIe.
  const controller: Node[] = spec.virtType === "test" ? [] : pcieControllers();
  if (spec.disk?.bus === "scsi" || spec.cdroms.some(seedOnScsi)) {
    controller.push({ "@type": "scsi", "@model": "virtio-scsi" });
  }
  if (controller.length) devs.controller = controller;
  if (spec.network) {
    devs.interface = [{
      "@type": "network",
      ...(spec.mac ? { mac: { "@address": spec.mac } } : {}),
      source: { "@network": spec.network },
      model: { "@type": spec.nicModel ?? (windows ? "e1000e" : "virtio") },
      ...(spec.nicFilter ? { filterref: { "@filter": spec.nicFilter } } : {}),
    }];
  }
  // Only on loopback: the browser reaches the display through our authenticated proxy.
  const display = spec.display ?? "vnc";
  devs.graphics = [graphicsNode(display)];
  devs.video = [{ model: { "@type": windows ? "vga" : "virtio" } }];
  devs.input = [{ "@type": "tablet", "@bus": "usb" }];
  devs.serial = [{ "@type": "pty", target: { "@port": "0" } }];
  devs.console = [{ "@type": "pty", target: { "@type": "serial", "@port": "0" } }];
  devs.channel = [QEMU_AGENT_CHANNEL, KVMM_AGENT_CHANNEL].map((name): Node => ({
    "@type": "unix",
    target: { "@type": "virtio", "@name": name },
  }));
  if (spec.clipboard) (devs.channel as Node[]).push(clipboardChannelNode(display));
  if (spec.tpm) {
    devs.tpm = [{ "@model": "tpm-crb", backend: { "@type": "emulator", "@version": "2.0" } }];
  }
  devs.memballoon = { "@model": "virtio" };
  if (!windows) {
    devs.rng = { "@model": "virtio", backend: { "@model": "random", "#text": "/dev/urandom" } };
  }
  return devs;
}

function metadata(spec: NewDomainSpec): Node {
  const vm: Node = {
    "@xmlns:kvmm": KVMM_NAMESPACE,
    "kvmm:os": { "@type": spec.osType, "@variant": spec.osVariant || undefined },
    "kvmm:created": spec.createdAt.toISOString(),
  };
  if (spec.cloudInitSeed) vm["kvmm:cloudinit"] = { "@seed": spec.cloudInitSeed };
  const meta: Node = { "kvmm:vm": vm };
  if (spec.osinfoId) {
    // libosinfo's element, so virt-manager and virt-install see the variant too.
    meta["libosinfo:libosinfo"] = {
      "@xmlns:libosinfo": LIBOSINFO_NAMESPACE,
      "libosinfo:os": { "@id": spec.osinfoId },
    };
  }
  return meta;
}

/** The domain XML for a new VM. */
export function buildDomainXml(spec: NewDomainSpec): string {
  const features: Node = { acpi: "", apic: "" };
  if (spec.hyperv) features.hyperv = hypervFeatures();
  if (spec.secureBoot) features.smm = { "@state": "on" };
  const domain: Node = {
    "@type": spec.virtType,
    name: spec.name,
    uuid: spec.uuid,
    description: spec.description || undefined,
    metadata: metadata(spec),
    memory: { "@unit": "MiB", "#text": spec.memoryMb },
    currentMemory: { "@unit": "MiB", "#text": spec.memoryMb },
    vcpu: { "@placement": "static", "#text": spec.cpuCount },
    os: osElement(spec),
    features,
    cpu: spec.virtType === "kvm" ? { "@mode": "host-passthrough" } : undefined,
    clock: spec.osType === "windows"
      ? windowsClock({ hyperv: spec.hyperv === true })
      : { "@offset": "utc" },
    on_poweroff: "destroy",
    on_reboot: "restart",
    on_crash: "destroy",
    devices: devices(spec),
  };
  return builder.build({ domain }) as string;
}
