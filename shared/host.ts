// This host as the API reports it: HostInfo and the libvirt connection status (seed contract).

/** `GET /api/host`. */
export interface HostInfo {
  hostname: string;
  cpuModel: string;
  cpuCount: number;
  cpuThreads: number;
  /** The kernel's MemTotal (libvirt's total on another machine). */
  memoryTotalMb: number;
  /** Memory nobody uses, not even the page cache (MemFree, as libvirt reports it). */
  memoryFreeMb: number;
  /**
   * What new work can have without swapping: MemAvailable on this machine, free + buffers +
   * page cache on another (libvirt reports no MemAvailable). Used = total − available.
   */
  memoryAvailableMb: number;
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
