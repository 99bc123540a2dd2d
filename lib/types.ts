// The JSON shapes of the HTTP API (camelCase, after the seed contract's VM, HostInfo,
// VmStats and ConnectionStatus). Shared by lib/, routes/ and islands/.

export type VmState = "running" | "stopped" | "paused" | "suspended" | "crashed";

/** One row of `GET /api/vms`: everything one bulk libvirt call can tell. */
export interface VmSummary {
  id: string;
  name: string;
  state: VmState;
  cpuCount: number;
  memoryMb: number;
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
  | { type: "vm-deleted"; id: string; name: string }
  | { type: "connection-status-changed"; status: ConnectionStatus };

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
