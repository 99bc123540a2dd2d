// What the routes about this host answer (routes/api/host.ts): its facts, its check, the
// program's version, its devices, its network topology and the libvirt connection.

import { z } from "zod";
import type { ConnectionStatus as Connection, HostInfo as Info } from "../../../shared/host.ts";
import type { HostCheck as Check } from "../../../shared/host_check.ts";
import type {
  HostDeviceInventory as Inventory,
  MdevInstance as Instance,
} from "../../../shared/host_devices.ts";
import { MACVTAP_MODES } from "../../../shared/networks.ts";
import { type Topology as Graph, TOPOLOGY_KINDS } from "../../../shared/topology.ts";
import type { BuildInfo as Build } from "../../../lib/version.ts";
import { describes } from "./describes.ts";

export const HostInfo = describes<Info>()(
  z.object({
    hostname: z.string(),
    cpuModel: z.string(),
    cpuCount: z.number().int().meta({ description: "Cores: nodes × sockets × cores" }),
    cpuThreads: z.number().int(),
    memoryTotalMb: z.number(),
    memoryFreeMb: z.number().meta({
      description: "Memory nobody uses, not even the page cache (MemFree)",
    }),
    memoryAvailableMb: z.number().meta({
      description: "What new work can have without swapping; used = total − available",
    }),
    libvirtVersion: z.string(),
    qemuVersion: z.string(),
    hypervisor: z.string().meta({ description: '"QEMU/KVM", "QEMU", or the driver\'s name' }),
    activeVms: z.number().int(),
    totalVms: z.number().int(),
  }).meta({ id: "HostInfo" }),
);

const HostCheckItem = z.object({
  id: z.string().meta({
    description:
      "Stable name: cpu-virt, kvm-device, kvm-run, kvm-libvirt, iommu, cgroups, uefi, network, pool, daemons, firewall",
  }),
  status: z.enum(["pass", "warn", "fail"]),
  title: z.string().meta({ description: "What was checked" }),
  detail: z.string().meta({ description: "What was found" }),
  fix: z.string().nullable().meta({ description: "What to do about a warn or fail; null on pass" }),
});

export const HostCheck = describes<Check>()(
  z.object({
    kvmUsable: z.boolean().meta({
      description: "Whether new VMs get KVM; false: software emulation (TCG)",
    }),
    kvmReason: z.string().nullable().meta({ description: "Why KVM is not used; null when it is" }),
    local: z.boolean().meta({
      description: "Whether the checks of this machine's own files ran (a host on this machine)",
    }),
    items: z.array(HostCheckItem),
  }).meta({ id: "HostCheck" }),
);

export const BuildInfo = describes<Build>()(
  z.object({
    version: z.string().meta({ description: "deno.json's version" }),
    commit: z.string().meta({
      description: 'The commit the running bundle was built from, or "unknown"',
    }),
  }).meta({ id: "BuildInfo" }),
);

const DeviceId = z.object({
  id: z.string().meta({ description: 'Four hex digits, lower case: "8086"' }),
  name: z.string().nullable(),
});

export const MdevInstance = describes<Instance>()(
  z.object({
    name: z.string().meta({ description: "libvirt's node device name" }),
    uuid: z.string(),
    type: z.string().meta({ description: 'The type it was made as ("nvidia-222")' }),
    parent: z.string().nullable().meta({ description: "Its parent's node device name" }),
    active: z.boolean().meta({ description: "Started now" }),
  }).meta({ id: "MdevInstance" }),
);

const HostDevice = z.object({
  name: z.string().meta({ description: 'libvirt\'s node device name: "pci_0000_00_03_0"' }),
  kind: z.enum(["pci", "usb"]),
  address: z.string().meta({ description: 'PCI "0000:00:03.0"; USB "001:002" (bus:device)' }),
  vendor: DeviceId,
  product: DeviceId,
  classCode: z.string().nullable().meta({ description: 'PCI class ("020000"); null for USB' }),
  className: z.string().nullable(),
  driver: z.string().nullable().meta({ description: "The host driver bound now" }),
  iommuGroup: z.number().int().nullable(),
  groupPeers: z.array(z.string()).meta({
    description: "The other PCI addresses of its IOMMU group",
  }),
  hostUse: z.object({
    reason: z.enum(["route", "root-disk", "console"]),
    via: z.string().nullable(),
  }).nullable().meta({ description: "Why the host itself needs it, or null" }),
  virtualFunctions: z.array(z.string()),
  maxVirtualFunctions: z.number().int().nullable(),
  physicalFunction: z.string().nullable(),
  mdevTypes: z.array(z.object({
    id: z.string(),
    name: z.string().nullable(),
    deviceApi: z.string().nullable(),
    available: z.number().int(),
  })),
  parent: z.string().nullable(),
});

export const HostDeviceInventory = describes<Inventory>()(
  z.object({
    devices: z.array(HostDevice),
    mdevs: z.array(MdevInstance),
    iommu: z.object({
      enabled: z.boolean(),
      groups: z.number().int(),
      kernelOptions: z.array(z.string()),
      advice: z.literal("iommu-off").nullable(),
    }),
    hostUseKnown: z.boolean().meta({
      description: "Whether host use was checked (this machine, or a host reached over ssh)",
    }),
    hostUseNote: z.string().nullable(),
  }).meta({ id: "HostDeviceInventory" }),
);

const NicVlan = z.object({
  tags: z.array(z.number().int()),
  trunk: z.boolean(),
  nativeTag: z.number().int().optional(),
});

const TopologyNode = z.object({
  id: z.string().meta({ description: '"host", "if:eth0", "net:default", "vm:<uuid>", "user" …' }),
  kind: z.enum(TOPOLOGY_KINDS),
  label: z.string(),
  state: z.string().meta({ description: 'A VM\'s state; "up" or "down" for the rest' }),
  href: z.string().nullable(),
  missing: z.boolean().optional().meta({ description: "libvirt does not know it" }),
  network: z.object({
    mode: z.string(),
    openvswitch: z.boolean(),
    macvtapMode: z.enum(MACVTAP_MODES).nullable(),
    hostInterface: z.string().nullable(),
    subnet: z.string().nullable(),
  }).optional(),
  ifaceType: z.string().optional(),
  openvswitch: z.boolean().optional(),
});

const TopologyLink = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.enum(["uplink", "member", "nic"]),
  vlan: NicVlan.nullable(),
  portgroup: z.string().nullable(),
  mac: z.string().nullable(),
  via: z.string().nullable(),
});

export const HostTopology = describes<Graph>()(
  z.object({
    nodes: z.array(TopologyNode),
    links: z.array(TopologyLink),
    notes: z.array(z.string()).meta({ description: "What could not be read, in words" }),
  }).meta({ id: "HostTopology" }),
);

export const ConnectionStatus = describes<Connection>()(
  z.object({
    connected: z.boolean(),
    uri: z.string(),
    error: z.string().nullable(),
    demo: z.boolean().meta({ description: "True on the built-in test:///default connection" }),
  }).meta({ id: "ConnectionStatus" }),
);
