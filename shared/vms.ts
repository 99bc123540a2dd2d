// VMs as the API sends and takes them: summaries and details, stats, the create config and
// its checks, edits, device changes and batches (after the seed contract's VM and VmStats).

import type { ErrorCode } from "./errors.ts";
import type { NetworkSummary } from "./networks.ts";
import type { PoolSummary, VolumeSummary } from "./storage.ts";
import type { VmStateReason } from "./vm_state_reason.ts";
import type { DriverIso, OsNeed, WindowsOptions } from "./windows.ts";
import {
  DISK_BUSES,
  type DiskBus,
  type NicVlan,
  OS_TYPES,
  type OsType,
  type VmState,
} from "./vm_kinds.ts";

export type { DriverIso, OsNeed, WindowsOptions };
export { DISK_BUSES, OS_TYPES };
export type { DiskBus, NicVlan, OsType, VmState };

/** One row of `GET /api/vms`: everything one bulk libvirt call can tell. */
export interface VmSummary {
  id: string;
  name: string;
  state: VmState;
  /**
   * Why the VM is in its state, when that tells something (QEMU paused it on an I/O error, it
   * crashed, failed to start …): libvirt's state reason, shared/vm_state_reason.ts. Absent for a
   * user's pause, a normal shutdown, and from servers that do not tell it.
   */
  stateReason?: VmStateReason;
  cpuCount: number;
  memoryMb: number;
  /** libvirt starts the VM when the host boots; absent where not read (events, other hosts' old builds). */
  autostart?: boolean;
  /**
   * Protected from deletion (PUT /api/vms/:id/protection); in the list only `true`, once the VM's
   * definition was read in the background (os_cache.ts), absent otherwise.
   */
  protected?: boolean;
  /** Guest addresses last seen (agent or DHCP lease), IPv4 first; absent when unknown. */
  ipAddresses?: string[];
  /** Effective policy tags (profile and local); absent when none. */
  tags?: string[];
  /** Set while the VM's QEMU does not answer libvirt (its figures may be missing). */
  unresponsive?: true;
  /** CPU use, % of the VM's vCPUs, at the collector's last tick; absent when not sampled. */
  cpuPercent?: number;
  /** Guest memory in use, % of its allocation, as last sampled; absent when not known. */
  memoryPercent?: number;
  /**
   * Set when the guest sends no balloon statistics (no virtio-balloon driver in it): then
   * `memoryPercent` is the memory the host sees the VM hold (assigned), not what the guest uses.
   */
  memoryNoGuestStats?: true;
  /** Disk reads and writes, network receive and send, bytes per second at the collector's last
   * tick (all disks, all NICs); each absent when not sampled. */
  diskReadBps?: number;
  diskWriteBps?: number;
  netRxBps?: number;
  netTxBps?: number;
  /**
   * The osinfo short id from the VM's metadata ("debian12"), read in the background; absent
   * until read, or when the VM names none.
   */
  os?: string;
  /**
   * Seconds the VM has been up (running or paused) when this answer was made; absent when it is
   * not up or its start is not known (a remote host's VM already running when we connected).
   */
  uptimeSeconds?: number;
  /**
   * Set when a running VM's definition differs from what runs (changes wait for the next boot),
   * as far as the server has compared them yet (lib/vms/pending_cache.ts); absent otherwise.
   */
  changesPending?: true;
}

export interface Disk {
  /** Guest device name, e.g. "vda". */
  target: string;
  /** "disk", "cdrom" or "floppy". */
  device: string;
  bus: string | null;
  /** Source file or block device; null for an empty CD-ROM or a network disk. */
  path: string | null;
  /** Image format from the driver element, e.g. "qcow2" or "raw". */
  format: string | null;
  /** Virtual size in bytes, when it could be read. */
  sizeBytes: number | null;
  /** Bytes allocated on the host, when it could be read. */
  allocationBytes: number | null;
}

export interface NetworkInterface {
  mac: string;
  /** Network name, bridge name or interface type when neither applies. */
  network: string;
  /** "network", "bridge", "user", "direct" ... */
  type: string;
  /** The network's port group the NIC is in, where it names one. */
  portgroup?: string;
  model: string | null;
  ipAddress?: string;
  /** VLAN tags (802.1Q): one untagged access VLAN, or a trunk of several. */
  vlan?: NicVlan;
  /** Rate limits in KiB/s (bursts in KiB), each way as the guest sees it. */
  bandwidth?: NicBandwidth;
  /** The link's MTU in bytes. */
  mtu?: number;
}

export interface NicRate {
  averageKBps: number;
  peakKBps?: number;
  burstKiB?: number;
}

export interface NicBandwidth {
  /** Into the guest. */
  inbound?: NicRate;
  /** Out of the guest. */
  outbound?: NicRate;
}

export interface Graphics {
  type: string;
  /** Live port; null when the VM is off or the port is automatic and not yet assigned. */
  port: number | null;
  listen: string | null;
  autoport: boolean;
  /** The UNIX socket it listens on instead of a TCP port (VNC), else null. */
  socket: string | null;
}

/** How a VM's definition has it boot and what platform it runs on, as its domain XML says. */
export interface VmPlatform {
  machine: string | null;
  arch: string | null;
  emulator: string | null;
  /** Boot devices of `<os><boot dev>`, in order ("hd", "cdrom", "network", "fd"). */
  bootOrder: string[];
  bootMenu: boolean;
  firmware: "bios" | "uefi";
  secureBoot: boolean;
  tpm: boolean;
  /** A clipboard channel to the guest's spice-vdagent (qemu-vdagent or spicevmc). */
  clipboard: boolean;
}

/** `GET /api/vms/:id`. */
export interface Vm extends VmSummary, VmPlatform {
  osType?: string;
  osVariant?: string;
  diskSizeGb: number;
  networkInterfaces: NetworkInterface[];
  vncPort?: number;
  createdAt?: number;
  description?: string;
  title?: string;
  autostart: boolean;
  /** Delete is refused (409 VM_PROTECTED) while set; kept in the definition's metadata. */
  protected: boolean;
  persistent: boolean;
  maxMemoryMb: number;
  disks: Disk[];
  graphics: Graphics[];
  /** A running VM's console as its definition has it from the next boot (changes wait there). */
  nextBoot?: { display: DisplayType; clipboard: boolean };
  /**
   * What differs between what runs and the definition the next boot uses (empty when nothing
   * does, or the VM is not running); absent from servers that do not compare them.
   */
  pending?: PendingChange[];
  /** The disks QEMU reports an I/O error on (virDomainGetDiskErrors), read while it is paused
   * on one; absent otherwise. */
  diskErrors?: DiskError[];
}

/** A disk's I/O error as QEMU reported it, and where the disk lives. */
export interface DiskError {
  /** Guest device name, e.g. "vda". */
  target: string;
  /** "no-space": its storage is full; "other": any other error. */
  error: "no-space" | "other";
  /** Its source file, when the disk has one. */
  path?: string;
  /** The storage pool holding it, when one does. */
  pool?: string;
}

/** The settings `Vm.pending` compares (lib/vms/pending.ts). */
export const PENDING_FIELDS = [
  "cpuCount",
  "maxCpuCount",
  "memoryMb",
  "currentMemoryMb",
  "machine",
  "firmware",
  "secureBoot",
  "tpm",
  "bootOrder",
  "bootMenu",
  "display",
  "clipboard",
  "disk",
  "nic",
  "hostdev",
  "filesystem",
] as const;

export type PendingField = typeof PENDING_FIELDS[number];

/**
 * One setting of a running VM whose definition differs from what runs: `live` now, `next` from
 * the next boot. Numbers are counts and MiB; a device (disk by target, NIC by MAC, host device by
 * address in `device`) has its source (a disk's path, "" when empty; a NIC's network) or null
 * where it is absent on that side.
 */
export interface PendingChange {
  field: PendingField;
  device?: string;
  live: PendingValue;
  next: PendingValue;
}

export type PendingValue = number | string | boolean | string[] | null;

/** `GET /api/vms/:id/stats`. Counters are cumulative since the VM started; zeros when off. */
export interface VmStats {
  vmId: string;
  cpuUsagePercent: number;
  memoryUsedMb: number;
  memoryAvailableMb: number;
  diskReadBytes: number;
  diskWriteBytes: number;
  networkRxBytes: number;
  networkTxBytes: number;
  /** Unix time in milliseconds. */
  timestamp: number;
}

/** The lifecycle actions of `POST /api/vms/:id/:action`. */
export const VM_ACTIONS = [
  "start",
  "stop",
  "force-stop",
  "pause",
  "resume",
  "reboot",
  "reset",
] as const;

export type VmAction = typeof VM_ACTIONS[number];

/** Cloud-init settings for a NoCloud seed attached as a CD-ROM. */
export interface CloudInitConfig {
  /** meta-data `local-hostname`; defaults to the VM name. */
  hostname?: string;
  /** A user to create, with sudo rights. */
  user?: string;
  /** In clear: the server hashes it (SHA-512 crypt) into `passwordHash`; never kept or sent. */
  password?: string;
  /** A crypt(3) hash (`$6$…`, `$y$…`), never a clear-text password. */
  passwordHash?: string;
  /** OpenSSH public keys for `user` (or the image's default user). */
  sshKeys?: string[];
  /** Raw user-data; when given it is used as is, instead of the generated #cloud-config. */
  userData?: string;
  /** Static addresses for the VM's network interface (a NoCloud network-config); absent: DHCP. */
  network?: CloudInitNetwork;
}

/** A static network setup of the VM's NIC, written as cloud-init network-config version 2. */
export interface CloudInitNetwork {
  /** IPv4 and IPv6 addresses with their prefix: "192.168.1.50/24", "2001:db8::50/64". */
  addresses: string[];
  /** The default route's IPv4 gateway; needs an IPv4 address above. */
  gateway4?: string;
  /** The default route's IPv6 gateway; needs an IPv6 address above. */
  gateway6?: string;
  /** DNS servers (IPv4 or IPv6). */
  dns?: string[];
  /** DNS search domains. */
  search?: string[];
}

/** Boot a kernel and initrd directly instead of from disk or CD (virt-manager's "direct kernel boot"). */
export interface DirectKernelBoot {
  kernelPath: string;
  initrdPath?: string;
  cmdline?: string;
}

export const DISK_FORMATS = ["qcow2", "raw"] as const;

export type DiskFormat = typeof DISK_FORMATS[number];

/**
 * `POST /api/vms`: the seed contract's VmConfig plus our extensions (all optional).
 * `diskSizeGb` is ignored when `importDiskPath` is given.
 */
export interface VmConfig {
  name: string;
  cpuCount: number;
  memoryMb: number;
  diskSizeGb: number;
  osType: OsType;
  /** An osinfo short id such as "debian12" or "win11". */
  osVariant?: string;
  /** An ISO that is a volume of a storage pool. */
  isoPath?: string;
  /** A libvirt network name; "" for no network interface. */
  network: string;
  diskFormat: DiskFormat;
  bootMenu: boolean;
  description?: string;
  /** Pool for the new disk (and the cloud-init seed); default "default". */
  storagePool?: string;
  /** Use this existing volume (format given by `diskFormat`, never probed) instead of a new disk. */
  importDiskPath?: string;
  /**
   * Existing volumes attached after the VM's disk, in order, on its bus and in `diskFormat` (an
   * imported OVA's other disks); each is checked as `importDiskPath` is. At most 8.
   */
  extraDiskPaths?: string[];
  /**
   * A linked clone: the new disk is a qcow2 overlay of this base image (a volume of the same
   * pool, without a backing file of its own), made at once whatever its size; the base is only
   * read and cannot be deleted while clones use it. The disk is `diskSizeGb`, or the base's size
   * when that is larger. Not with `importDiskPath`.
   */
  baseImagePath?: string;
  diskBus?: DiskBus;
  firmware?: "bios" | "uefi";
  secureBoot?: boolean;
  tpm?: boolean;
  /** A thin new disk larger than the pool's free space (a warning says the risk); not kept. */
  allowOvercommit?: boolean;
  cloudInit?: CloudInitConfig;
  directKernel?: DirectKernelBoot;
  /** "kvm" (hardware) or "qemu" (software emulation, TCG); default: kvm when the host has it. */
  virtType?: "kvm" | "qemu";
  autostart?: boolean;
  /**
   * Anti-spoofing on the VM's NIC from the start: the VM's own firewall filter (Firewall tab) with
   * libvirt's clean-traffic, everything else let through. Needs a network.
   */
  antiSpoofing?: boolean;
  /** Start the VM once it is defined. */
  start?: boolean;
  /** The console: VNC (default) or SPICE, either on the host's loopback behind our proxy. */
  display?: DisplayType;
  /**
   * Clipboard sharing with the guest: QEMU's vdagent channel (VNC) or SPICE's agent channel; the
   * guest needs spice-vdagent.
   */
  clipboard?: boolean;
  /** Windows guests only: the virtio driver CD (shared/windows.ts). */
  windows?: WindowsOptions;
}

export const DISPLAY_TYPES = ["vnc", "spice"] as const;
export type DisplayType = typeof DISPLAY_TYPES[number];

/** One problem with one field of a VmConfig, in the contract's words. */
export interface FieldIssue {
  field: string;
  message: string;
  /**
   * The refusal's code when it is not INVALID_CONFIG (NAME_EXISTS, DISK_SOURCE_REFUSED): set
   * where the issue is made, so the answer's code never depends on the words. Not sent.
   */
  code?: ErrorCode;
}

/** `POST /api/vms/validate`: errors block creation, warnings do not. */
export interface ValidationResult {
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

/** One OS variant from the osinfo database, with its recommended resources. */
export interface OsVariant {
  /** osinfo short id, e.g. "debian12". */
  id: string;
  /** The libosinfo URI, e.g. "http://debian.org/debian/12". */
  osinfoId: string;
  name: string;
  /** Every osinfo short id, aliases included ("debian12", "debianbookworm"). */
  shortIds?: string[];
  /** osinfo's version ("12", "22.04"), when it names one. */
  version?: string | null;
  osType: OsType;
  family: string | null;
  minimumMemoryMb: number | null;
  recommendedMemoryMb: number | null;
  minimumCpus: number | null;
  recommendedCpus: number | null;
  minimumDiskGb: number | null;
  recommendedDiskGb: number | null;
  /** The variant's release date (YYYY-MM-DD), for sorting newest first. */
  releaseDate: string | null;
  /** False once osinfo lists an end-of-life date in the past. */
  supported: boolean;
  /** What the OS cannot install without (shared/windows.ts osNeeds); absent: nothing. */
  requires?: OsNeed[];
}

/** `GET /api/vms/create-options`: what the wizard needs to offer choices and validate. */
export interface CreateOptions {
  hostCpus: number;
  hostMemoryMb: number;
  /** 90% of host memory: the most one VM may ask for. */
  maxMemoryMb: number;
  pools: PoolSummary[];
  networks: NetworkSummary[];
  /** ISO volumes of active pools. */
  isos: VolumeSummary[];
  /** The ISOs among them labelled as virtio-win driver CDs (lib/vms/driver_iso.ts). */
  driverIsos: DriverIso[];
  osVariants: OsVariant[];
  /** What the host's firmware and emulator offer. */
  uefiAvailable: boolean;
  secureBootAvailable: boolean;
  tpmAvailable: boolean;
  kvmAvailable: boolean;
  /** New VMs get Hyper-V enlightenments when Windows (KVM, or the test driver's demo). */
  hypervAvailable: boolean;
  /** Why new VMs get software emulation on a host whose libvirt offers KVM; null otherwise. */
  kvmReason: string | null;
  /** False on drivers that cannot upload a seed volume (the demo's test driver). */
  cloudInitAvailable: boolean;
  existingNames: string[];
}

/** Boot devices in the order a VM tries them. */
export const BOOT_DEVICES = ["hd", "cdrom", "network"] as const;

export type BootDevice = typeof BOOT_DEVICES[number];

/** `PATCH /api/vms/:id`: every field optional. */
export interface VmEdit {
  name?: string;
  cpuCount?: number;
  memoryMb?: number;
  description?: string;
  autostart?: boolean;
  bootOrder?: BootDevice[];
  bootMenu?: boolean;
  /** The console type from the next boot. */
  display?: DisplayType;
  /** The clipboard channel from the next boot. */
  clipboard?: boolean;
}

/** What one change did: applied to the running VM now, and/or from its next boot. */
export interface AppliedChange {
  field: string;
  live: boolean;
  nextBoot: boolean;
}

/** `POST /api/vms/:id/disks`: an existing volume, or a new one in a pool. */
export interface DiskAttach {
  bus: DiskBus;
  volumePath?: string;
  format?: DiskFormat;
  newVolume?: { pool: string; name: string; sizeGb: number; format: DiskFormat };
}

/** How a device change landed. */
export interface DeviceResult {
  target?: string;
  live: boolean;
  nextBoot: boolean;
}

/** The operations the VM list offers on a selection. */
export const BATCH_ACTIONS = ["start", "stop", "force-stop", "reboot", "snapshot"] as const;

export type BatchAction = typeof BATCH_ACTIONS[number];

/** One VM's outcome in a batch: success, or the error in the API's words. */
export type BatchItem =
  | { id: string; name: string; ok: true }
  | { id: string; name: string; ok: false; error: { code: string; message: string } };

export interface BatchResult {
  action: BatchAction;
  results: BatchItem[];
  succeeded: number;
  failed: number;
}
