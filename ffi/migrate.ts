// What a migration hands libvirt: its flags, its typed parameters (encoded here, owned by
// JavaScript) and the destination connection it holds only for the length of the call.
// https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainMigrate3

import { checkPointer } from "./error.ts";
import { cString, lv } from "./library.ts";

/** virDomainMigrateFlags we use. */
export const MigrateFlags = {
  LIVE: 1 << 0,
  PERSIST_DEST: 1 << 3,
  UNDEFINE_SOURCE: 1 << 4,
  NON_SHARED_DISK: 1 << 6,
  OFFLINE: 1 << 10,
  ABORT_ON_ERROR: 1 << 12,
  AUTO_CONVERGE: 1 << 13,
} as const;

/** virDomainJobOperation of an outgoing migration, as virDomainGetJobStats reports it. */
export const JOB_OPERATION_MIGRATION_OUT = 5;

/** The migration parameters KVM Manager sets (VIR_MIGRATE_PARAM_*); plain data for a worker. */
export interface MigrateParams {
  /** VIR_MIGRATE_PARAM_BANDWIDTH: the most MiB/s the migration may use. */
  bandwidthMiBs?: number;
}

// struct _virTypedParameter { char field[80]; int type; union { ... } value; } — 96 bytes
const FIELD_LENGTH = 80;
const PARAM_SIZE = 96;
const VALUE_OFFSET = 88;
const TYPE_ULLONG = 4;
const TYPE_STRING = 7;

/** One typed parameter to hand to libvirt. */
export type TypedParamEntry =
  | { field: string; ullong: number }
  | { field: string; string: string };

/** A virTypedParameter array and the strings it points into, kept alive while it is used. */
export interface EncodedParams {
  array: Uint8Array<ArrayBuffer>;
  count: number;
  strings: Uint8Array<ArrayBuffer>[];
}

/** The typed parameters of a migration (VIR_MIGRATE_PARAM_*). */
export function migrateParams(params: MigrateParams): TypedParamEntry[] {
  return params.bandwidthMiBs === undefined
    ? []
    : [{ field: "bandwidth", ullong: params.bandwidthMiBs }];
}

/**
 * Encodes entries as libvirt's virTypedParameter array. JavaScript owns every byte, so nothing
 * is handed to virTypedParamsFree; keep the result referenced until the call returns.
 */
export function encodeTypedParams(entries: TypedParamEntry[]): EncodedParams {
  const array = new Uint8Array(PARAM_SIZE * Math.max(entries.length, 1));
  const view = new DataView(array.buffer);
  const strings: Uint8Array<ArrayBuffer>[] = [];
  entries.forEach((entry, i) => {
    const base = i * PARAM_SIZE;
    const name = new TextEncoder().encode(entry.field);
    if (name.length >= FIELD_LENGTH) {
      throw new Error(`typed parameter name too long: ${entry.field}`);
    }
    array.set(name, base);
    if ("string" in entry) {
      view.setInt32(base + FIELD_LENGTH, TYPE_STRING, true);
      const text = cString(entry.string);
      strings.push(text);
      const ptr = Deno.UnsafePointer.value(Deno.UnsafePointer.of(text));
      view.setBigUint64(base + VALUE_OFFSET, BigInt(ptr), true);
    } else {
      view.setInt32(base + FIELD_LENGTH, TYPE_ULLONG, true);
      view.setBigUint64(base + VALUE_OFFSET, BigInt(Math.trunc(entry.ullong)), true);
    }
  });
  return { array, count: entries.length, strings };
}

/** Drops the strings of an encoded array once libvirt returned (the array must not be reused). */
export function releaseParams(params: EncodedParams): void {
  params.strings.length = 0;
}

/**
 * The destination's connection, opened by the worker that runs the migration and closed when
 * the call returns. Keepalive on, so a destination that stops answering ends the migration.
 */
export class MigrationTarget {
  #handle: Deno.PointerObject | null;

  private constructor(handle: Deno.PointerObject) {
    this.#handle = handle;
  }

  /** virConnectOpen of `uri`, then virConnectSetKeepAlive where the driver has keepalive. */
  static open(uri: string, keepAlive: { intervalSeconds: number; count: number }) {
    const target = new MigrationTarget(
      checkPointer(lv().virConnectOpen(cString(uri)), `virConnectOpen(${uri})`),
    );
    // Local drivers (test:///) have no keepalive and say so with an error: nothing to keep.
    if (
      lv().virConnectSetKeepAlive(target.rawHandle(), keepAlive.intervalSeconds, keepAlive.count) <
        0
    ) {
      lv().virResetLastError();
    }
    return target;
  }

  /** The virConnectPtr, for virDomainMigrate3. */
  rawHandle(): Deno.PointerObject {
    if (!this.#handle) throw new Error("MigrationTarget used after close()");
    return this.#handle;
  }

  /** virConnectClose; safe to call twice. */
  close(): void {
    if (!this.#handle) return;
    lv().virConnectClose(this.#handle);
    this.#handle = null;
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
