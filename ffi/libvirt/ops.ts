// The operations a libvirt worker thread performs: plain data in, plain data out.
// Everything here runs synchronously on the worker's own thread, so each failing call and
// virGetLastError share that thread and the error reported is the call's own.

import {
  Connection,
  type DomainStatsRecord,
  ListFlags,
  marked,
  type NodeInfo,
  scanning,
  type StatsAugment,
  StatsTypes,
} from "./connection.ts";
import { blockJobOps } from "./ops/block_job.ts";
import { cpuOps } from "./ops/cpu.ts";
import { displayOps } from "./ops/display.ts";
import { type HostMemory, hostMemoryOf, metricsOps, unsupported } from "./ops/metrics.ts";
import { networkOps } from "./ops/network.ts";
import { nodeDeviceOps } from "./ops/node_device.ts";
import { nwfilterOps } from "./ops/nwfilter.ts";
import { hostInterfaceOps } from "./ops/host_interface.ts";
import { findDomain } from "./find_domain.ts";
import { guestOps } from "./ops/guest.ts";
import { migrateOps } from "./ops/migrate.ts";
import { snapshotOps } from "./ops/snapshot.ts";
import { storageOps } from "./ops/storage.ts";
import { transferOps } from "./ops/transfer.ts";

/** Everything KVM Manager shows about one domain, read in one worker trip. */
export interface DomainSnapshot {
  uuid: string;
  name: string;
  state: number;
  reason: number;
  maxMemKiB: number;
  memoryKiB: number;
  vcpus: number;
  cpuTimeNs: number;
  autostart: boolean;
  persistent: boolean;
  xml: string;
}

/** Host facts for the dashboard, read in one worker trip. */
export interface HostSnapshot {
  hostname: string;
  uri: string;
  type: string;
  libVersion: number;
  hvVersion: number;
  node: NodeInfo;
  freeMemoryBytes: number;
  /** The same figures as the metrics' reading (virNodeGetMemoryStats, else node info). */
  memory: HostMemory;
  capabilities: string;
}

export type DomainAction =
  | "create"
  | "shutdown"
  | "destroy"
  | "suspend"
  | "resume"
  | "reboot"
  | "reset";

const LIST_STATS = StatsTypes.STATE | StatsTypes.VCPU | StatsTypes.BALLOON;
const LIVE_STATS = StatsTypes.STATE | StatsTypes.CPU_TOTAL | StatsTypes.BALLOON |
  StatsTypes.VCPU | StatsTypes.BLOCK | StatsTypes.INTERFACE;

/**
 * libvirt's test driver reports only `state.*` in bulk stats. It runs in-process (no RPC), so
 * the missing fields come from virDomainGetInfo under the names real drivers use.
 */
function testDriverFill(conn: Connection): StatsAugment | undefined {
  if (conn.getType() !== "TEST") return undefined;
  return (dom, params) => {
    const info = dom.getInfo();
    params["vcpu.current"] ??= info.vcpus;
    params["vcpu.maximum"] ??= info.vcpus;
    params["balloon.current"] ??= info.memoryKiB;
    params["balloon.maximum"] ??= info.maxMemKiB;
  };
}

/** Whether a stats op also asks each domain whether its QEMU monitor answers. */
export interface ScanOption {
  /**
   * One virDomainGetControlInfo per record (only worth it while a call is stuck inside
   * libvirt, LibvirtClient.stuckCalls): a domain whose monitor does not answer is marked
   * `unresponsive`.
   */
  scan?: boolean;
}

/** What a device change does: virDomainAttach/Detach/UpdateDeviceFlags. */
export type DeviceChange = "attach" | "detach" | "update";

/** The operation table; the worker dispatches `{op, args}` messages to these. */
export const ops = {
  ...storageOps,
  ...networkOps,
  ...transferOps,
  ...metricsOps,
  ...nodeDeviceOps,
  ...nwfilterOps,
  ...hostInterfaceOps,
  ...snapshotOps,
  ...guestOps,
  ...displayOps,
  ...migrateOps,
  ...blockJobOps,
  ...cpuOps,

  /**
   * All domains with state, vCPUs and memory: one virConnectGetAllDomainStats RPC, NOWAIT (the
   * vCPU and balloon groups take a running domain's job). The test driver (in-process, no RPC)
   * answers that with state only, so there list + info it is.
   */
  domainList(conn: Connection, { scan }: ScanOption = {}): DomainStatsRecord[] {
    const records = conn.getType() !== "TEST" ? listedWithStats(conn, scan) : listedWithInfo(conn);
    // Autostart is no stats field: one more list call, of only the domains that have it. Should
    // it fail, the list still answers, without autostart.
    let autostart: Set<string>;
    try {
      autostart = new Set(
        conn.listAllDomains(ListFlags.AUTOSTART).map((dom) => {
          try {
            return dom.getUUIDString();
          } finally {
            dom.free();
          }
        }),
      );
    } catch {
      return records;
    }
    for (const record of records) record.autostart = autostart.has(record.uuid);
    return records;
  },

  /**
   * Live counters of every running domain (or the given ones): one call whatever the count,
   * NOWAIT, so a domain whose job is held comes without its monitor's figures.
   */
  domainStats(conn: Connection, ids?: string[], { scan }: ScanOption = {}): DomainStatsRecord[] {
    const stuck = new Set<string>();
    const augment = scanning(scan, stuck, testDriverFill(conn));
    if (!ids) {
      const flags = ListFlags.ACTIVE | ListFlags.NOWAIT;
      return marked(conn.getAllDomainStats(LIVE_STATS, flags, augment), stuck);
    }
    const domains = ids.map((id) => findDomain(conn, id));
    try {
      return marked(conn.getDomainStats(domains, LIVE_STATS, augment, ListFlags.NOWAIT), stuck);
    } finally {
      for (const d of domains) d.free();
    }
  },

  domainGet(conn: Connection, id: string, xmlFlags = 0): DomainSnapshot {
    using dom = findDomain(conn, id);
    const info = dom.getInfo();
    const { state, reason } = dom.getState();
    const persistent = dom.isPersistent();
    return {
      uuid: dom.getUUIDString(),
      name: dom.getName(),
      ...info,
      state,
      reason,
      persistent,
      autostart: persistent ? dom.getAutostart() : false,
      xml: dom.getXMLDesc(xmlFlags),
    };
  },

  /** Name, UUID, state and its reason only: the cheap re-read after a lifecycle event. */
  domainState(
    conn: Connection,
    id: string,
  ): { uuid: string; name: string; state: number; reason: number } {
    using dom = findDomain(conn, id);
    return { uuid: dom.getUUIDString(), name: dom.getName(), ...dom.getState() };
  },

  /** The disks with an I/O error (virDomainGetDiskErrors) of a running domain. */
  domainDiskErrors(conn: Connection, id: string): { disk: string; error: number }[] {
    using dom = findDomain(conn, id);
    return dom.getDiskErrors();
  },

  domainXml(conn: Connection, id: string, flags = 0): string {
    using dom = findDomain(conn, id);
    return dom.getXMLDesc(flags);
  },

  domainBlockInfo(conn: Connection, id: string, disk: string) {
    using dom = findDomain(conn, id);
    return dom.getBlockInfo(disk);
  },

  domainAction(conn: Connection, id: string, action: DomainAction): void {
    using dom = findDomain(conn, id);
    dom[action]();
  },

  domainUndefine(conn: Connection, id: string, flags: number): void {
    using dom = findDomain(conn, id);
    dom.undefine(flags);
  },

  /** Defines a domain from XML; returns its UUID and name. */
  domainDefine(conn: Connection, xml: string, flags = 0): { uuid: string; name: string } {
    using dom = conn.defineDomain(xml, flags);
    return { uuid: dom.getUUIDString(), name: dom.getName() };
  },

  domainSetVcpus(conn: Connection, id: string, count: number, flags: number): void {
    using dom = findDomain(conn, id);
    dom.setVcpus(count, flags);
  },

  domainSetMemory(conn: Connection, id: string, kib: number, flags: number): void {
    using dom = findDomain(conn, id);
    dom.setMemory(kib, flags);
  },

  domainSetMetadata(
    conn: Connection,
    id: string,
    type: number,
    value: string | null,
    flags: number,
  ): void {
    using dom = findDomain(conn, id);
    dom.setMetadata(type, value, flags);
  },

  domainSetMetadataElement(
    conn: Connection,
    id: string,
    element: { xml: string | null; key: string; uri: string },
    flags: number,
  ): void {
    using dom = findDomain(conn, id);
    dom.setMetadataElement(element.xml, element.key, element.uri, flags);
  },

  domainSetAutostart(conn: Connection, id: string, on: boolean): void {
    using dom = findDomain(conn, id);
    dom.setAutostart(on);
  },

  domainRename(conn: Connection, id: string, name: string): void {
    using dom = findDomain(conn, id);
    dom.rename(name);
  },

  domainDevice(conn: Connection, id: string, change: DeviceChange, xml: string, flags: number) {
    using dom = findDomain(conn, id);
    if (change === "attach") dom.attachDevice(xml, flags);
    else if (change === "detach") dom.detachDevice(xml, flags);
    else dom.updateDevice(xml, flags);
  },

  domainBlockResize(conn: Connection, id: string, disk: string, bytes: number): void {
    using dom = findDomain(conn, id);
    dom.blockResize(disk, bytes);
  },

  /** Capacity and allocation of the storage volume at `path`. */
  volumeInfo(conn: Connection, path: string) {
    using vol = conn.lookupVolumeByPath(path);
    return vol.getInfo();
  },

  volumeDelete(conn: Connection, path: string): void {
    using vol = conn.lookupVolumeByPath(path);
    vol.delete();
  },

  host(conn: Connection): HostSnapshot {
    return {
      hostname: conn.getHostname(),
      uri: conn.getURI(),
      type: conn.getType(),
      libVersion: conn.getLibVersion(),
      hvVersion: conn.getVersion(),
      node: conn.getNodeInfo(),
      freeMemoryBytes: conn.getFreeMemory(),
      memory: nodeMemory(conn),
      capabilities: conn.getCapabilities(),
    };
  },

  isAlive(conn: Connection): boolean {
    return conn.isAlive();
  },
};

export type Ops = typeof ops;
export type OpName = keyof Ops;
/** The arguments of an op, without the connection. */
export type OpArgs<K extends OpName> = Ops[K] extends
  (conn: Connection, ...args: infer A) => unknown ? A
  : never;
export type OpResult<K extends OpName> = ReturnType<Ops[K]>;

/** Every domain in one virConnectGetAllDomainStats RPC, NOWAIT (see domainList). */
/** The host's memory figures, as the metrics' reading takes them (the test driver has no stats). */
function nodeMemory(conn: Connection): HostMemory {
  try {
    return hostMemoryOf(conn.getNodeMemoryStats());
  } catch (err) {
    if (!unsupported(err)) throw err;
    return {
      totalKiB: conn.getNodeInfo().memoryKiB,
      freeKiB: conn.getFreeMemory() / 1024,
      reclaimableKiB: 0,
    };
  }
}

function listedWithStats(conn: Connection, scan: boolean | undefined): DomainStatsRecord[] {
  const stuck = new Set<string>();
  const records = conn.getAllDomainStats(LIST_STATS, ListFlags.NOWAIT, scanning(scan, stuck));
  return marked(records, stuck);
}

/** The test driver's answer to the stats call holds the state only: list + info there. */
function listedWithInfo(conn: Connection): DomainStatsRecord[] {
  return conn.listAllDomains().map((dom) => {
    try {
      const info = dom.getInfo();
      return {
        uuid: dom.getUUIDString(),
        name: dom.getName(),
        params: {
          "state.state": info.state,
          "state.reason": dom.getState().reason,
          "vcpu.current": info.vcpus,
          "balloon.current": info.memoryKiB,
          "balloon.maximum": info.maxMemKiB,
        },
      };
    } finally {
      dom.free();
    }
  });
}
