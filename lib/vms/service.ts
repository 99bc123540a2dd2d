// Binds the services in lib/ to one libvirt client: the VmService facade that routes/ uses.

import { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { Config } from "../config.ts";
import type { AppEvent } from "../../shared/events.ts";
import { EventHub } from "../events.ts";
import {
  checkVmId,
  domainAction,
  domainDelete,
  domainGet,
  domainList,
  vmState,
} from "./domains.ts";
import { AppError, conflict, fromLibvirt, mayBeStateRace } from "../errors.ts";
import { UUID } from "../../ffi/libvirt/find_domain.ts";
import { type VmLock, VmLocks } from "./lock.ts";
import { actionRefusal } from "../../shared/vm_actions.ts";
import type { VmAction } from "../../shared/vms.ts";
import { connectionStatus, hostInfo } from "../this_host/info.ts";
import type { AppContext, VmService } from "../context.ts";
import { StatsService } from "./stats.ts";
import { vncTarget } from "../consoles/vnc.ts";
import { HostCapsCache } from "../this_host/caps.ts";
import { OsinfoCatalog } from "./osinfo.ts";
import { openStore, type Store } from "../store.ts";
import { BackupService } from "../backups/service.ts";
import { MetricsHistory } from "../metrics/history.ts";
import { Monitoring } from "../metrics/monitoring.ts";
import { TemplateService } from "../templates/service.ts";
import { DEFAULT_AUTH, DEFAULT_STATS_INTERVAL, DEFAULT_STORAGE_ROOTS } from "../config.ts";
import { NetworkService } from "../networks/service.ts";
import { PoolService } from "../storage/pools.ts";
import { type Firewall, IptablesFirewall } from "../firewall/iptables.ts";
import { MemoryFirewall } from "../firewall/memory.ts";
import { PortForwardService } from "../firewall/port_forwards.ts";
import { type Clock, type OperationRunner, Scheduler } from "../scheduler/scheduler.ts";
import { SnapshotService } from "../snapshots/service.ts";
import { GuestService } from "../guest/service.ts";
import { AddressRefresher } from "../guest/addresses.ts";
import { VolumeService } from "../storage/volumes.ts";
import { configOfVm } from "./config_of.ts";
import { createOptions, domainCreate, validateCreate } from "./create.ts";
import { domainClone } from "./clone.ts";
import {
  cdromChange,
  diskAttach,
  diskDetach,
  diskResize,
  nicAttach,
  nicDetach,
} from "./devices.ts";
import { checkEdit, domainEdit } from "./edit.ts";
import { domainXmlExport, domainXmlImport, domainXmlReplace } from "./xml.ts";
import { AuthService } from "../auth/service.ts";
import { type HostAccounts, PamAccounts } from "../auth/pam.ts";
import { AuditLog } from "../audit/log.ts";
import { HostRegistry, type OpenedHost } from "../hosts/registry.ts";
import { openableUri } from "../hosts/input.ts";
import { RemoteFirewall } from "../hosts/remote_firewall.ts";
import { LOCAL_HOST } from "../../shared/hosts.ts";
import { MigrationService } from "../migration/service.ts";
import { ProfileService } from "../profiles/service.ts";
import { managedBackupJobs } from "../profiles/backup_jobs.ts";
import { openAppStore } from "../store.ts";
import { join } from "node:path";

/** The per-VM lock of one libvirt connection: names are resolved to UUIDs first. */
export function vmLock(client: LibvirtClient, locks = new VmLocks()): VmLock {
  return async (id, fn) => {
    checkVmId(id);
    let key = id.toLowerCase();
    if (!UUID.test(id)) {
      try {
        key = (await client.call("domainState", id)).uuid;
      } catch (err) {
        throw fromLibvirt(err, { id, failed: "Failed to read VM" });
      }
    }
    return await locks.run(key, fn);
  };
}

/**
 * Runs a lifecycle action; when libvirt fails it with a code that a state change explains
 * (errors.ts mayBeStateRace), re-reads the state and answers 409 in the API's words if the
 * state now refuses the action (e.g. a VM started or stopped from outside meanwhile).
 */
export async function actionOrConflict(client: LibvirtClient, id: string, action: VmAction) {
  try {
    await domainAction({ client, id, action });
  } catch (err) {
    if (!mayBeStateRace(err)) throw err;
    const now = await client.call("domainState", id).catch(() => null);
    const refusal = now && actionRefusal(action, vmState(now.state));
    throw refusal ? conflict(refusal) : err;
  }
}

export function createKvm(
  client: LibvirtClient,
  { demo, events, guest, policy, lock = vmLock(client) }: {
    demo: boolean;
    events?: () => EventHub | undefined;
    /** Adds guest addresses to the list and lets stop/reboot go through a guest agent. */
    guest?: GuestService;
    /** Adds policy tags to the list; forgets a deleted VM's assignment and overrides. */
    policy?: () => ProfileService | undefined;
    /** One state-changing operation per VM at a time; shared with snapshots and backups. */
    lock?: VmLock;
  },
): VmService {
  const stats = new StatsService(client);
  const deps = { client, caps: new HostCapsCache(client), osinfo: new OsinfoCatalog() };
  return {
    listVms: async () => {
      const vms = await domainList({ client });
      const policies = policy?.()?.effectiveAll();
      if (!guest && !policies?.size) return vms;
      return vms.map((vm) => {
        const ipAddresses = guest?.cachedAddresses(vm.id);
        const tags = policies?.get(vm.id)?.tags;
        return {
          ...vm,
          ...(ipAddresses ? { ipAddresses } : {}),
          ...(tags?.length ? { tags } : {}),
        };
      });
    },
    getVm: (id) => domainGet({ client, id }),
    vmAction: (id, action) =>
      lock(id, async () => {
        if (action !== "stop" && action !== "reboot") {
          await actionOrConflict(client, id, action);
          return {};
        }
        // A guest agent shuts down cleanly even where the guest ignores the ACPI button.
        const method = await guest?.power(id, action === "stop" ? "shutdown" : "reboot")
          .catch(() => null);
        if (method) return { method };
        await actionOrConflict(client, id, action);
        return { method: "acpi" as const };
      }),
    // Under the lock no start slips between the "is it stopped?" check and the disks' removal.
    deleteVm: (id, { deleteDisks }) =>
      lock(id, async () => {
        const result = await domainDelete({ client, id, deleteDisks });
        stats.forget(result.uuid);
        policy?.()?.forgetVm(result.uuid);
        return result;
      }),
    vmStats: (id) => stats.get(id),
    vncTarget: (id) => vncTarget({ client, id }),
    hostInfo: () => hostInfo({ client }),
    createOptions: () => createOptions(deps),
    validateVm: async (input) => {
      const { errors, warnings } = await validateCreate(deps, input);
      return { errors, warnings };
    },
    createVm: (input) => {
      const name = typeof (input as { name?: unknown })?.name === "string"
        ? (input as { name: string }).name
        : "";
      return domainCreate(
        deps,
        input,
        (step, index, total) =>
          events?.()?.emit({ type: "vm-create-progress", name, step, index, total }),
      );
    },
    vmConfig: async (id) => configOfVm(await domainGet({ client, id })),
    editVm: (id, input) =>
      lock(id, async () => {
        const host = await hostInfo({ client });
        return domainEdit({ client, id, edit: checkEdit(input, host.memoryTotalMb) });
      }),
    attachDisk: (id, input) => lock(id, () => diskAttach({ client, id, input })),
    detachDisk: (id, target) => lock(id, () => diskDetach({ client, id, target })),
    resizeDisk: (id, target, sizeGb) => lock(id, () => diskResize({ client, id, target, sizeGb })),
    changeCdrom: (id, target, isoPath) =>
      lock(id, () => cdromChange({ client, id, target, isoPath })),
    attachNic: (id, input) => lock(id, () => nicAttach({ client, id, input })),
    detachNic: (id, mac) => lock(id, () => nicDetach({ client, id, mac })),
    vmXml: (id) => domainXmlExport({ client, id: checkVmId(id) }),
    replaceVmXml: (id, xml) => lock(id, () => domainXmlReplace({ client, id, xml })),
    importVm: (xml) => domainXmlImport({ client, xml }),
    // The source is held while its disks are copied: it cannot start or go away meanwhile.
    cloneVm: (id, name) =>
      lock(id, () =>
        domainClone({ client, id, name }, (step, index, total) =>
          events?.()?.emit({
            type: "vm-create-progress",
            name: typeof name === "string" ? name : "",
            step,
            index,
            total,
          }))),
    connection: () => connectionStatus({ client, demo }),
  };
}

/**
 * The libvirt client, our store and the services over them for one configuration; not yet
 * connected. `store` defaults to the data dir's database.
 */
export function createContext(
  config: Config,
  {
    store = openStore(config.dataDir),
    storeDegraded = null,
    firewall = config.demo ? new MemoryFirewall() : new IptablesFirewall(),
    history = MetricsHistory.open(
      store.path === ":memory:" ? null : config.dataDir,
      config.statsInterval ?? DEFAULT_STATS_INTERVAL,
    ),
    fetch,
    clock,
    accounts,
    shared,
  }: {
    store?: Store;
    /** openAppStore's reason when `store` stands in for an unusable file; null when healthy. */
    storeDegraded?: string | null;
    firewall?: Firewall;
    /** Metric history; in memory when the app store is. */
    history?: MetricsHistory;
    /** For alert webhooks (tests). */
    fetch?: typeof globalThis.fetch;
    /** The scheduler's clock (tests). */
    clock?: Clock;
    /** Host account checks for sign-in; PAM unless given (tests of other things pass none). */
    accounts?: HostAccounts;
    /** For a remote host: the app-wide services it shares with the local one, and its id. */
    shared?: SharedServices;
  } = {},
): { ctx: AppContext; client: LibvirtClient; store: Store; close(): Promise<void> } {
  const client = new LibvirtClient({ uri: openableUri(config.uri) });
  // The hub needs kvm.connection() and kvm's progress reports need the hub.
  const hub: { current?: EventHub } = {};
  // The guest agent and the VM list read policy, and the profiles need kvm to find VMs.
  const policy: { current?: ProfileService } = {};
  const guest = new GuestService({
    client,
    emit: (e) => hub.current?.emit(e),
    // Read at every exec and file call, so a profile change applies to the next one.
    agentPolicyFor: (uuid) => policy.current?.effectiveFor(uuid)?.agent ?? null,
  });
  const lock = vmLock(client);
  const kvm = createKvm(client, {
    demo: config.demo,
    events: () => hub.current,
    guest,
    policy: () => policy.current,
    lock,
  });
  const events = hub.current = new EventHub(client, () => kvm.connection());
  const templates = shared?.templates ?? new TemplateService(store);
  const emit = (e: AppEvent) => events.emit(e);
  const pools = new PoolService(client, config.storageRoots ?? DEFAULT_STORAGE_ROOTS, emit);
  const volumes = new VolumeService(client, emit);
  const forwards = new PortForwardService(store, firewall);
  const networks = new NetworkService(client, emit, forwards);
  const monitoring = new Monitoring({
    client,
    store,
    history,
    emit,
    findVm: async (id) => {
      const vm = await kvm.getVm(id);
      return { id: vm.id, name: vm.name };
    },
    tickSeconds: config.statsInterval ?? DEFAULT_STATS_INTERVAL,
    fetch,
    policyRules: () => {
      const rules = new Map();
      for (const [vmId, p] of policy.current?.effectiveAll() ?? []) {
        if (p.alerts.length) rules.set(vmId, p.alerts);
      }
      return rules;
    },
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
    keepFor: (uuid) => policy.current?.effectiveFor(uuid)?.backup?.keep ?? null,
    quiesce: {
      freeze: async (id) => await guest.canFreeze(id) ? await guest.fsFreeze(id) : null,
      thaw: (id) => guest.thawSurely(id),
    },
    lock,
  });
  const runOperation: OperationRunner = async (operation, vmId, options) => {
    switch (operation) {
      case "start":
        await kvm.vmAction(vmId, "start");
        return;
      case "shutdown":
        await kvm.vmAction(vmId, "stop");
        return;
      case "reboot":
        await kvm.vmAction(vmId, "reboot");
        return;
      case "snapshot":
        await snapshots.create(vmId, options);
        return;
      case "backup": {
        const { id } = await backups.start(vmId, options);
        await backups.waitFor(id);
        return;
      }
    }
  };
  const scheduler = new Scheduler({
    store,
    run: runOperation,
    emit,
    clock,
    vmName: (id) =>
      kvm.getVm(id).then((vm) => vm.name, (err) => {
        if (err instanceof AppError && err.code === "VM_NOT_FOUND") return null;
        throw err;
      }),
  });
  const vmNames = async () => new Map((await domainList({ client })).map((vm) => [vm.id, vm.name]));
  /** Brings the scheduler's managed backup jobs in line with the policies in force. */
  const syncBackupJobs = async () => {
    try {
      // Only a VM's own schedule is named after the VM: list the VMs just for those. The plans
      // are read again after the wait, so a change meanwhile is not undone.
      const names = profiles.backupPlans().some((p) => p.profileName === null)
        ? await vmNames().catch(() => new Map<string, string>())
        : new Map<string, string>();
      await scheduler.syncManaged(managedBackupJobs(profiles.backupPlans(), names));
    } catch (err) {
      console.error(`Profiles: cannot sync the backup jobs: ${(err as Error).message}`);
    }
  };
  const profiles = policy.current = new ProfileService({
    store,
    emit,
    findVm: async (id) => {
      const vm = await kvm.getVm(id);
      return { uuid: vm.id, name: vm.name };
    },
    vmNames,
    onPolicyChanged: (vmIds) => {
      monitoring.alerts.policyChanged(vmIds);
      syncBackupJobs();
    },
  });
  const authSettings = config.auth ?? DEFAULT_AUTH;
  const auth = shared?.auth ?? new AuthService({
    store,
    settings: authSettings,
    accounts: accounts ?? new PamAccounts(authSettings.pamService),
  });
  const audit = shared?.audit ?? new AuditLog(store);
  const hosts: HostRegistry = shared?.hosts ?? new HostRegistry({
    store,
    open: (host): OpenedHost =>
      openRemoteHost(config, host, {
        store,
        fetch,
        clock,
        shared: { auth, audit, templates, hosts, hostId: host.id },
      }),
  });

  const hostId = shared?.hostId ?? LOCAL_HOST;
  const migrations = new MigrationService({
    client,
    emit,
    hostId,
    destination: (id) => {
      const host = hosts.get(id);
      return { id: host.id, name: host.name, uri: host.uri, client: host.client };
    },
  });
  // Each (re)connection re-applies the forwards: the host or libvirtd may have restarted.
  client.addEventListener("connection", (e) => {
    if (!(e as CustomEvent<{ connected: boolean }>).detail.connected) return;
    networks.reconcileForwards();
    // A crash between a policy change and its job sync must not leave the jobs behind.
    syncBackupJobs();
  });
  const ctx: AppContext = {
    config,
    vms: kvm,
    events,
    templates,
    pools,
    volumes,
    networks,
    forwards,
    monitoring,
    snapshots,
    backups,
    scheduler,
    guest,
    addresses,
    auth,
    audit,
    storeDegraded,
    hostId,
    hosts,
    migrations,
    profiles,
  };
  if (!shared) hosts.setLocal({ name: localHostName(), uri: config.uri, ctx, client });
  return {
    ctx,
    client,
    store,
    async close() {
      await migrations.close();
      if (!shared) await hosts.close();
      await scheduler.close();
      addresses.close();
      guest.close();
      if (!shared) auth.close();
      await backups.close();
      await monitoring.close();
      await client.close();
      store.close();
    },
  };
}

/** Snapshots whose create, revert and delete take their VM's turn (vmLock). */
class LockedSnapshots extends SnapshotService {
  constructor(deps: ConstructorParameters<typeof SnapshotService>[0], readonly lock: VmLock) {
    super(deps);
  }
  override create(vmId: string, input: unknown) {
    return this.lock(vmId, () => super.create(vmId, input));
  }
  override revert(vmId: string, name: string) {
    return this.lock(vmId, () => super.revert(vmId, name));
  }
  override delete(vmId: string, name: string, opts?: { children?: boolean }) {
    return this.lock(vmId, () => super.delete(vmId, name, opts));
  }
}

/** Backups whose start takes its VM's turn (vmLock); the copy itself runs after it. */

/** The app-wide services a remote host shares with the local one. */
interface SharedServices {
  auth: AuthService;
  audit: AuditLog;
  templates: TemplateService;
  hosts: HostRegistry;
  hostId: string;
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
 * A remote host's services: its own store and metric history under DATA_DIR/hosts/ID (in
 * memory when the app's store is), sharing sign-in, audit and templates with the local host.
 * Its port forwards are refused: they would be rules in this machine's firewall.
 */
function openRemoteHost(
  config: Config,
  host: { id: string; uri: string },
  { store, fetch, clock, shared }: {
    store: Store;
    fetch?: typeof globalThis.fetch;
    clock?: Clock;
    shared: SharedServices;
  },
): OpenedHost {
  const dir = store.path === ":memory:" ? null : join(config.dataDir, "hosts", host.id);
  const opened = dir === null ? { store: openStore(null), degraded: null } : openAppStore(dir);
  if (opened.degraded) console.error(`kvm-manager: host ${host.id}: ${opened.degraded}`);
  const history = MetricsHistory.openOrMemory(
    dir,
    config.statsInterval ?? DEFAULT_STATS_INTERVAL,
    `kvm-manager: host ${host.id}`,
  );
  const { ctx, client, close } = createContext(
    { ...config, uri: host.uri, uriSource: "flag", demo: host.uri.startsWith("test:") },
    {
      store: opened.store,
      storeDegraded: opened.degraded,
      firewall: new RemoteFirewall(),
      history,
      fetch,
      clock,
      shared,
    },
  );
  return {
    ctx,
    client,
    start() {
      ctx.monitoring.start();
      ctx.scheduler.start();
      ctx.addresses.start();
    },
    close,
  };
}
