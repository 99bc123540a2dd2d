// The host device inventory's shapes (GET /api/host/devices), shared by the server and the page.

/** A vendor or product: its hexadecimal id and, where known, its name. */
export interface DeviceId {
  /** "8086" (four hex digits, lower case, no 0x). */
  id: string;
  /** From libvirt, else from the host's pci.ids / usb.ids; null where neither knows it. */
  name: string | null;
}

/**
 * A reason the host needs a device: the NIC its default route leaves by, the controller of its
 * root file system's disk, its console GPU. `via`: the interface or disk that showed it.
 */
export interface HostUse {
  reason: "route" | "root-disk" | "console";
  via: string | null;
}

/** A mediated device type a PCI device offers (a vGPU profile). */
export interface MdevType {
  id: string;
  name: string | null;
  deviceApi: string | null;
  available: number;
}

/** One PCI or USB device of the host. */
export interface HostDevice {
  /** libvirt's node device name: "pci_0000_00_03_0", "usb_1_2". */
  name: string;
  kind: "pci" | "usb";
  /** PCI: "0000:00:03.0"; USB: "001:002" (bus:device). */
  address: string;
  vendor: DeviceId;
  product: DeviceId;
  /** PCI class: "020000" and its name ("Ethernet controller"); null for USB. */
  classCode: string | null;
  className: string | null;
  /** The host driver bound now ("e1000e", "vfio-pci"); null when none. */
  driver: string | null;
  /** The IOMMU group (PCI); null when the host has no IOMMU on. */
  iommuGroup: number | null;
  /** The other PCI addresses in the same group, which pass through together. */
  groupPeers: string[];
  /**
   * Why the host itself needs this device, or null. Known for this machine only; null on remote
   * hosts.
   */
  hostUse: HostUse | null;
  /** SR-IOV: a physical function's virtual functions, and how many it may have. */
  virtualFunctions: string[];
  maxVirtualFunctions: number | null;
  /** SR-IOV: the physical function of a virtual function. */
  physicalFunction: string | null;
  mdevTypes: MdevType[];
  /** libvirt's parent device ("pci_0000_00_1c_0", "usb_usb1"). */
  parent: string | null;
}

/** Whether the host can pass PCI devices through, and what to do when it cannot. */
export interface IommuStatus {
  enabled: boolean;
  /** IOMMU groups seen. */
  groups: number;
  /** The IOMMU options on the kernel command line ([] where the host's files are not read). */
  kernelOptions: string[];
  /** What to change when it is off; null when on. */
  advice: "iommu-off" | null;
}

/** GET /api/host/devices. */
/** A mediated device instance (a vGPU, say), made from a type its parent offers. */
export interface MdevInstance {
  /** libvirt's node device name: "mdev_<uuid with _>_0000_41_00_0". */
  name: string;
  uuid: string;
  /** The type it was made as ("nvidia-222"). */
  type: string;
  /** Its parent's node device name ("pci_0000_41_00_0"). */
  parent: string | null;
  /** Started now; a defined one may be stopped (its parent gone, or not started yet). */
  active: boolean;
}

/** The body of POST /api/host/devices/:device/mdevs. */
export interface MdevCreate {
  /** One of the parent's mediated device types (`mdevTypes[].id`). */
  type: string;
}

export interface HostDeviceInventory {
  devices: HostDevice[];
  /** Mediated device instances, started or defined. */
  mdevs: MdevInstance[];
  iommu: IommuStatus;
  /**
   * True when host use was checked: this machine, or a remote host reached over ssh (its sysfs
   * and procfs read in one ssh session); false for TLS and TCP hosts or when ssh failed.
   */
  hostUseKnown: boolean;
  /** Why host use is not known (hostUseKnown false), in words for the page; else null. */
  hostUseNote: string | null;
}

/** A host device in a VM's definition (GET /api/vms/:id/hostdevs). */
export interface VmHostDevice {
  kind: "pci" | "usb" | "mdev";
  /** PCI "0000:41:00.0"; USB "003:004" when given by bus and device; a mediated device's UUID. */
  address: string | null;
  /** USB given by vendor and product: "1050:5678"; else null. */
  usbId: string | null;
  /** The host's node device it names, when the host has it now ("pci_0000_41_00_0"). */
  device: string | null;
}

/** The body of POST /api/vms/:id/hostdevs. */
export interface HostDeviceAttach {
  /** The node device's name from the inventory: "pci_0000_41_00_0", "usb_3_4". */
  device: string;
  /** USB only: name the device by vendor and product (default; follows it to another port) or by bus and device. */
  usbBy?: "id" | "address";
  /** PCI only: show the device's option ROM to the guest (default true). */
  rom?: boolean;
  /**
   * PCI only: the other devices of its IOMMU group too (a GPU's audio function, say), in one
   * step; bridges in the group stay with the host, as they need not be assigned.
   */
  wholeGroup?: boolean;
}

/** What an attach did: live or next boot, and the group's other devices that go along. */
export interface HostDeviceAttachResult {
  live: boolean;
  nextBoot: boolean;
  /** The other devices of its IOMMU group: they must be free of host drivers too. */
  groupPeers: string[];
  /** The devices given to the VM by this request, by name (more than one for a whole group). */
  attached: string[];
  /**
   * A multifunction device's functions went into one guest slot together (a whole group given
   * to a stopped VM); false when each got a slot of its own.
   */
  multifunction: boolean;
}

/** PCI bridges (class 06xx): part of a group, but never assigned to a VM. */
const isBridge = (d: HostDevice) => d.classCode?.startsWith("06") ?? false;

/** The other devices of a PCI device's IOMMU group that a VM can be given. */
export function assignablePeers(device: HostDevice, devices: HostDevice[]): HostDevice[] {
  return device.groupPeers
    .map((address) => devices.find((d) => d.kind === "pci" && d.address === address))
    .filter((d): d is HostDevice => d !== undefined && !isBridge(d));
}
