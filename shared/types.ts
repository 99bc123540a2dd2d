// The JSON shapes of the HTTP API (camelCase, after the seed contract's VM, HostInfo,
// VmStats and ConnectionStatus). Shared by lib/, routes/ and islands/.

import type { AlertEvent } from "./metrics.ts";
import type { MigrationProgressEvent } from "./migration.ts";

export type VmState = "running" | "stopped" | "paused" | "suspended" | "crashed";

/** One row of `GET /api/vms`: everything one bulk libvirt call can tell. */
export interface VmSummary {
  id: string;
  name: string;
  state: VmState;
  cpuCount: number;
  memoryMb: number;
  /** Guest addresses last seen (agent or DHCP lease), IPv4 first; absent when unknown. */
  ipAddresses?: string[];
  /** Effective policy tags (profile and local); absent when none. */
  tags?: string[];
  /** Set while the VM's QEMU does not answer libvirt (its figures may be missing). */
  unresponsive?: true;
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
  model: string | null;
  ipAddress?: string;
}

export interface Graphics {
  type: string;
  /** Live port; null when the VM is off or the port is automatic and not yet assigned. */
  port: number | null;
  listen: string | null;
  autoport: boolean;
}

/** `GET /api/vms/:id`. */
export interface Vm extends VmSummary {
  osType?: string;
  osVariant?: string;
  diskSizeGb: number;
  networkInterfaces: NetworkInterface[];
  vncPort?: number;
  createdAt?: number;
  description?: string;
  title?: string;
  autostart: boolean;
  persistent: boolean;
  maxMemoryMb: number;
  machine: string | null;
  arch: string | null;
  emulator: string | null;
  disks: Disk[];
  graphics: Graphics[];
  bootOrder: string[];
  bootMenu: boolean;
  firmware: "bios" | "uefi";
  secureBoot: boolean;
  tpm: boolean;
}

/** `GET /api/host`. */
export interface HostInfo {
  hostname: string;
  cpuModel: string;
  cpuCount: number;
  cpuThreads: number;
  memoryTotalMb: number;
  memoryFreeMb: number;
  libvirtVersion: string;
  qemuVersion: string;
  hypervisor: string;
  activeVms: number;
  totalVms: number;
}

/** `GET /api/connection`. `demo` is true on the built-in test:///default connection. */
export interface ConnectionStatus {
  connected: boolean;
  uri: string;
  error: string | null;
  demo: boolean;
}

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

/** Server-sent events on `GET /api/events` (the SSE `event:` name is the `type`). */
export type AppEvent =
  | { type: "vm-state-changed"; id: string; name: string; state: VmState }
  | { type: "vm-created"; id: string; name: string }
  | { type: "vm-create-progress"; name: string; step: string; index: number; total: number }
  | { type: "vm-deleted"; id: string; name: string }
  | { type: "connection-status-changed"; status: ConnectionStatus }
  /** A pool or its volumes changed (through us or libvirt); pages re-read what they show. */
  | { type: "storage-changed"; pool: string }
  /** A network, its DHCP settings or its port forwards changed. */
  | { type: "network-changed"; network: string }
  /** An alert rule fired, or a firing alert resolved (the event's resolvedAt is then set). */
  | { type: "alert-fired"; alert: AlertEvent }
  | { type: "alert-resolved"; alert: AlertEvent }
  /** A VM's snapshots changed (created, reverted to, deleted); its page re-reads the tree. */
  | { type: "snapshots-changed"; vmId: string }
  /** A VM's guest facts (addresses, agent) changed; `id` is its UUID. */
  | { type: "guest-changed"; id: string }
  /** A backup started, progressed, finished, failed or was deleted. */
  | {
    type: "backup-changed";
    backupId: string;
    vmId: string;
    status: string;
    processedBytes: number;
    totalBytes: number;
  }
  /** A scheduled job ran (or was skipped); `status` is the run's. */
  | { type: "schedule-run"; scheduleId: string; runId: number; status: string }
  /** A migration away from this host started, progressed or ended. */
  | MigrationProgressEvent
  /** These VMs' effective policy changed (profile edited, assigned, overridden). */
  | { type: "policy-changed"; vmIds: string[] }
  /** A profile was created, changed, imported or deleted. */
  | { type: "profiles-changed" };

/** Every error response body. */
export interface ApiError {
  code: string;
  message: string;
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
  /** A crypt(3) hash (`$6$…`, `$y$…`), never a clear-text password. */
  passwordHash?: string;
  /** OpenSSH public keys for `user` (or the image's default user). */
  sshKeys?: string[];
  /** Raw user-data; when given it is used as is, instead of the generated #cloud-config. */
  userData?: string;
}

/** Boot a kernel and initrd directly instead of from disk or CD (virt-manager's "direct kernel boot"). */
export interface DirectKernelBoot {
  kernelPath: string;
  initrdPath?: string;
  cmdline?: string;
}

export const DISK_FORMATS = ["qcow2", "raw"] as const;
export type DiskFormat = typeof DISK_FORMATS[number];
export const DISK_BUSES = ["virtio", "scsi", "sata"] as const;
export type DiskBus = typeof DISK_BUSES[number];
export const OS_TYPES = ["linux", "windows", "other"] as const;
export type OsType = typeof OS_TYPES[number];

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
  diskBus?: DiskBus;
  firmware?: "bios" | "uefi";
  secureBoot?: boolean;
  tpm?: boolean;
  cloudInit?: CloudInitConfig;
  directKernel?: DirectKernelBoot;
  /** "kvm" (hardware) or "qemu" (software emulation, TCG); default: kvm when the host has it. */
  virtType?: "kvm" | "qemu";
  autostart?: boolean;
  /** Start the VM once it is defined. */
  start?: boolean;
}

/** One problem with one field of a VmConfig, in the contract's words. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** `POST /api/vms/validate`: errors block creation, warnings do not. */
export interface ValidationResult {
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

/** A storage pool as the create wizard and disk forms see it. */
export interface PoolSummary {
  name: string;
  active: boolean;
  capacityBytes: number;
  allocationBytes: number;
  availableBytes: number;
  path: string | null;
}

/** A storage volume. */
export interface VolumeSummary {
  pool: string;
  name: string;
  path: string;
  capacityBytes: number;
  allocationBytes: number;
  format: string | null;
}

/** A libvirt network. */
export interface NetworkSummary {
  name: string;
  active: boolean;
}

/** The pool kinds KVM Manager creates; each needs only libvirt itself (no extra daemon). */
export const POOL_TYPES = ["dir", "fs", "netfs", "logical", "iscsi"] as const;
export type PoolType = typeof POOL_TYPES[number];

/** `GET /api/pools` and `/api/pools/:name`: a pool with everything the storage page shows. */
export interface PoolInfo extends PoolSummary {
  uuid: string;
  /** libvirt's pool type; may be one we do not create, e.g. "rbd". */
  type: string;
  autostart: boolean;
  persistent: boolean;
  /** Where the storage comes from: NFS host and export, device paths, volume group, IQN. */
  source: { host: string | null; dir: string | null; devices: string[]; name: string | null };
  /** Number of volumes; null while the pool is inactive. */
  volumeCount: number | null;
}

/** `POST /api/pools`. `path` is the target folder (dir, fs, netfs) inside an allowed root. */
export interface PoolCreateRequest {
  name: string;
  type: PoolType;
  path?: string;
  /** netfs and iscsi: the server's host name or address. */
  sourceHost?: string;
  /** netfs: the exported folder, e.g. "/export/vms". */
  sourcePath?: string;
  /** fs: the block device; logical: the physical volumes; iscsi: the target IQN. */
  sourceDevices?: string[];
  /** logical: the volume group name. */
  sourceName?: string;
  /** Build the pool first (mkdir, mkfs, vgcreate); default true for dir, false otherwise. */
  build?: boolean;
  /** Default true. */
  start?: boolean;
  /** Default false. */
  autostart?: boolean;
}

/** `GET /api/pools/:name/volumes`. */
export interface VolumeInfo extends VolumeSummary {
  /** The backing file of a qcow2 overlay, or null. */
  backingPath: string | null;
}

export const VOLUME_FORMATS = ["qcow2", "raw"] as const;
export type VolumeFormat = typeof VOLUME_FORMATS[number];

/** The network kinds KVM Manager creates. */
export const NETWORK_MODES = ["nat", "route", "isolated", "bridge"] as const;
export type NetworkMode = typeof NETWORK_MODES[number];

/** A fixed DHCP address for one MAC (`<host>` in libvirt's network XML). */
export interface DhcpHost {
  mac: string;
  ip: string;
  name: string | null;
}

/** `GET /api/networks` and `/api/networks/:name`. */
export interface NetworkInfo extends NetworkSummary {
  uuid: string;
  /** nat, route, isolated, bridge, or libvirt's other forward modes (open, passthrough …). */
  mode: string;
  autostart: boolean;
  persistent: boolean;
  /** The Linux bridge the network uses, if any. */
  bridge: string | null;
  /** The IPv4 side, or null for bridge networks and networks without an address. */
  ipv4: {
    /** The host's (gateway) address on the network. */
    address: string;
    prefix: number;
    /** The subnet in CIDR form, e.g. "192.168.100.0/24". */
    subnet: string;
    /** The first DHCP range, or null when the network has none. */
    dhcp: { start: string; end: string } | null;
    /** Every DHCP range (libvirt allows several). */
    ranges: { start: string; end: string }[];
    hosts: DhcpHost[];
  } | null;
  portForwardCount: number;
}

/** `POST /api/networks`. */
export interface NetworkCreateRequest {
  name: string;
  mode: NetworkMode;
  /** nat, route, isolated: the subnet in CIDR form; the host takes the first address. */
  subnet?: string;
  /** A DHCP range inside the subnet; omitted or null for none. */
  dhcp?: { start: string; end: string } | null;
  /** bridge: an existing host bridge, e.g. "br0". */
  bridge?: string;
  /** Default true. */
  start?: boolean;
  /** Default false. */
  autostart?: boolean;
}

/** One DHCP lease from `GET /api/networks/:name/leases`. */
export interface DhcpLease {
  mac: string;
  ip: string;
  prefix: number;
  hostname: string | null;
  clientId: string | null;
  /** When the lease runs out, as an ISO date, or null when it does not. */
  expiresAt: string | null;
}

/** A port forward of a NAT network: traffic to the host's `hostPort` goes to `guestIp:guestPort`. */
export interface PortForward {
  id: number;
  network: string;
  protocol: "tcp" | "udp";
  hostPort: number;
  guestIp: string;
  guestPort: number;
  description: string;
  /** True when the rule is in the firewall now (the network is NAT and the host allows it). */
  applied: boolean;
}

/** One OS variant from the osinfo database, with its recommended resources. */
export interface OsVariant {
  /** osinfo short id, e.g. "debian12". */
  id: string;
  /** The libosinfo URI, e.g. "http://debian.org/debian/12". */
  osinfoId: string;
  name: string;
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
  osVariants: OsVariant[];
  /** What the host's firmware and emulator offer. */
  uefiAvailable: boolean;
  secureBootAvailable: boolean;
  tpmAvailable: boolean;
  kvmAvailable: boolean;
  /** False on drivers that cannot upload a seed volume (the demo's test driver). */
  cloudInitAvailable: boolean;
  existingNames: string[];
}

/** A saved VmConfig to create VMs from (SQLite). */
export interface VmTemplate {
  id: string;
  name: string;
  description: string;
  /** Everything but the VM's own name. */
  config: Omit<VmConfig, "name">;
  createdAt: number;
  updatedAt: number;
}

// Changing an existing VM (lib/vms/edit.ts, lib/vms/devices.ts) and batches of VMs.

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
