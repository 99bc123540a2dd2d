// This host as the API reports it: HostInfo and the libvirt connection status (seed contract).

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
