// What a migration hands libvirt: its flags, its typed parameters (encoded here, owned by
// JavaScript) and the destination connection it holds only for the length of the call.
// https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainMigrate3

import { checkPointer } from "./error.ts";
import { cString, lv } from "./library.ts";
import type { TypedParamEntry } from "./typed_params.ts";

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

/** The typed parameters of a migration (VIR_MIGRATE_PARAM_*). */
export function migrateParams(params: MigrateParams): TypedParamEntry[] {
  return params.bandwidthMiBs === undefined
    ? []
    : [{ field: "bandwidth", ullong: params.bandwidthMiBs }];
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
