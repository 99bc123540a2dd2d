// The reads a server makes on its own, whoever uses it (LibvirtClient.read): the collector's
// reading every few seconds, which VMs run (the agents' heartbeat and the address sweep every
// 30 s), the VMs' states after each connection (the events' snapshot), and the host check's facts
// at start and on the dashboard. Each is made from the JS thread with nonblocking calls
// (off_thread.ts), so a server nobody uses starts no worker isolate: Deno keeps part of a stopped
// worker's memory for the process's life (bench/memory.ts prints it). Each function needs a
// connection that carries no other call meanwhile (call_connections.ts).

import { type Connection, type DomainStatsRecord, ListFlags, StatsTypes } from "../connection.ts";
import { DomainState } from "../domain.ts";
import { ListActivity, OffThread } from "../off_thread.ts";
import { metricsReading } from "./metrics.ts";

/**
 * Every domain's state and its reason (with its UUID and name): one bulk call of the state group
 * alone, which takes no domain's job, so no domain can hold it up.
 */
export async function domainStates(conn: Connection): Promise<DomainStatsRecord[]> {
  return await new OffThread(conn).allDomainStats(StatsTypes.STATE, 0);
}

/** The UUIDs of the running domains (not paused): one state-only bulk call, NOWAIT. */
export async function runningDomainIds(conn: Connection): Promise<string[]> {
  const records = await new OffThread(conn).allDomainStats(
    StatsTypes.STATE,
    ListFlags.ACTIVE | ListFlags.NOWAIT,
  );
  return records.filter((r) => r.params["state.state"] === DomainState.RUNNING).map((r) => r.uuid);
}

/** A network's or a storage pool's name, and whether it runs. */
export interface NamedActivity {
  name: string;
  active: boolean;
}

/** What the host check judges from libvirt (lib/host_check). */
export interface HostCheckFacts {
  /** The driver ("QEMU", "TEST"). */
  type: string;
  /** The host's capabilities XML: which domain types (kvm, qemu) it offers. */
  capabilities: string;
  networks: NamedActivity[];
  pools: NamedActivity[];
}

/**
 * The host check's facts in six calls whatever the number of networks and pools: each list is
 * asked twice, for the active and the inactive ones, so that no object needs a call of its own.
 */
export async function hostCheckFacts(conn: Connection): Promise<HostCheckFacts> {
  const calls = new OffThread(conn);
  const byActivity = async (names: (flags: number) => Promise<string[]>) => [
    ...(await names(ListActivity.ACTIVE)).map((name) => ({ name, active: true })),
    ...(await names(ListActivity.INACTIVE)).map((name) => ({ name, active: false })),
  ];
  return {
    type: await calls.driverType(),
    capabilities: await calls.capabilities(),
    networks: await byActivity((flags) => calls.networkNames(flags)),
    pools: await byActivity((flags) => calls.poolNames(flags)),
  };
}

/** virConnectGetDomainCapabilities for new x86-64 domains of `virtType` on `machine`. */
export async function domainCapabilities(
  conn: Connection,
  virtType: string,
  machine: string | null,
): Promise<string> {
  return await new OffThread(conn).domainCapabilities(virtType, machine, "x86_64");
}

/** The reads LibvirtClient.read makes, by name, like the call workers' ops (ops.ts). */
export const offThreadOps = {
  metricsReading,
  runningDomainIds,
  domainStates,
  hostCheckFacts,
  domainCapabilities,
};

export type OffThreadOp = keyof typeof offThreadOps;
/** A read's arguments, without the connection. */
export type OffThreadArgs<K extends OffThreadOp> = Parameters<typeof offThreadOps[K]> extends
  [Connection, ...infer A] ? A : never;
export type OffThreadResult<K extends OffThreadOp> = Awaited<ReturnType<typeof offThreadOps[K]>>;
