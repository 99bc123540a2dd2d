// The services the HTTP layer uses, bundled once at start-up (see main.ts).

import type { AuditLog } from "./audit/log.ts";
import type { AuthService } from "./auth/service.ts";
import type { BackupService } from "./backups/service.ts";
import type { Config } from "./config.ts";
import type { DeleteResult } from "./vms/domains.ts";
import type { EventHub } from "./events.ts";
import type { Monitoring } from "./metrics/monitoring.ts";
import type { NetworkService } from "./networks/service.ts";
import type { PoolService } from "./storage/pools.ts";
import type { PortForwardService } from "./firewall/port_forwards.ts";
import type { Scheduler } from "./scheduler/scheduler.ts";
import type { SnapshotService } from "./snapshots/service.ts";
import type { GuestService } from "./guest/service.ts";
import type { AddressRefresher } from "./guest/addresses.ts";
import type { PowerMethod } from "../shared/guest.ts";
import type { TemplateService } from "./templates/service.ts";
import type { VolumeService } from "./storage/volumes.ts";
import type { HostRegistry } from "./hosts/registry.ts";
import type { MigrationService } from "./migration/service.ts";
import type { ProfileService } from "./profiles/service.ts";
import type { AppliedChange, DeviceResult } from "../shared/vms.ts";
import type { ConnectionStatus, HostInfo } from "../shared/host.ts";
import type {
  CreateOptions,
  FieldIssue,
  ValidationResult,
  Vm,
  VmAction,
  VmConfig,
  VmStats,
  VmSummary,
} from "../shared/vms.ts";

/** What routes/ and pages call; each method throws AppError with the API's words. */
export interface VmService {
  listVms(): Promise<VmSummary[]>;
  getVm(id: string): Promise<Vm>;
  /** Stop and reboot go through a guest agent when one answers; `method` says which way. */
  vmAction(id: string, action: VmAction): Promise<{ method?: PowerMethod }>;
  deleteVm(id: string, opts: { deleteDisks: boolean }): Promise<DeleteResult>;
  vmStats(id: string): Promise<VmStats>;
  /** Where the VM's own VNC server listens, from its live XML. */
  vncTarget(id: string): Promise<{ hostname: string; port: number }>;
  hostInfo(): Promise<HostInfo>;
  /** Host facts and choices for the create wizard. */
  createOptions(): Promise<CreateOptions>;
  /** Checks a VmConfig against the host without creating anything. */
  validateVm(input: unknown): Promise<ValidationResult>;
  /** Creates a VM; progress goes out on the event stream. */
  createVm(input: unknown): Promise<{ id: string; name: string; warnings: FieldIssue[] }>;
  /** The VmConfig that would recreate this VM (for templates), without its name. */
  vmConfig(id: string): Promise<Omit<VmConfig, "name">>;
  /** Resources, description, autostart, boot options, rename; says live or next boot. */
  editVm(id: string, input: unknown): Promise<{ id: string; changes: AppliedChange[] }>;
  attachDisk(id: string, input: unknown): Promise<DeviceResult>;
  detachDisk(id: string, target: string): Promise<DeviceResult>;
  resizeDisk(id: string, target: string, sizeGb: unknown): Promise<DeviceResult>;
  changeCdrom(id: string, target: string, isoPath: unknown): Promise<DeviceResult>;
  attachNic(id: string, input: unknown): Promise<DeviceResult>;
  detachNic(id: string, mac: string): Promise<DeviceResult>;
  /** The persistent definition as XML. */
  vmXml(id: string): Promise<string>;
  replaceVmXml(id: string, xml: unknown): Promise<{ id: string }>;
  importVm(xml: unknown): Promise<{ id: string; name: string }>;
  cloneVm(id: string, name: unknown): Promise<{ id: string; name: string }>;
  connection(): ConnectionStatus;
}

export interface AppContext {
  config: Config;
  vms: VmService;
  events: EventHub;
  templates: TemplateService;
  pools: PoolService;
  volumes: VolumeService;
  networks: NetworkService;
  forwards: PortForwardService;
  monitoring: Monitoring;
  snapshots: SnapshotService;
  backups: BackupService;
  scheduler: Scheduler;
  guest: GuestService;
  /** Keeps the VM list's addresses fresh; main.ts starts it. */
  addresses: AddressRefresher;
  /** Sign-in, sessions, API tokens, roles and console tickets. */
  auth: AuthService;
  /** Who changed what through the app, and how it ended (lib/audit/). */
  audit: AuditLog;
  /**
   * Why the app store runs in memory (its file is corrupt, fails its check or is newer), or
   * null. While set, changes kept in the store are refused (routes/middleware/degraded.ts).
   */
  storeDegraded: string | null;
  /** Which host these services are for: "local" or a remote host's id (lib/hosts/). */
  hostId: string;
  /** Every host, shared by all hosts' contexts. */
  hosts: HostRegistry;
  /** Moving this host's VMs to another host. */
  migrations: MigrationService;
  /** Policy profiles of this host's VMs, their assignments and local overrides. */
  profiles: ProfileService;
}
