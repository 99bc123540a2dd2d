// Binds the services in lib/ to one libvirt client: the Kvm facade that routes/ uses.

import { LibvirtClient } from "../ffi/client.ts";
import type { Config } from "./config.ts";
import type { AppEvent } from "./types.ts";
import { EventHub } from "./events.ts";
import { checkVmId, domainAction, domainDelete, domainGet, domainList } from "./domains.ts";
import { connectionStatus, hostInfo } from "./host.ts";
import type { AppContext, Kvm } from "./context.ts";
import { StatsService } from "./stats.ts";
import { vncTarget } from "./console.ts";
import { HostCapsCache } from "./host_caps.ts";
import { OsinfoCatalog } from "./osinfo.ts";
import { openStore, type Store } from "./store.ts";
import { BackupService } from "./backups/service.ts";
import { MetricsHistory } from "./metrics/history.ts";
import { Monitoring } from "./metrics/monitoring.ts";
import { TemplateService } from "./templates.ts";
import { DEFAULT_AUTH, DEFAULT_STATS_INTERVAL, DEFAULT_STORAGE_ROOTS } from "./config.ts";
import { NetworkService } from "./networks.ts";
import { PoolService } from "./pools.ts";
import { type Firewall, IptablesFirewall } from "./firewall.ts";
import { MemoryFirewall } from "./firewall_memory.ts";
import { PortForwardService } from "./port_forwards.ts";
import { type Clock, type OperationRunner, Scheduler } from "./scheduler/scheduler.ts";
import { SnapshotService } from "./snapshots/service.ts";
import { GuestService } from "./guest/service.ts";
import { AddressRefresher } from "./guest/addresses.ts";
import { VolumeService } from "./volumes.ts";
import { configOfVm } from "./vm_config_of.ts";
import { createOptions, domainCreate, validateCreate } from "./vm_create.ts";
import { domainClone } from "./vm_clone.ts";
import {
  cdromChange,
  diskAttach,
  diskDetach,
  diskResize,
  nicAttach,
  nicDetach,
} from "./vm_devices.ts";
import { checkEdit, domainEdit } from "./vm_edit.ts";
import { domainXmlExport, domainXmlImport, domainXmlReplace } from "./vm_xml.ts";
import { AuthService } from "./auth/service.ts";
import { type HostAccounts, PamAccounts } from "./auth/pam.ts";
import { AuditLog } from "./audit/log.ts";

export function createKvm(
  client: LibvirtClient,
  { demo, events, guest }: {
    demo: boolean;
    events?: () => EventHub | undefined;
    /** Adds guest addresses to the list and lets stop/reboot go through a guest agent. */
    guest?: GuestService;
  },
): Kvm {
  const stats = new StatsService(client);
  const deps = { client, caps: new HostCapsCache(client), osinfo: new OsinfoCatalog() };
  return {
    listVms: async () => {
      const vms = await domainList({ client });
      if (!guest) return vms;
      return vms.map((vm) => {
        const ipAddresses = guest.cachedAddresses(vm.id);
        return ipAddresses ? { ...vm, ipAddresses } : vm;
      });
    },
    getVm: (id) => domainGet({ client, id }),
    vmAction: async (id, action) => {
      if (action !== "stop" && action !== "reboot") {
        await domainAction({ client, id, action });
        return {};
      }
      // A guest agent shuts down cleanly even where the guest ignores the ACPI button.
      const method = await guest?.power(id, action === "stop" ? "shutdown" : "reboot")
        .catch(() => null);
      if (method) return { method };
      await domainAction({ client, id, action });
      return { method: "acpi" };
    },
    deleteVm: async (id, { deleteDisks }) => {
      const result = await domainDelete({ client, id, deleteDisks });
      stats.forget(result.uuid);
      return result;
    },
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
    editVm: async (id, input) => {
      checkVmId(id);
      const host = await hostInfo({ client });
      return domainEdit({ client, id, edit: checkEdit(input, host.memoryTotalMb) });
    },
    attachDisk: (id, input) => diskAttach({ client, id: checkVmId(id), input }),
    detachDisk: (id, target) => diskDetach({ client, id: checkVmId(id), target }),
    resizeDisk: (id, target, sizeGb) => diskResize({ client, id: checkVmId(id), target, sizeGb }),
    changeCdrom: (id, target, isoPath) =>
      cdromChange({ client, id: checkVmId(id), target, isoPath }),
    attachNic: (id, input) => nicAttach({ client, id: checkVmId(id), input }),
    detachNic: (id, mac) => nicDetach({ client, id: checkVmId(id), mac }),
    vmXml: (id) => domainXmlExport({ client, id: checkVmId(id) }),
    replaceVmXml: (id, xml) => domainXmlReplace({ client, id: checkVmId(id), xml }),
    importVm: (xml) => domainXmlImport({ client, xml }),
    cloneVm: (id, name) =>
      domainClone({ client, id: checkVmId(id), name }, (step, index, total) =>
        events?.()?.emit({
          type: "vm-create-progress",
          name: typeof name === "string" ? name : "",
          step,
          index,
          total,
        })),
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
  } = {},
): { ctx: AppContext; client: LibvirtClient; store: Store; close(): Promise<void> } {
  const client = new LibvirtClient({ uri: config.uri });
  // The hub needs kvm.connection() and kvm's progress reports need the hub.
  const hub: { current?: EventHub } = {};
  const guest = new GuestService({ client, emit: (e) => hub.current?.emit(e) });
  const kvm = createKvm(client, { demo: config.demo, events: () => hub.current, guest });
  const events = hub.current = new EventHub(client, () => kvm.connection());
  const templates = new TemplateService(store);
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
  });
  const addresses = new AddressRefresher({
    client,
    refresh: (uuid) => guest.refreshAddresses(uuid),
    forget: (uuid) => guest.forget(uuid),
    watching: () => events.listenerCount > 0,
  });
  const snapshots = new SnapshotService({ client, emit });
  const backups = new BackupService({
    client,
    store,
    emit,
    quiesce: {
      freeze: async (id) => await guest.canFreeze(id) ? await guest.fsFreeze(id) : null,
      thaw: (id) => guest.thawSurely(id),
    },
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
    vmName: (id) => kvm.getVm(id).then((vm) => vm.name, () => null),
  });
  const authSettings = config.auth ?? DEFAULT_AUTH;
  const auth = new AuthService({
    store,
    settings: authSettings,
    accounts: accounts ?? new PamAccounts(authSettings.pamService),
  });
  const audit = new AuditLog(store);
  // Each (re)connection re-applies the forwards: the host or libvirtd may have restarted.
  client.addEventListener("connection", (e) => {
    if ((e as CustomEvent<{ connected: boolean }>).detail.connected) networks.reconcileForwards();
  });
  return {
    ctx: {
      config,
      kvm,
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
    },
    client,
    store,
    async close() {
      await scheduler.close();
      addresses.close();
      guest.close();
      auth.close();
      await backups.close();
      await monitoring.close();
      await client.close();
      store.close();
    },
  };
}
