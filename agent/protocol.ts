// The wire protocol between KVM Manager and its guest agent (agent/PROTOCOL.md): JSON-RPC 2.0,
// one UTF-8 JSON object per line, over the virtio-serial port `org.kvmmanager.agent.0`.
// Imported by both sides, so the host and the guest cannot disagree on a name or a shape.

export const PORT_NAME = "org.kvmmanager.agent.0";
export const PROTOCOL_VERSION = 1;
/** A longer line is answered with a parse error and skipped up to its newline. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export const METHODS = [
  "ping",
  "get_agent_info",
  "get_system_info",
  "get_network_info",
  "get_disk_usage",
  "exec_command",
  "file_read",
  "file_write",
  "shutdown",
  "reboot",
  "get_users",
  "get_processes",
  "make_directory",
  "remove_directory",
  "list_services",
  "service_action",
  "list_updates",
  "update_agent",
  "get_usage",
] as const;
export type Method = typeof METHODS[number];

/** JSON-RPC 2.0's own codes, then ours in the server-error range (-32000 … -32099). */
export const RpcErrorCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  PATH_NOT_ALLOWED: -32001,
  FILE_NOT_FOUND: -32002,
  FILE_TOO_LARGE: -32003,
  IO_ERROR: -32004,
  COMMAND_NOT_ALLOWED: -32010,
  COMMAND_NOT_FOUND: -32011,
  COMMAND_TIMEOUT: -32012,
  OUTPUT_LIMIT: -32013,
  BUSY: -32014,
  SERVICE_NOT_ALLOWED: -32020,
  SERVICE_FAILED: -32021,
  NO_SERVICE_MANAGER: -32022,
  NO_PACKAGE_MANAGER: -32023,
  SELF_UPDATE_NOT_ALLOWED: -32030,
  UPDATE_FAILED: -32031,
} as const;
export type RpcErrorName = keyof typeof RpcErrorCode;

export interface RpcRequest {
  jsonrpc: "2.0";
  id: number | string;
  method: string;
  params?: Record<string, unknown>;
}

export interface RpcError {
  code: number;
  message: string;
  /** `name` is the RpcErrorCode key; COMMAND_TIMEOUT and OUTPUT_LIMIT add the output so far. */
  data?: { name: RpcErrorName; stdout?: string; stderr?: string; limit_bytes?: number };
}

export type RpcResponse =
  | { jsonrpc: "2.0"; id: number | string | null; result: unknown }
  | { jsonrpc: "2.0"; id: number | string | null; error: RpcError };

export interface PingResult {
  pong: true;
}

export interface AgentInfo {
  agent_version: string;
  protocol_version: number;
  deno_version: string;
  methods: Method[];
  /** The limits the agent's config imposes, so the host can say them before a call fails. */
  policy: {
    allowed_dirs: string[];
    allowed_commands: string[];
    denied_commands: string[];
    /** Agent 1.3.0 and later. */
    allowed_services?: string[];
    /** Agent 1.3.0 and later: whether update_agent may replace this agent. */
    allow_self_update?: boolean;
    command_timeout_ms: number;
    max_command_timeout_ms: number;
    max_output_bytes: number;
    max_file_bytes: number;
  };
}

export interface SystemInfo {
  os_type: string;
  /** From /etc/os-release; null when the guest has none. */
  os_id: string | null;
  os_name: string | null;
  os_version: string | null;
  os_pretty_name: string | null;
  kernel_release: string;
  hostname: string;
  arch: string;
  uptime_seconds: number;
  cpu_count: number;
  memory_total_bytes: number;
  memory_available_bytes: number;
  load_average: [number, number, number];
}

/** get_usage: each CPU's busy share since the previous call, and memory as `free` splits it. */
export interface UsageResult {
  /** The span the CPU shares cover (since the previous call, or a short first window). */
  interval_ms: number;
  /** By /proc/stat's cpuN id; busy_percent to one decimal. */
  cpus: { id: number; busy_percent: number }[];
  memory: {
    total_bytes: number;
    free_bytes: number;
    available_bytes: number;
    /** total − free − buffers − cached, as procps-ng's free counts it. */
    used_bytes: number;
    buffers_bytes: number;
    /** Cached + SReclaimable. */
    cached_bytes: number;
    swap_total_bytes: number;
    swap_used_bytes: number;
  };
}

export interface AddressInfo {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

export interface NetworkInfo {
  interfaces: {
    name: string;
    /** null for interfaces without a hardware address (lo). */
    mac: string | null;
    up: boolean;
    addresses: AddressInfo[];
  }[];
}

export interface DiskUsage {
  filesystems: {
    mount_point: string;
    device: string;
    fs_type: string;
    total_bytes: number;
    used_bytes: number;
    available_bytes: number;
  }[];
}

/**
 * The host's policy for one call (exec_command, file_read, file_write; agent 1.1.0 and later).
 * It only narrows the agent's own config: a list that is absent leaves the config's alone.
 */
export interface HostPolicy {
  /** A path must also lie within one of these (absolute, no "..", not "/"). */
  allowed_dirs?: string[];
  /** A command must also be on this list, exactly as named. */
  allowed_commands?: string[];
  /** Refused as well, by name, by the path it was found at or by the real path behind that. */
  denied_commands?: string[];
  /**
   * Service names or patterns ("*" for any characters) service_action may act on (agent 1.3.0).
   * Unlike the lists above, absent means none when a policy is sent.
   */
  allowed_services?: string[];
}

export interface ExecParams {
  /** A name on the allow-list (looked up on the agent's PATH) or an absolute path on it. */
  command: string;
  args?: string[];
  /** At most the config's max_command_timeout_ms; the config's command_timeout_ms if absent. */
  timeout_ms?: number;
  policy?: HostPolicy;
}

export interface ExecResult {
  exit_code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  duration_ms: number;
}

export interface FileReadParams {
  path: string;
  policy?: HostPolicy;
}

export interface FileReadResult {
  path: string;
  size_bytes: number;
  /** base64 */
  content: string;
}

export interface FileWriteParams {
  path: string;
  /** base64 */
  content: string;
  /** Permission bits for a new file (default 0o644); an existing file keeps its own. */
  mode?: number;
  policy?: HostPolicy;
}

export interface FileWriteResult {
  path: string;
  bytes_written: number;
}

export interface PowerParams {
  /** Milliseconds to wait after answering, so the reply leaves before the guest goes down. */
  delay_ms?: number;
}

export interface PowerResult {
  accepted: true;
}

/** A login session from the guest's utmp (agent 1.2.0 and later). */
export interface GuestUser {
  name: string;
  /** The terminal: "tty1", "ttyS0", "pts/0". */
  terminal: string;
  /** Where from: a remote host or display; "" for a local login. */
  host: string;
  /** When it began, in ms since the epoch by the guest's clock. */
  login_time_ms: number;
}

export interface UsersResult {
  users: GuestUser[];
}

export interface ProcessesParams {
  /** How many to return, 1–100 (default 15). */
  limit?: number;
  /** "cpu" (default) or "memory". */
  sort?: "cpu" | "memory";
  /** How long CPU use is measured over, 100–2000 ms (default 500). */
  sample_ms?: number;
}

export interface GuestProcess {
  pid: number;
  /** The program's name (the kernel's comm, at most 15 characters). */
  name: string;
  /** Its owner's name from /etc/passwd, else the numeric uid. */
  user: string;
  /** CPU time used during the sample, % of one CPU (as top shows it). */
  cpu_percent: number;
  /** Resident memory (VmRSS). */
  memory_bytes: number;
  /** Its command line, at most 256 characters; "[name]" for kernel threads. */
  command: string;
}

export interface ProcessesResult {
  /** The busiest `limit` processes by `sort`. */
  processes: GuestProcess[];
  /** How many processes the guest has. */
  total: number;
  sample_ms: number;
}

export interface DirectoryParams {
  path: string;
  policy?: HostPolicy;
}

export interface DirectoryResult {
  path: string;
}

/** A systemd service as list_services reports it (agent 1.3.0 and later). */
export interface GuestService {
  /** The unit name, "ssh.service". */
  name: string;
  description: string;
  /** systemd's LOAD, ACTIVE and SUB columns: "loaded", "active", "running". */
  load_state: string;
  active_state: string;
  sub_state: string;
  /** The unit file's state ("enabled", "disabled", "static", "masked" …); null when it has none. */
  file_state: string | null;
  /** Whether service_action may act on it: the config's and the host policy's allowed_services. */
  allowed: boolean;
}

export interface ServicesParams {
  policy?: HostPolicy;
}

export interface ServicesResult {
  /** From `systemctl --version`, e.g. 252; null when it printed none. */
  systemd_version: number | null;
  services: GuestService[];
  /** True when more services than the reply carries (MAX_SERVICES) were found. */
  truncated: boolean;
}

export type ServiceActionName = "start" | "stop" | "restart";

export interface ServiceActionParams {
  /** "nginx" or "nginx.service". */
  name: string;
  action: ServiceActionName;
  policy?: HostPolicy;
}

export interface ServiceActionResult {
  action: ServiceActionName;
  /** The service as systemd reports it after the action. */
  service: GuestService;
}

export interface PendingUpdate {
  name: string;
  /** null when the package manager does not say (dnf without rpm). */
  current_version: string | null;
  new_version: string;
}

export interface UpdatesResult {
  manager: "apt" | "dnf" | "pacman";
  updates: PendingUpdate[];
  /** All pending updates, also when `updates` was cut to MAX_UPDATES. */
  count: number;
}

/** update_agent (1.3.0): a newer bundle of the agent, its SHA-256 and the version it claims. */
export interface UpdateAgentParams {
  version: string;
  sha256: string;
  code: string;
}

export interface UpdateAgentResult {
  from: string;
  to: string;
  /** The agent exits right after this answer; its service manager starts the new file. */
  restarting: true;
}

/** What each method takes and gives: the client's call() is typed by it. */
export interface MethodTypes {
  ping: { params: Record<string, never>; result: PingResult };
  get_agent_info: { params: Record<string, never>; result: AgentInfo };
  get_system_info: { params: Record<string, never>; result: SystemInfo };
  get_network_info: { params: Record<string, never>; result: NetworkInfo };
  get_disk_usage: { params: Record<string, never>; result: DiskUsage };
  exec_command: { params: ExecParams; result: ExecResult };
  file_read: { params: FileReadParams; result: FileReadResult };
  file_write: { params: FileWriteParams; result: FileWriteResult };
  get_users: { params: Record<string, never>; result: UsersResult };
  get_processes: { params: ProcessesParams; result: ProcessesResult };
  make_directory: { params: DirectoryParams; result: DirectoryResult };
  remove_directory: { params: DirectoryParams; result: DirectoryResult };
  list_services: { params: ServicesParams; result: ServicesResult };
  service_action: { params: ServiceActionParams; result: ServiceActionResult };
  list_updates: { params: Record<string, never>; result: UpdatesResult };
  update_agent: { params: UpdateAgentParams; result: UpdateAgentResult };
  shutdown: { params: PowerParams; result: PowerResult };
  reboot: { params: PowerParams; result: PowerResult };
  get_usage: { params: Record<string, never>; result: UsageResult };
}
