// A migration request checked at the boundary, and the libvirt flags it comes to for a VM in
// a given state. Pure: no libvirt, so it is tested on its own.

import { MigrateFlags } from "../../ffi/libvirt/migrate.ts";
import { AppError, badRequest, conflict } from "../errors.ts";
import type { VmState } from "../../shared/vms.ts";
import type { MigrationInput } from "../../shared/migration.ts";

const KEYS = new Set(["to", "live", "copyStorage", "offline", "bandwidthMiBs"]);
const FLAGS = ["live", "copyStorage", "offline"] as const;

/** The body of `POST /api/vms/:id/migrate`; 400 BAD_REQUEST with the first problem. */
export function parseMigrationInput(input: unknown): MigrationInput {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw badRequest('Body must be a JSON object like {"to": "host-id", "live": true}');
  }
  const body = input as Record<string, unknown>;
  const unknown = Object.keys(body).filter((k) => !KEYS.has(k));
  if (unknown.length) {
    throw badRequest(
      `Unknown field${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; a migration takes ` +
        "to, live, copyStorage, offline and bandwidthMiBs",
    );
  }
  if (typeof body.to !== "string" || body.to.trim() === "") {
    throw badRequest('"to" must name the destination host (its id from GET /api/hosts)');
  }
  const out: MigrationInput = { to: body.to.trim() };
  for (const key of FLAGS) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== "boolean") throw badRequest(`${key} must be true or false`);
    out[key] = value;
  }
  if (out.live && out.offline) {
    throw badRequest("live and offline exclude each other: a live migration keeps the VM running");
  }
  if (body.bandwidthMiBs !== undefined) {
    const b = body.bandwidthMiBs;
    if (typeof b !== "number" || !Number.isInteger(b) || b < 1 || b > 1_000_000) {
      throw badRequest("bandwidthMiBs must be a whole number of MiB/s from 1 to 1000000");
    }
    out.bandwidthMiBs = b;
  }
  return out;
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
