// The body of a snapshot create request ({name?, description?, memory?, quiesce?}), checked.

import { z } from "zod";
import { AppError } from "../errors.ts";
import { type IssueCodes, strictBodyError, validated } from "../validate.ts";
import { MAX_DESCRIPTION, SNAPSHOT_NAME, type SnapshotInput } from "../../shared/snapshots.ts";
import { t } from "../../shared/i18n/t.ts";

/** `snap-YYYYMMDD-HHMMSS` in UTC. */
export function defaultSnapshotName(now: Date): string {
  const iso = now.toISOString(); // 2024-05-01T12:34:56.789Z
  return `snap-${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
}

const invalidName = (name: unknown) =>
  t(
    "Invalid snapshot name: {{name}} (1-64 letters, digits, '.', '_' or '-', starting with a letter or digit)",
    { name: String(JSON.stringify(name)) },
  );

/** Checks a snapshot name against SNAPSHOT_NAME; 400 INVALID_NAME in the API's words. */
export function checkSnapshotName(name: unknown): string {
  if (typeof name !== "string" || !SNAPSHOT_NAME.test(name)) {
    throw new AppError("INVALID_NAME", invalidName(name));
  }
  return name;
}

// XML 1.0 cannot carry these at all; tab, newline and carriage return are kept.
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const flag = (key: string) =>
  z.boolean({ error: () => t("{{field}} must be true or false", { field: key }) }).optional();

/** The body of `POST /api/vms/:id/snapshots`: every field may be left out (null: all of them). */
export const SnapshotBody = z.strictObject({
  name: z.string({ error: (issue) => invalidName(issue.input) })
    .refine((name) => name === "" || SNAPSHOT_NAME.test(name), {
      error: (issue) => invalidName(issue.input),
    })
    .optional()
    .meta({ description: "Left out or empty: snap-YYYYMMDD-HHMMSS (UTC)" }),
  description: z.string({ error: () => t("Description must be text") })
    .max(MAX_DESCRIPTION, {
      error: (issue) =>
        t("Description is too long: {{length}} characters (at most {{max}})", {
          length: String((issue.input as string).length),
          max: String(MAX_DESCRIPTION),
        }),
    })
    .refine((text) => !CONTROL.test(text), {
      error: () => t("Description must not contain control characters"),
    })
    .nullable()
    .optional(),
  memory: flag("memory").meta({ description: "Default: true when the VM is running" }),
  quiesce: flag("quiesce").meta({ description: "Freeze the guest's filesystems first" }),
}, strictBodyError('{"name": "before-upgrade"}')).nullable();

/** What a snapshot body's problems are refused with, by field; others are BAD_REQUEST. */
export const SNAPSHOT_CODES: IssueCodes = {
  fields: { name: "INVALID_NAME", description: "INVALID_DESCRIPTION" },
};

/** Validates the body of `POST /api/vms/:id/snapshots`; a missing name is generated from `now`. */
export function checkSnapshotInput(input: unknown, now: Date): SnapshotInput {
  const body = validated(SnapshotBody, input ?? null, SNAPSHOT_CODES) ?? {};
  const generated = !body.name;
  return {
    name: body.name || defaultSnapshotName(now),
    generated,
    description: body.description ?? "",
    memory: body.memory,
    quiesce: body.quiesce,
  };
}
