// The services the HTTP layer uses for one host, bundled by the composition root (compose.ts).

import type { AuditLog } from "./audit/log.ts";
import type { AuthService } from "./auth/service.ts";
import type { BackupService } from "./backups/service.ts";
import type { Config } from "./config.ts";
import type { EventHub } from "./events.ts";
import type { Monitoring } from "./metrics/monitoring.ts";
import type { NetworkService } from "./networks/service.ts";
import type { HostDeviceService } from "./host_devices/service.ts";
import type { PoolService } from "./storage/pools.ts";
import type { PortForwardService } from "./firewall/port_forwards.ts";
import type { Scheduler } from "./scheduler/scheduler.ts";
import type { SnapshotService } from "./snapshots/service.ts";
import type { TaskLog } from "./tasks/log.ts";
import type { UserSettingsStore } from "./i18n/user_settings.ts";
import type { GuestService } from "./guest/service.ts";
import type { AddressRefresher } from "./guest/addresses.ts";
import type { AgentHeartbeatMonitor } from "./guest/heartbeat.ts";
import type { GuestSampler } from "./metrics/guest_sampler.ts";
import type { TemplateService } from "./templates/service.ts";
import type { VolumeService } from "./storage/volumes.ts";
import type { DownloadService } from "./images/downloads.ts";
import type { ImageSettingsStore } from "./images/settings.ts";
import type { ImageLibraryService } from "./images/library.ts";
import type { HostRegistry } from "./hosts/registry.ts";
import type { MaintenanceService } from "./maintenance/service.ts";
import type { ProfileService } from "./profiles/service.ts";
import type { VmService } from "./vms/service.ts";
import type { StartupService } from "./startup/service.ts";
import type { LibvirtClient } from "../ffi/libvirt/client.ts";
import type { AppEvent } from "../shared/events.ts";
import type { Store } from "./store.ts";
import type { FeatureSet } from "./feature.ts";
import type { VmLock } from "./vms/lock.ts";

export interface AppContext {
  config: Config;
  /** This host's VMs: list, lifecycle, create, edit, devices, XML, clone. */
  vms: VmService;
  events: EventHub;
  templates: TemplateService;
  pools: PoolService;
  volumes: VolumeService;
  /** Files from URLs made into volumes of this host's pools (lib/images/). */
  downloads: DownloadService;
  /** What downloads may reach and bring; app-wide, shared by all hosts' contexts. */
  imageSettings: ImageSettingsStore;
  /** The image library: shipped entries, an admin's own, and which pools hold each. */
  imageLibrary: ImageLibraryService;
  networks: NetworkService;
  /** The host's PCI and USB devices, IOMMU groups and what the host itself needs. */
  hostDevices: HostDeviceService;
  forwards: PortForwardService;
  monitoring: Monitoring;
  snapshots: SnapshotService;
  backups: BackupService;
  scheduler: Scheduler;
  guest: GuestService;
  /** Each running VM's agent heartbeat (last seen). */
  heartbeat: AgentHeartbeatMonitor;
  /** Per-core CPU and memory sampling of the VMs whose page is open. */
  guestSampler: GuestSampler;
  /** Keeps the VM list's addresses fresh; started with the other background tasks. */
  addresses: AddressRefresher;
  /** Sign-in, sessions, API tokens, roles and console tickets. */
  auth: AuthService;
  /** Who changed what through the app, and how it ended (lib/audit/). */
  audit: AuditLog;
  /**
   * The task log (lib/tasks/): every operation of every host, running and recent. Shared by all
   * hosts' contexts. Pages list it with `tasks.list({limit, identity})`, newest first.
   */
  tasks: TaskLog;
  /** Each account's own settings (its UI language); shared by all hosts' contexts. */
  userSettings: UserSettingsStore;
  /**
   * Why the app store runs in memory (its file is corrupt, fails its check or is newer), or
   * null. While set, changes kept in the store are refused (routes/middleware/degraded.ts).
   */
  storeDegraded: string | null;
  /** Which host these services are for: "local" or a remote host's id (lib/hosts/). */
  hostId: string;
  /** Every host, shared by all hosts' contexts. */
  hosts: HostRegistry<AppContext>;
  /** Hosts in maintenance: marks, plans and the moves (app-wide, shared by all hosts). */
  maintenance: MaintenanceService;
  /** Policy profiles of this host's VMs, their assignments and local overrides. */
  profiles: ProfileService;
  /** Each VM's boot order (start at boot in order, lib/startup/). */
  startup: StartupService;
  /**
   * The features that plug in (lib/feature.ts, listed in routes/features.ts), each made on first
   * use: `ctx.features.get(resticFeature)` is this host's restic service.
   */
  features: FeatureSet<FeatureParts>;
}

/** What the composition hands a feature (lib/feature.ts) to make its services from. */
export interface FeatureParts {
  config: Config;
  client: LibvirtClient;
  /** The host's store: the app store for the local host, a remote host's own otherwise. */
  store: Store;
  emit(e: AppEvent): void;
  hostId: string;
  /** True in the server's own host's composition; false in a remote host's. */
  local: boolean;
  /** The per-VM lock of the host's connection, which VM changes take (lib/vms/lock.ts). */
  lock: VmLock;
  /** The host's other services, all made by the time a feature is. */
  ctx: AppContext;
}
