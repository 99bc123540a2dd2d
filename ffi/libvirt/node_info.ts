// The host's own facts and counters (virNodeGetInfo, virNodeGetCPUStats, virNodeGetMemoryStats):
// reading libvirt's fixed C structs out of byte buffers. Kept apart from connection.ts so the
// struct layouts sit in one place.

import { check } from "./error.ts";
import { lv } from "./library.ts";

/** Host facts from virNodeGetInfo. */
export interface NodeInfo {
  model: string;
  memoryKiB: number;
  cpus: number;
  mhz: number;
  nodes: number;
  sockets: number;
  cores: number;
  threads: number;
}

/** virNodeGetInfo on an open connection. */
export function readNodeInfo(conn: Deno.PointerObject): NodeInfo {
  const buf = new Uint8Array(NODE_INFO_SIZE);
  check(lv().virNodeGetInfo(conn, buf), "virNodeGetInfo");
  return decodeNodeInfo(buf);
}

/** sizeof(virNodeInfo) on 64-bit Linux. */
export const NODE_INFO_SIZE = 64;

/** The virNodeInfo struct virNodeGetInfo filled. */
export function decodeNodeInfo(buf: Uint8Array<ArrayBuffer>): NodeInfo {
  // struct { char model[32]; unsigned long memory; unsigned int cpus, mhz, nodes, sockets,
  //          cores, threads; }
  const view = new DataView(buf.buffer);
  const end = buf.indexOf(0);
  return {
    model: new TextDecoder().decode(buf.subarray(0, end < 0 || end > 32 ? 32 : end)),
    memoryKiB: Number(view.getBigUint64(32, true)),
    cpus: view.getUint32(40, true),
    mhz: view.getUint32(44, true),
    nodes: view.getUint32(48, true),
    sockets: view.getUint32(52, true),
    cores: view.getUint32(56, true),
    threads: view.getUint32(60, true),
  };
}

/** The C signature virNodeGetCPUStats and virNodeGetMemoryStats share. */
export type NodeStatsCall<R> = (
  conn: Deno.PointerValue,
  which: number,
  params: Uint8Array | null,
  nparams: Uint8Array,
  flags: number,
) => R;

/** VIR_NODE_CPU_STATS_ALL_CPUS and VIR_NODE_MEMORY_STATS_ALL_CELLS. */
export const ALL = -1;
/** struct { char field[80]; unsigned long long value; } */
export const NODE_STAT_SIZE = 88;

/**
 * Every field of virNodeGetCPUStats or virNodeGetMemoryStats over all CPUs or cells. Both fill
 * an array of NODE_STAT_SIZE structs; two calls, the first asks how many fields there are.
 */
export function readNodeStats(
  conn: Deno.PointerObject,
  fn: NodeStatsCall<number>,
  name: string,
): Record<string, number> {
  const count = new Int32Array(1);
  const countBytes = new Uint8Array(count.buffer);
  check(fn(conn, ALL, null, countBytes, 0), name);
  const buf = new Uint8Array(NODE_STAT_SIZE * count[0]);
  check(fn(conn, ALL, buf, countBytes, 0), name);
  return decodeNodeStats(buf, count[0]);
}

/** `count` virNodeCPUStats or virNodeMemoryStats structs. */
export function decodeNodeStats(
  buf: Uint8Array<ArrayBuffer>,
  count: number,
): Record<string, number> {
  const view = new DataView(buf.buffer);
  const out: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const at = i * NODE_STAT_SIZE;
    const field = buf.subarray(at, at + 80);
    const end = field.indexOf(0);
    const key = new TextDecoder().decode(field.subarray(0, end < 0 ? 80 : end));
    out[key] = Number(view.getBigUint64(at + 80, true));
  }
  return out;
}
