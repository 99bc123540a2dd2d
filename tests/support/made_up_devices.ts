// Host devices this machine does not have, as the inventory (GET /api/host/devices) would
// describe them: a two-function card at 0000:c1:00 and a mediated device of it. libvirt looks
// for a stopped VM's host devices only when it starts, and a refused hot-plug never reaches
// them, so tests can pass them through on real libvirtd without touching the host.

import type { HostDevice, HostDeviceInventory, MdevInstance } from "../../shared/host_devices.ts";

/** Function `fn` of the card (a GPU unless `classCode` says otherwise). */
export function madeUpCard(
  fn: number,
  { classCode = "030000", groupPeers = [] }: { classCode?: string; groupPeers?: string[] } = {},
): HostDevice {
  return {
    name: `pci_0000_c1_00_${fn}`,
    kind: "pci",
    address: `0000:c1:00.${fn}`,
    vendor: { id: "10de", name: null },
    product: { id: "1eb8", name: null },
    classCode,
    className: null,
    driver: null,
    iommuGroup: 40,
    groupPeers,
    hostUse: null,
    virtualFunctions: [],
    maxVirtualFunctions: null,
    physicalFunction: null,
    mdevTypes: [],
    parent: null,
  };
}

/** A mediated device of the card's function 0 (the vfio-pci API, the default). */
export const MADE_UP_MDEV: MdevInstance = {
  name: "mdev_4b20d080_1b54_4048_85b3_a6a62d165c77_0000_c1_00_0",
  uuid: "4b20d080-1b54-4048-85b3-a6a62d165c77",
  type: "nvidia-222",
  parent: "pci_0000_c1_00_0",
  active: true,
};

/** The inventory of a host with an IOMMU holding just these devices. */
export function madeUpInventory(
  devices: HostDevice[],
  mdevs: MdevInstance[] = [],
): HostDeviceInventory {
  return {
    devices,
    mdevs,
    iommu: { enabled: true, groups: 1, kernelOptions: [], advice: null },
    hostUseKnown: true,
    hostUseNote: null,
  };
}
