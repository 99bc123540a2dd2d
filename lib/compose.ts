// The composition root: makes one host's services over one libvirt client and wires them
// together, the event hub first, then each service after what it needs. No rules live here:
// each adapter it passes comes from the feature folder that owns it.

import { LibvirtClient } from "../ffi/libvirt/client.ts";
import type { AppEvent } from "../shared/events.ts";
import { LOCAL_HOST } from "../shared/hosts.ts";
import { type Config, DEFAULT_AUTH, DEFAULT_STATS_INTERVAL } from "./config.ts";
import type { AppContext, FeatureParts } from "./context.ts";
import { type Feature, FeatureSet } from "./feature.ts";
import { EventHub } from "./events.ts";
import { openStore, type Store } from "./store.ts";
import { backgroundTasks, startTasks, stopTasks } from "./background.ts";
import { AuditLog } from "./audit/log.ts";
import { AuthService } from "./auth/service.ts";
import { type HostAccounts, PamAccounts } from "./auth/pam.ts";
import { BackupService } from "./backups/service.ts";
import type { Firewall } from "./firewall/types.ts";
import { HostFirewall } from "./firewall/host_firewall.ts";
import { MemoryFirewall } from "./firewall/memory.ts";
import { PortForwardService } from "./firewall/port_forwards.ts";
import { AddressRefresher } from "./guest/addresses.ts";
import { AgentHeartbeatMonitor, guestSourceOf } from "./guest/heartbeat.ts";
import { GuestSampler } from "./metrics/guest_sampler.ts";
import { guestQuiescer } from "./backups/guest_quiesce.ts";
import { GuestService } from "./guest/service.ts";
import { openableUri } from "./hosts/input.ts";
import { uriPlaces } from "./hosts/uri_policy.ts";
import { StartTimes } from "./vms/start_times.ts";
import { qemuRunDir, qemuStartedAt } from "./vms/qemu_process.ts";
import { qemuLogDir } from "./vms/qemu_log.ts";
import { HostRegistry, type OpenedHost } from "./hosts/registry.ts";
import { remoteHostBase } from "./hosts/remote.ts";
import { localHostNet, remoteHostNet } from "./networks/host_net.ts";
import { MetricsHistory } from "./metrics/history.ts";
import { Monitoring } from "./metrics/monitoring.ts";
import { MaintenanceService } from "./maintenance/service.ts";
import { NetworkService } from "./networks/service.ts";
import { HostDeviceService } from "./host_devices/service.ts";
import { hostFilesOf } from "./host_devices/remote_snapshot.ts";
import { backupJobSync } from "./profiles/backup_jobs.ts";
import { policyAlertRules, PolicyFollowers } from "./profiles/follow.ts";
import { ProfileService } from "./profiles/service.ts";
import { scheduledOperations, scheduledVmName } from "./scheduled_operations.ts";
import { type Clock, Scheduler } from "./scheduler/scheduler.ts";
import { LockedSnapshots } from "./snapshots/locked.ts";
import { TaskLog } from "./tasks/log.ts";
import { outsideTask } from "./tasks/current.ts";
import { UserSettingsStore } from "./i18n/user_settings.ts";
import { inServerLanguage } from "./i18n/scope.ts";
import { TemplateService } from "./templates/service.ts";
import { composeStorage } from "./compose_storage.ts";
import type { ImageSettingsStore } from "./images/settings.ts";
import { notifyFeature } from "./notify/feature.ts";
import type { NotifyEvent, NotifyKind } from "../shared/notify.ts";
import { NotifyRecords } from "./notify/records.ts";
import { lockoutEvent } from "./notify/sources.ts";
import { feedHost } from "./notify/host_feed.ts";
import { connectionStatus } from "./this_host/info.ts";
import { OsCache } from "./vms/os_cache.ts";
import { PendingCache } from "./vms/pending_cache.ts";
import { vmLock, vmLookups, VmService } from "./vms/service.ts";
import { StartupService } from "./startup/service.ts";
import { BootStart } from "./startup/at_boot.ts";
import { resticFeature } from "./restic/feature.ts";
import { clusterFeature, clusterManaged } from "./cluster/feature.ts";
import { migrationFeature } from "./migration/feature.ts";

/** One host's services, not yet connected: `start()` its background work once connecting. */
export interface HostServices extends OpenedHost<AppContext> {
  store: Store;
}

/** The app-wide services a remote host shares with the local one. */
export interface SharedServices {
  auth: AuthService;
  audit: AuditLog;
  tasks: TaskLog;
  templates: TemplateService;
  hosts: HostRegistry<AppContext>;
  maintenance: MaintenanceService;
  hostId: string;
  userSettings: UserSettingsStore;
  imageSettings: ImageSettingsStore;
  /** The local host's features: the app-wide ones are made there, once. */
  features: FeatureSet<FeatureParts>;
}

/**
 * The libvirt client, our store and the services over them for one configuration; not yet
 * connected. `store` defaults to the data dir's database.
 */
export function createContext(
  config: Config,
  {
    features: plugged,
    store = openStore(config.dataDir),
    storeDegraded = null,
    firewall = config.demo ? new MemoryFirewall() : new HostFirewall(),
    history = MetricsHistory.open(
      store.path === ":memory:" ? null : config.dataDir,
      config.statsInterval ?? DEFAULT_STATS_INTERVAL,
    ),
    clock,
    accounts,
    shared,
  }: {
    /** The features that plug in (routes/features.ts), each made on first use. */
    features: readonly Feature<unknown, FeatureParts>[];
    store?: Store;
    /** openAppStore's reason when `store` stands in for an unusable file; null when healthy. */
    storeDegraded?: string | null;
    firewall?: Firewall;
    /** Metric history; in memory when the app store is. */
    history?: MetricsHistory;
    /** The scheduler's clock (tests). */
    clock?: Clock;
    /** Host account checks for sign-in; PAM unless given (tests of other things pass none). */
    accounts?: HostAccounts;
    /** For a remote host: the app-wide services it shares with the local one, and its id. */
    shared?: SharedServices;
  },
): HostServices {
  const client = new LibvirtClient({ uri: openableUri(config.uri) });
  const events = new EventHub(client, () => connectionStatus({ client, demo: config.demo }));
  const emit = (e: AppEvent) => events.emit(e);
  // One task log for the process; every host's event stream announces every task.
  const taskLog = shared?.tasks ?? new TaskLog(store);
  const userSettings = shared?.userSettings ?? new UserSettingsStore(store);
  const unsubscribeTasks = taskLog.subscribe((task) => emit({ type: "task-changed", task }));
  const hostId = shared?.hostId ?? LOCAL_HOST;
  const lock = vmLock(client);
  const lookups = vmLookups(client);

  // The profiles come before the services that read the policies in force (guest agent, VM
  // list, alerts, backups). Alerts and the managed backup jobs also act on policy changes:
  // they are made later and join `policyFollowers`.
  const policyFollowers = new PolicyFollowers();
  const profiles = new ProfileService({
    store,
    emit,
    findVm: lookups.find,
    vmNames: lookups.names,
    onPolicyChanged: policyFollowers.changed,
  });
  const guest = new GuestService({
    client,
    emit,
    // Read at every exec and file call, so a profile change applies to the next one.
    agentPolicyFor: (uuid) => profiles.effectiveFor(uuid)?.agent ?? null,
  });
  // The list's OS column: each VM's XML read in the background from the first list on.
  const osCache = new OsCache({ client });
  // The list's "Changes pending" flag: running VMs compared in the background likewise.
  const pendingCache = new PendingCache({ client });
  // The list's Uptime column: starts seen as events, or read from this machine's QEMU processes.
  const runDir = qemuRunDir(config.uri);
  const starts = new StartTimes({
    client,
    readStart: runDir ? (name) => qemuStartedAt(runDir, name) : undefined,
  });
  // Pacemaker may run VMs of the server's own host only (lib/cluster/feature.ts).
  const clusterGuard = clusterManaged({ local: !shared, config })
    ? (idOf: () => Promise<{ name: string; uuid: string }>) =>
      features.get(clusterFeature).refuseManaged(idOf)
    : undefined;
  const vms: VmService = new VmService({
    client,
    demo: config.demo,
    emit,
    guest,
    policy: profiles,
    lock,
    // The list's CPU and memory use: the collector's latest sample, read at request time (so
    // `monitoring`, made below, exists by then), never a libvirt call per VM.
    usage: () => monitoring.collector.latestVmSamples(),
    os: (listed) => osCache.listed(listed),
    protection: (id) => osCache.protectedOf(id),
    pending: pendingCache,
    starts,
    cpuBaseline: (uuid) => monitoring.collector.cpuBaseline(uuid),
    logDir: qemuLogDir(config.uri),
    refuseNewVm: () => maintenance.refuseNewVms(hostId),
    refuseManaged: clusterGuard,
  });

  // Boot order: per VM in its domain XML; the start in order at host boot, local host only.
  const startup = new StartupService({ client, vms });
  const bootStart = shared ? null : new BootStart({
    client,
    store,
    tasks: taskLog,
    hostId,
    hostName: localHostName(),
    startup,
  });

  const templates = shared?.templates ?? new TemplateService(store);
  const { pools, volumes, imageSettings, imageLibrary, downloads } = composeStorage({
    config,
    client,
    store,
    emit,
    tasks: taskLog,
    hostId,
    shared,
  });
  const forwards = new PortForwardService(store, firewall);
  const hostNet = shared ? remoteHostNet : localHostNet;
  const networks = new NetworkService(client, emit, forwards, hostNet);
  const hostDevices = new HostDeviceService(client, hostFilesOf(config.uri));
  // Pings each running VM's agent once a round; the guest sampler asks only VMs whose agent
  // (ours) answers it, while their page is open.
  const heartbeat = new AgentHeartbeatMonitor({
    client,
    emit,
    pingOurs: (uuid, socket, withVersion) => guest.pingOurs(uuid, socket, withVersion),
  });
  const guestSampler = new GuestSampler({
    history,
    ourSocket: (uuid) => heartbeat.ourSocket(uuid),
    usage: (uuid, socket) => guest.usageOf(uuid, socket),
  });
  const monitoring = new Monitoring({
    client,
    store,
    history,
    emit,
    findVm: async (id) => {
      const vm = await vms.getVm(id);
      return { id: vm.id, name: vm.name };
    },
    knownVm: (name) => events.idOf(name),
    tickSeconds: config.statsInterval ?? DEFAULT_STATS_INTERVAL,
    // Webhooks reach what downloads may: public addresses and the admin's allowed sources.
    outbound: () => ({ allowed: imageSettings.allowedRanges() }),
    policyRules: policyAlertRules(profiles),
    guest: { sampler: guestSampler, source: (uuid) => guestSourceOf(heartbeat.get(uuid)) },
  });
  const addresses = new AddressRefresher({
    client,
    refresh: (uuid) => guest.refreshAddresses(uuid),
    forget: (uuid) => guest.forget(uuid),
    watching: () => events.listenerCount > 0,
  });
  const snapshots = new LockedSnapshots({ client, emit }, lock);
  const backups = new BackupService({
    client,
    store,
    emit,
    keepFor: (uuid) => profiles.effectiveFor(uuid)?.backup?.keep ?? null,
    quiesce: guestQuiescer(guest),
    lock,
    refuseNewVm: () => maintenance.refuseNewVms(hostId),
  });
  // Notifications are app-wide (lib/notify/feature.ts): each host's events feed them, made at the
  // first event published; whether a rule wants a kind is read from the store without them.
  const notifyRules = new NotifyRecords(store);
  const notify = {
    publish: (e: NotifyEvent) => features.get(notifyFeature).publish(e),
    wants: (kind: NotifyKind, id: string) => notifyRules.wants(kind, id),
  };
  const scheduler = new Scheduler({
    store,
    run: scheduledOperations({
      vms,
      snapshots,
      backups,
      // A schedule naming a repository makes the restic feature, when it is plugged in.
      restic: () => features.has(resticFeature) ? features.get(resticFeature) : undefined,
    }),
    emit,
    clock,
    vmName: scheduledVmName(vms),
    tasks: taskLog,
    hostId,
  });
  const syncBackupJobs = backupJobSync({ profiles, scheduler, vmNames: lookups.names });
  policyFollowers.follow((vmIds) => {
    monitoring.alerts.policyChanged(vmIds);
    syncBackupJobs();
  });

  const authSettings = config.auth ?? DEFAULT_AUTH;
  const auth = shared?.auth ?? new AuthService({
    store,
    settings: authSettings,
    accounts: accounts ?? new PamAccounts(authSettings.pamService),
  });
  const audit = shared?.audit ?? new AuditLog(store);
  const hosts: HostRegistry<AppContext> = shared?.hosts ?? new HostRegistry<AppContext>({
    store,
    // Node files for test:// hosts only when this server itself runs on the test driver.
    places: uriPlaces(config.dataDir, config.demo),
    open: (host) =>
      openRemoteHost(config, host, {
        features: plugged,
        store,
        clock,
        shared: {
          auth,
          audit,
          tasks: taskLog,
          templates,
          hosts,
          maintenance,
          hostId: host.id,
          userSettings,
          imageSettings,
          features,
        },
      }),
  });
  const maintenance: MaintenanceService = shared?.maintenance ??
    new MaintenanceService({
      store,
      hosts,
      tasks: taskLog,
      migrationsOf: (host) => hosts.get(host.id).ctx.features.get(migrationFeature),
    });

  // A network started, stopped or defined (by anyone) re-applies the forwards: starting one
  // rebuilds libvirt's rules for its bridge, under nftables with its reject back on top.
  client.addEventListener("network", () => {
    outsideTask(() => inServerLanguage(() => networks.reconcileForwards()));
  });
  // Each (re)connection re-applies the forwards: the host or libvirtd may have restarted.
  // A reconnect may be set going by a request that found the connection lost: what it runs is
  // no part of that request's task or language.
  client.addEventListener("connection", (e) => {
    if (!(e as CustomEvent<{ connected: boolean }>).detail.connected) return;
    outsideTask(() =>
      inServerLanguage(() => {
        networks.reconcileForwards();
        // Downloads a stop or crash of the server cut go on (or are deleted, saying why).
        downloads.resumeInterrupted().catch((err) => console.error("downloads:", err));
        // A crash between a policy change and its job sync must not leave the jobs behind.
        syncBackupJobs();
      })
    );
  });

  const features: FeatureSet<FeatureParts> = new FeatureSet(plugged, {
    parts: () => ({ config, client, store, emit, hostId, local: !shared, lock, ctx }),
    shared: shared?.features,
  });
  const ctx: AppContext = {
    config,
    vms,
    events,
    templates,
    pools,
    volumes,
    downloads,
    imageSettings,
    imageLibrary,
    networks,
    hostDevices,
    forwards,
    monitoring,
    snapshots,
    backups,
    scheduler,
    guest,
    heartbeat,
    guestSampler,
    addresses,
    auth,
    audit,
    tasks: taskLog,
    userSettings,
    storeDegraded,
    hostId,
    hosts,
    maintenance,
    profiles,
    startup,
    features,
  };
  const notifyFeed = feedHost({
    hostId,
    subscribe: (fn) => events.subscribe(fn),
    backup: (id) => backups.get(id),
    run: (runId) => scheduler.run(runId),
    pools: () => pools.list(),
    notify,
  });
  // Sign-in is app-wide: its lockouts are told once, by the local host's composition.
  if (!shared) auth.limiter.onLockout = (lockout) => notify.publish(lockoutEvent(lockout));
  if (!shared) hosts.setLocal({ name: localHostName(), uri: config.uri, ctx, client });
  const tasks = backgroundTasks({
    monitoring,
    scheduler,
    addresses,
    heartbeat,
    guestSampler,
    hosts: shared ? undefined : hosts,
  });
  return {
    ctx,
    client,
    store,
    start: () => {
      startTasks(tasks);
      features.start();
      bootStart?.start();
      notifyFeed.start();
    },
    async close() {
      await bootStart?.stop();
      if (!shared) maintenance.close();
      await downloads.close();
      await stopTasks(tasks);
      osCache.close();
      pendingCache.close();
      starts.close();
      unsubscribeTasks();
      if (!shared) taskLog.close();
      guest.close();
      if (!shared) auth.close();
      await backups.close();
      await monitoring.close();
      await notifyFeed.stop();
      await features.close();
      events.close();
      await client.close();
      store.close();
    },
  };
}

/** This machine's name for the host switcher; "local" where the name cannot be read. */
function localHostName(): string {
  try {
    return Deno.hostname();
  } catch {
    return LOCAL_HOST;
  }
}

/**
 * A remote host's services over its own store, history and firewall (hosts/remote.ts),
 * sharing sign-in, audit, templates and the host registry with the local host.
 */
function openRemoteHost(
  config: Config,
  host: { id: string; uri: string },
  { features, store, clock, shared }: {
    features: readonly Feature<unknown, FeatureParts>[];
    store: Store;
    clock?: Clock;
    shared: SharedServices;
  },
): OpenedHost<AppContext> {
  const base = remoteHostBase(config, host, store);
  const { ctx, client, start, close } = createContext(base.config, {
    features,
    store: base.store,
    storeDegraded: base.storeDegraded,
    firewall: base.firewall,
    history: base.history,
    clock,
    shared,
  });
  return { ctx, client, start, close };
}
