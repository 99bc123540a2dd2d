// What the page tests render: one VM, one host and one pool as the services describe them, each
// test changing what it looks at, and a context of stub services for the page routes.

import type { AppContext } from "../../lib/context.ts";
import type { ConnectionStatus, HostInfo } from "../../shared/host.ts";
import type { PoolInfo } from "../../shared/storage.ts";
import type { Vm } from "../../shared/vms.ts";
import { stubMonitoring } from "./monitoring_stub.ts";

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
  memoryAvailableMb: 16384,
  libvirtVersion: "10.0.0",
  qemuVersion: "8.2.2",
  hypervisor: "QEMU",
  activeVms: 2,
  totalVms: 3,
};

/** A running folder pool "default" of 100 GiB, a quarter used, changed by `over`. */
export const samplePool = (over: Partial<PoolInfo> = {}): PoolInfo => ({
  name: "default",
  uuid: "5f0c6a1e-0000-4000-8000-000000000001",
  type: "dir",
  active: true,
  autostart: true,
  persistent: true,
  capacityBytes: 100 * 1024 ** 3,
  allocationBytes: 25 * 1024 ** 3,
  availableBytes: 75 * 1024 ** 3,
  path: "/var/lib/libvirt/images",
  source: { host: null, dir: null, devices: [], name: null },
  volumeCount: 1,
  ...over,
});

/** A host check that found nothing wrong. */
export const HOST_CHECK_OK = { kvmUsable: true, kvmReason: null, local: true, items: [] };

/**
 * A context of stubs for the page routes: the kvm service `kvm` (its `connection()` connected
 * to qemu:///system, or to the test driver in demo mode, changed by `connection`), no tasks,
 * quiet monitoring, this host alone; `services` adds or replaces any other service.
 */
export function stubPageContext(
  { kvm, demo = false, connection = {}, ...services }: {
    kvm: Record<string, unknown>;
    demo?: boolean;
    connection?: Partial<ConnectionStatus>;
    [service: string]: unknown;
  },
): AppContext {
  const uri = demo ? "test:///default" : "qemu:///system";
  return {
    config: { uri, demo, listen: { hostname: "127.0.0.1", port: 0 } },
    vms: {
      connection: (): ConnectionStatus => ({
        connected: true,
        uri,
        error: null,
        demo,
        ...connection,
      }),
      ...kvm,
    },
    tasks: { list: () => [] },
    monitoring: stubMonitoring({}),
    hostId: "local",
    hosts: { list: () => [], find: () => undefined },
    features: stubFeatures({ cluster: NO_CLUSTER }),
    ...services,
  } as unknown as AppContext;
}

/**
 * A host's features (lib/feature.ts) for pages: `get` answers the given services by feature name,
 * and fails on any other, so a page that asks for a feature its test did not stub says which.
 */
export function stubFeatures(byName: Record<string, unknown>) {
  return {
    all: [],
    made: Object.keys(byName),
    get(feature: { name: string }): unknown {
      if (!(feature.name in byName)) throw new Error(`no stub for the ${feature.name} feature`);
      return byName[feature.name];
    },
  };
}

/** A cluster service for pages: this host is in no cluster. */
export const NO_CLUSTER = {
  view: () =>
    Promise.resolve({ present: false, code: "CLUSTER_NOT_RUNNING", reason: "none", readAt: 0 }),
};
