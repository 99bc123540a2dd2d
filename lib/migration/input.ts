// A migration request checked at the boundary, and the libvirt flags it comes to for a VM in
// a given state. Pure: no libvirt, so it is tested on its own.

import { MigrateFlags } from "../../ffi/libvirt/migrate.ts";
import { z } from "zod";
import { AppError, conflict } from "../errors.ts";
import { validated } from "../validate.ts";
import type { VmState } from "../../shared/vms.ts";
import type { MigrationInput } from "../../shared/migration.ts";
import { t } from "../../shared/i18n/t.ts";

/** What a body that is no JSON object is refused with, in the request's language. */
export const notAnObject = () =>
  t("Body must be a JSON object like {{example}}", { example: '{"to": "host-id", "live": true}' });
// Functions: zod asks for a message when a request fails, in that request's language.
const NO_DESTINATION = () => t('"to" must name the destination host (its id from GET /api/hosts)');
const BANDWIDTH = () => t("bandwidthMiBs must be a whole number of MiB/s from 1 to 1000000");
const flag = (key: string) =>
  z.boolean({ error: () => t("{{field}} must be true or false", { field: key }) }).optional();

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
      ? t(
        "Unknown fields {{fields}}; a migration takes to, live, copyStorage, offline and bandwidthMiBs",
        { count: issue.keys.length, fields: issue.keys.join(", ") },
      )
      : notAnObject(),
}).refine((body) => !(body.live && body.offline), {
  error: () => t("live and offline exclude each other: a live migration keeps the VM running"),
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
      throw conflict(t("A stopped VM can only be migrated offline"));
    }
    if (copyStorage) {
      // libvirt moves only the definition of a stopped VM ("offline migration cannot handle
      // non-shared storage"); its disks would have to be copied by hand.
      throw conflict(
        t("A stopped VM's disks cannot be copied: offline migration moves only its definition"),
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
      offlineRefusal(state),
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

/** Why a VM in `state` (not stopped) cannot move offline, in the request's language. */
function offlineRefusal(state: VmState): string {
  switch (state) {
    case "running":
      return t("A running VM cannot be migrated offline: migrate it live, or stop it first");
    case "paused":
      return t("A paused VM cannot be migrated offline: migrate it live, or stop it first");
    case "suspended":
      return t("A suspended VM cannot be migrated offline: migrate it live, or stop it first");
    case "crashed":
      return t("A crashed VM cannot be migrated offline: migrate it live, or stop it first");
    default:
      return t("A {{state}} VM cannot be migrated offline: migrate it live, or stop it first", {
        state,
      });
  }
}
