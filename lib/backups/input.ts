// The options a backup is started with: the checked body of POST /api/vms/:id/backups (also
// what the scheduler passes), and how many backups of a VM are kept. Pure, apart from the
// service so routes and tests can check input without one.

import { AppError } from "../errors.ts";
import { BACKUP_MODES, type BackupMode } from "../../shared/backups.ts";
import { checkKeep } from "./settings.ts";

/** The body of POST /api/vms/:id/backups (also what the scheduler passes), checked. */
export function startOptions(input: unknown): { mode: BackupMode; keep: number | null } {
  if (input === undefined || input === null) return { mode: "auto", keep: null };
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new AppError("INVALID_OPTIONS", 'Options must be a JSON object like {"mode": "auto"}');
  }
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (key !== "mode" && key !== "keep") {
      throw new AppError("INVALID_OPTIONS", `Unknown option "${key}": expected mode, keep`);
    }
  }
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
