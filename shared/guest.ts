// The JSON shapes of the guest API (`/api/vms/:id/guest…`), shared by lib/, routes/ and islands/.

/** Which guest agents answer: the QEMU guest agent (through libvirt), ours (agent/), both. */
export type AgentStatus = "none" | "qemu" | "kvmm" | "both";

/** Our agent's limits, from its own config (get_agent_info). */
export interface AgentPolicy {
  allowedDirs: string[];
  allowedCommands: string[];
  deniedCommands: string[];
  commandTimeoutMs: number;
  maxCommandTimeoutMs: number;
  maxOutputBytes: number;
  maxFileBytes: number;
}

export interface GuestAgentState {
  status: AgentStatus;
  qemu: { configured: boolean; connected: boolean };
  kvmm: {
    configured: boolean;
    connected: boolean;
    version: string | null;
    policy: AgentPolicy | null;
  };
  /** Why no agent (or not ours) answers, in words for the UI. */
  reason: string | null;
}

export interface GuestAddress {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

export interface GuestInterface {
  name: string;
  mac: string | null;
  addresses: GuestAddress[];
}

export interface GuestFilesystem {
  mountPoint: string;
  device: string;
  fsType: string;
  totalBytes: number | null;
  usedBytes: number | null;
  availableBytes: number | null;
}

export interface GuestOs {
  id: string | null;
  name: string | null;
  version: string | null;
  prettyName: string | null;
  kernelRelease: string | null;
  machine: string | null;
}

export type AddressSource = "qemu-agent" | "kvmm-agent" | "dhcp-lease";

/** `GET /api/vms/:id/guest`. */
export interface GuestInfo {
  agent: GuestAgentState;
  os: GuestOs | null;
  hostname: string | null;
  interfaces: GuestInterface[];
  /** Non-loopback addresses, IPv4 first. */
  ipAddresses: string[];
  addressSource: AddressSource | null;
  filesystems: GuestFilesystem[] | null;
}

/** `POST /api/vms/:id/guest/exec`. */
export interface ExecRequest {
  command: string;
  args: string[];
  timeoutMs?: number;
}

export interface ExecOutput {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** How a graceful stop or reboot reached the guest. */
export type PowerMethod = "kvmm-agent" | "qemu-agent" | "acpi";
