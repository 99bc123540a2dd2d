// The options a backup is started with: the checked body of POST /api/vms/:id/backups (also
// what the scheduler passes), and how many backups of a VM are kept. Pure, apart from the
// service so routes and tests can check input without one.

import { z } from "zod";
import { type IssueCodes, validated } from "../validate.ts";
import { BACKUP_MODES, type BackupMode } from "../../shared/backups.ts";
import { keepField, MAX_KEEP } from "./settings.ts";
import { t } from "../../shared/i18n/t.ts";

/** What a backup body's shape is refused with; its fields' own checks name the field too. */
export const BACKUP_CODES: IssueCodes = { code: "INVALID_OPTIONS", nameField: true };

/**
 * The body of POST /api/vms/:id/backups (null or none: the defaults); a value's refusal says
 * which field (`field`).
 */
export const StartBody = z.strictObject({
  mode: z.enum(BACKUP_MODES, { error: () => t("mode must be auto, full or incremental") })
    .optional().meta({
      description:
        "auto (the default: incremental when a checkpoint allows it), full or incremental",
    }),
  keep: keepField("keep").optional().meta({
    description:
      `Backups of the VM kept, 1 to ${MAX_KEEP} (default: its policy's, else the settings')`,
  }),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t('Unknown option "{{key}}": expected mode, keep', { key: issue.keys[0] })
      : t('Options must be a JSON object like {"mode": "auto"}'),
}).nullable().optional();

/** The body of POST /api/vms/:id/backups (also what the scheduler passes), checked. */
export function startOptions(input: unknown): { mode: BackupMode; keep: number | null } {
  const body = validated(StartBody, input, BACKUP_CODES) ?? {};
  return { mode: body.mode ?? "auto", keep: body.keep ?? null };
}

/** Backups kept of a VM: the backup's own keep, else the VM's policy's, else the default. */
export function keepOf(own: number | null, policy: number | null, defaultKeep: number): number {
  return own ?? policy ?? defaultKeep;
}
