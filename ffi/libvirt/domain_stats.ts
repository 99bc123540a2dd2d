// Bulk domain statistics: the stats groups and list flags we ask for, copying libvirt's record
// list into JS values, and spotting domains whose QEMU monitor stopped answering. Kept apart
// from connection.ts, which only makes the calls.

import { Domain } from "./domain.ts";
import { check } from "./error.ts";
import { lv, readPointerArray } from "./library.ts";
import { readTypedParams, type TypedParams } from "./typed_params.ts";

/** virDomainStatsTypes we ask for. */
export const StatsTypes = {
  STATE: 1 << 0,
  CPU_TOTAL: 1 << 1,
  BALLOON: 1 << 2,
  VCPU: 1 << 3,
  INTERFACE: 1 << 4,
  BLOCK: 1 << 5,
} as const;

/**
 * virConnectListAllDomainsFlags / GetAllDomainStats flags we use. NOWAIT: a domain whose job
 * someone else holds (a migration, a call waiting on a hung QEMU monitor) is reported with
 * what can be read without it, instead of making the call wait for the job.
 */
export const ListFlags = {
  ACTIVE: 1 << 0,
  INACTIVE: 1 << 1,
  AUTOSTART: 1 << 10,
  NOWAIT: 1 << 29,
} as const;

/** One record of a bulk stats call. */
export interface DomainStatsRecord {
  uuid: string;
  name: string;
  params: TypedParams;
  /** Set when asked to look: the domain's QEMU monitor does not answer (monitorStuck). */
  unresponsive?: true;
  /** Set by the VM list (ops.ts domainList): libvirt starts the domain when the host boots. */
  autostart?: boolean;
}

/**
 * How long one command may keep a domain's QEMU monitor busy before the domain counts as not
 * answering.
 */
export const MONITOR_STUCK_MS = 1000;

/**
 * True when virDomainGetControlInfo says the domain's monitor is broken, or occupied by one
 * command for MONITOR_STUCK_MS or more (a QEMU that stopped answering). It needs no job and
 * no monitor, so it answers while QEMU hangs. False where the driver cannot tell.
 * https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetControlInfo
 */
export function monitorStuck(dom: Domain): boolean {
  // struct _virDomainControlInfo { unsigned int state; unsigned int details;
  //                                unsigned long long stateTime; /* ms */ }
  const buf = new Uint8Array(16);
  try {
    check(lv().virDomainGetControlInfo(dom.rawHandle(), buf, 0), "virDomainGetControlInfo");
  } catch {
    return false; // a driver without it, or the domain just went away
  }
  const view = new DataView(buf.buffer);
  const state = view.getUint32(0, true);
  // virDomainControlState: 0 OK, 1 JOB (a long job, answering), 2 OCCUPIED, 3 ERROR.
  return state === 3 || (state === 2 && Number(view.getBigUint64(8, true)) >= MONITOR_STUCK_MS);
}

/** Adds fields to a stats record from its (borrowed) domain. */
export type StatsAugment = (dom: Domain, params: TypedParams) => void;

/** Copies a stats record list into JS values, then frees it (and its domain references). */
export function takeStatsRecords(
  array: Deno.PointerValue,
  count: number,
  augment?: StatsAugment,
): DomainStatsRecord[] {
  const records = readPointerArray(array, count).map((rec) => readStatsRecord(rec!, augment));
  if (array) lv().virDomainStatsRecordListFree(array);
  return records;
}

/**
 * Like takeStatsRecords, `step` records at a time with `pause()` between steps, for a list
 * read on the JS thread: thousands of records are milliseconds of copying that requests should
 * not wait behind. Frees the list even when a pause throws.
 */
export async function takeStatsRecordsInSteps(
  array: Deno.PointerValue,
  count: number,
  step: number,
  pause: () => Promise<void>,
): Promise<DomainStatsRecord[]> {
  try {
    const pointers = readPointerArray(array, count);
    const records: DomainStatsRecord[] = [];
    for (let i = 0; i < pointers.length; i++) {
      if (i > 0 && i % step === 0) await pause();
      records.push(readStatsRecord(pointers[i]!));
    }
    return records;
  } finally {
    if (array) lv().virDomainStatsRecordListFree(array);
  }
}

function readStatsRecord(rec: Deno.PointerObject, augment?: StatsAugment): DomainStatsRecord {
  // struct _virDomainStatsRecord { virDomainPtr dom; virTypedParameterPtr params; int nparams; }
  const view = new Deno.UnsafePointerView(rec);
  // Borrowed: the record list owns this domain reference and frees it with the list.
  const dom = Domain.borrow(view.getPointer(0)!);
  const params = readTypedParams(view.getPointer(8), view.getInt32(16));
  augment?.(dom, params);
  return { uuid: dom.getUUIDString(), name: dom.getName(), params };
}

/** `augment` plus, when scanning, a note of each domain whose monitor does not answer. */
export function scanning(
  scan: boolean | undefined,
  stuck: Set<string>,
  augment?: StatsAugment,
): StatsAugment | undefined {
  if (!scan) return augment;
  return (dom, params) => {
    augment?.(dom, params);
    // virDomainState 5 is SHUTOFF: no QEMU to ask.
    if (params["state.state"] !== 5 && monitorStuck(dom)) stuck.add(dom.getUUIDString());
  };
}

/** Marks the records of the domains `scanning` noted. */
export function marked(records: DomainStatsRecord[], stuck: Set<string>): DomainStatsRecord[] {
  for (const rec of records) if (stuck.has(rec.uuid)) rec.unresponsive = true;
  return records;
}
