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
  /** The guest's config lets the host replace the agent (agent 1.3.0 and later). */
  allowSelfUpdate: boolean;
}

export interface GuestAgentState {
  status: AgentStatus;
  qemu: { configured: boolean; connected: boolean };
  kvmm: {
    configured: boolean;
    connected: boolean;
    version: string | null;
    policy: AgentPolicy | null;
    /** This server's agent version, which an update brings (POST …/guest/agent/update). */
    latestVersion: string;
    /** The guest runs an older agent than this server's. */
    updateAvailable: boolean;
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
  /**
   * What the guest said beyond KVM Manager's bounds (interfaces, addresses, filesystems), each
   * in words with the count it claimed and the count kept; empty when nothing was cut.
   */
  cut: string[];
}

/** A login session the guest reports. */
export interface GuestUserSession {
  name: string;
  /** The terminal ("tty1", "pts/0"); null where the agent does not say (QEMU's). */
  terminal: string | null;
  /** Where from (a remote host or display); null for a local login or where not said. */
  host: string | null;
  /** A Windows guest's domain (QEMU's agent); null elsewhere. */
  domain: string | null;
  /** When it began, ISO 8601 by the guest's clock. */
  loginTime: string;
}

/** One of the guest's busiest processes (our agent). */
export interface GuestProcessRow {
  pid: number;
  name: string;
  user: string;
  /** % of one CPU over the agent's sample. */
  cpuPercent: number;
  memoryBytes: number;
  command: string;
}

/** `GET /api/vms/:id/guest/activity`: who is logged in and what runs. */
export interface GuestActivity {
  /** Which agent told who is logged in; null when neither could. */
  usersSource: "kvmm-agent" | "qemu-agent" | null;
  users: GuestUserSession[];
  /** Our agent's busiest processes; null when it does not answer (QEMU's agent lists none). */
  processes: GuestProcessRow[] | null;
  /** How many processes the guest has; null with `processes`. */
  processCount: number | null;
  sort: "cpu" | "memory";
  /** Why users or processes are missing, in words; null when both are there. */
  reason: string | null;
}

/** `GET` and `POST /api/vms/:id/guest/time`: the guest's clock beside the host's. */
/** `POST /api/vms/:id/guest/agent/update`: the agent's version before and after. */
export interface AgentUpdate {
  from: string;
  to: string;
}

export interface GuestClock {
  guestTime: string;
  hostTime: string;
  /** Guest minus host, in ms: positive when the guest is ahead. */
  offsetMs: number;
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

/** A systemd service in the guest (GET /api/vms/:id/guest/services). */
export interface GuestServiceRow {
  /** "ssh.service". */
  name: string;
  description: string;
  /** systemd's LOAD, ACTIVE and SUB: "loaded", "active", "running". */
  loadState: string;
  activeState: string;
  subState: string;
  /** The unit file's state: "enabled", "disabled", "static", "masked" …; null without one. */
  fileState: string | null;
  /** Whether the agent's config and the VM's policy let it be started, stopped and restarted. */
  allowed: boolean;
}

export interface GuestServices {
  services: GuestServiceRow[];
  /** More services than the agent reports (2000) exist. */
  truncated: boolean;
  /** The VM's policy's allowed services (patterns); empty: none may be acted on. */
  allowedPatterns: string[];
}

export type ServiceAction = "start" | "stop" | "restart";

/** POST /api/vms/:id/guest/services/:name/{start,stop,restart}. */
export interface ServiceActionResult {
  action: ServiceAction;
  service: GuestServiceRow;
}

/** A pending package update in the guest. */
export interface PendingUpdateRow {
  name: string;
  /** null when the package manager does not say. */
  currentVersion: string | null;
  newVersion: string;
}

/** GET /api/vms/:id/guest/updates: read-only, as of the package manager's last refresh. */
export interface GuestUpdates {
  manager: "apt" | "dnf" | "pacman";
  updates: PendingUpdateRow[];
  /** All pending updates; `updates` may hold fewer (at most 5000). */
  count: number;
}

/**
 * `GET /api/vms/:id/guest/heartbeat`, and the `agent-heartbeat` event: the host's last ping of
 * a running VM's agent (ours when its channel is there and open, else QEMU's), once a round.
 */
export interface AgentHeartbeat {
  vmId: string;
  /** The agent pinged; null when the VM has no agent channel (nothing is pinged). */
  agent: "kvmm" | "qemu" | null;
  /** Our agent's version (from get_agent_info); null for QEMU's or before it first answered. */
  version: string | null;
  responding: boolean;
  /**
   * The guest side of the pinged agent's channel is open (an agent runs there, answering or
   * not); false when it is closed (no agent installed or started) or there is no channel.
   * Absent from servers before it was added.
   */
  channelOpen?: boolean;
  /** When the agent last answered (ISO); null when it never did since the VM started. */
  lastSeenAt: string | null;
  /** When it stopped answering (ISO) while it does not; else null. */
  notRespondingSince: string | null;
  /** The last ping (ISO); null before the first round reached the VM. */
  checkedAt: string | null;
  /** Seconds between pings. */
  intervalSeconds: number;
}
