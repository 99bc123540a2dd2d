// Validation of a snapshot create request ({name?, description?, memory?, quiesce?}).

import { AppError, badRequest } from "../errors.ts";
import { MAX_DESCRIPTION, SNAPSHOT_NAME, type SnapshotInput } from "../../shared/snapshots.ts";

const FIELDS = new Set(["name", "description", "memory", "quiesce"]);

/** `snap-YYYYMMDD-HHMMSS` in UTC. */
export function defaultSnapshotName(now: Date): string {
  const iso = now.toISOString(); // 2024-05-01T12:34:56.789Z
  return `snap-${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
}

/** Checks a snapshot name against SNAPSHOT_NAME; 400 INVALID_NAME in the API's words. */
export function checkSnapshotName(name: unknown): string {
  if (typeof name !== "string" || !SNAPSHOT_NAME.test(name)) {
    throw new AppError(
      "INVALID_NAME",
      `Invalid snapshot name: ${JSON.stringify(name)} (1-64 letters, digits, '.', '_' or '-', ` +
        "starting with a letter or digit)",
    );
  }
  return name;
}

// XML 1.0 cannot carry these at all; tab, newline and carriage return are kept.
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** Validates the body of `POST /api/vms/:id/snapshots`; a missing name is generated from `now`. */
export function checkSnapshotInput(input: unknown, now: Date): SnapshotInput {
  if (input === undefined || input === null) input = {};
  if (typeof input !== "object" || Array.isArray(input)) {
    throw badRequest('Body must be a JSON object like {"name": "before-upgrade"}');
  }
  const body = input as Record<string, unknown>;
  const unknown = Object.keys(body).find((k) => !FIELDS.has(k));
  if (unknown) throw badRequest(`Unknown field: ${unknown}`);

  const generated = body.name === undefined || body.name === "";
  const name = generated ? defaultSnapshotName(now) : checkSnapshotName(body.name);

  const description = body.description ?? "";
  if (typeof description !== "string") {
    throw new AppError("INVALID_DESCRIPTION", "Description must be text");
  }
  if (description.length > MAX_DESCRIPTION) {
    throw new AppError(
      "INVALID_DESCRIPTION",
      `Description is too long: ${description.length} characters (at most ${MAX_DESCRIPTION})`,
    );
  }
  if (CONTROL.test(description)) {
    throw new AppError("INVALID_DESCRIPTION", "Description must not contain control characters");
  }

  for (const flag of ["memory", "quiesce"] as const) {
    if (body[flag] !== undefined && typeof body[flag] !== "boolean") {
      throw badRequest(`${flag} must be true or false`);
    }
  }
  return {
    name,
    generated,
    description,
    memory: body.memory as boolean | undefined,
    quiesce: body.quiesce as boolean | undefined,
  };
}
