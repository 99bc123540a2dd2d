// The options a backup is started with: the checked body of POST /api/vms/:id/backups (also
// what the scheduler passes), and how many backups of a VM are kept. Pure, apart from the
// service so routes and tests can check input without one.

import { z } from "zod";
import { AppError } from "../errors.ts";
import { type IssueCodes, validated } from "../validate.ts";
import { BACKUP_MODES, type BackupMode } from "../../shared/backups.ts";
import { checkKeep, MAX_KEEP } from "./settings.ts";

/** What a backup body's shape is refused with; its fields' own checks name the field too. */
export const BACKUP_CODES: IssueCodes = { code: "INVALID_OPTIONS" };

/**
 * The body of POST /api/vms/:id/backups (null or none: the defaults). The schema checks its
 * shape; the values are checked by startOptions, whose refusals say which field (`field`).
 */
export const StartBody = z.strictObject({
  mode: z.unknown().optional().meta({
    description: "auto (the default: incremental when a checkpoint allows it), full or incremental",
  }),
  keep: z.unknown().optional().meta({
    description:
      `Backups of the VM kept, 1 to ${MAX_KEEP} (default: its policy's, else the settings')`,
  }),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? `Unknown option "${issue.keys[0]}": expected mode, keep`
      : 'Options must be a JSON object like {"mode": "auto"}',
}).nullable().optional();

/** The body of POST /api/vms/:id/backups (also what the scheduler passes), checked. */
export function startOptions(input: unknown): { mode: BackupMode; keep: number | null } {
  const body = validated(StartBody, input, BACKUP_CODES) ?? {};
  const mode = body.mode ?? "auto";
  if (!BACKUP_MODES.includes(mode as BackupMode)) {
    throw new AppError("INVALID_OPTIONS", "mode must be auto, full or incremental", {
      field: "mode",
    });
  }
  return { mode: mode as BackupMode, keep: body.keep === undefined ? null : checkKeep(body.keep) };
}

/** Backups kept of a VM: the backup's own keep, else the VM's policy's, else the default. */
export function keepOf(own: number | null, policy: number | null, defaultKeep: number): number {
  return own ?? policy ?? defaultKeep;
}
