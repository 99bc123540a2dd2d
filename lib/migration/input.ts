// A migration request checked at the boundary, and the libvirt flags it comes to for a VM in
// a given state. Pure: no libvirt, so it is tested on its own.

import { MigrateFlags } from "../../ffi/libvirt/migrate.ts";
import { z } from "zod";
import { AppError, conflict } from "../errors.ts";
import { validated } from "../validate.ts";
import type { VmState } from "../../shared/vms.ts";
import type { MigrationInput } from "../../shared/migration.ts";

export const NOT_AN_OBJECT = 'Body must be a JSON object like {"to": "host-id", "live": true}';
const NO_DESTINATION = '"to" must name the destination host (its id from GET /api/hosts)';
const BANDWIDTH = "bandwidthMiBs must be a whole number of MiB/s from 1 to 1000000";
const flag = (key: string) => z.boolean({ error: `${key} must be true or false` }).optional();

/** The body of `POST /api/vms/:id/migrate`. */
export const MigrationBody = z.strictObject({
  to: z.string({ error: NO_DESTINATION }).trim().min(1, { error: NO_DESTINATION }).meta({
    description: "The destination host's id (GET /api/hosts)",
  }),
  live: flag("live"),
  copyStorage: flag("copyStorage"),
  offline: flag("offline"),
  bandwidthMiBs: z.int({ error: BANDWIDTH }).min(1, { error: BANDWIDTH }).max(1_000_000, {
    error: BANDWIDTH,
  }).optional(),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? `Unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}; a migration ` +
        "takes to, live, copyStorage, offline and bandwidthMiBs"
      : NOT_AN_OBJECT,
}).refine((body) => !(body.live && body.offline), {
  error: "live and offline exclude each other: a live migration keeps the VM running",
});

/** The body of `POST /api/vms/:id/migrate`; 400 BAD_REQUEST with the first problem. */
export function parseMigrationInput(input: unknown): MigrationInput {
  return validated(MigrationBody, input);
}

/** What a migration will do, and the virDomainMigrateFlags that say it to libvirt. */
export interface MigrationPlan {
  live: boolean;
  offline: boolean;
  copyStorage: boolean;
  flags: number;
}

/**
 * Decides how to migrate a VM in `state`: a running (or paused) VM moves live unless asked
 * otherwise, a stopped one offline. 409 for a combination its state rules out. A persistent VM
 * stays defined on the destination only; a transient one stays transient.
 */
export function migrationPlan(
  input: MigrationInput,
  { state, persistent }: { state: VmState; persistent: boolean },
): MigrationPlan {
  const copyStorage = input.copyStorage ?? false;
  if (state === "stopped") {
    if (input.live) {
      throw conflict("A stopped VM can only be migrated offline");
    }
    if (copyStorage) {
      // libvirt moves only the definition of a stopped VM ("offline migration cannot handle
      // non-shared storage"); its disks would have to be copied by hand.
      throw conflict(
        "A stopped VM's disks cannot be copied: offline migration moves only its definition",
      );
    }
    return {
      live: false,
      offline: true,
      copyStorage: false,
      flags: MigrateFlags.OFFLINE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE,
    };
  }
  if (input.offline) {
    throw new AppError(
      "INVALID_STATE",
      `A ${state} VM cannot be migrated offline: migrate it live, or stop it first`,
    );
  }
  const live = input.live ?? true;
  let flags = MigrateFlags.ABORT_ON_ERROR;
  // Auto-converge slows the guest's vCPUs only when its memory changes faster than it is sent.
  if (live) flags |= MigrateFlags.LIVE | MigrateFlags.AUTO_CONVERGE;
  if (persistent) flags |= MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE;
  if (copyStorage) flags |= MigrateFlags.NON_SHARED_DISK;
  return { live, offline: false, copyStorage, flags };
}
