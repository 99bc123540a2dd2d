// Which KVM Manager versions opened a store, at which schema, and the refusal of a store that a
// newer version took to a later schema: naming both versions, before anything is written.

import type { DatabaseSync } from "node:sqlite";
import { VERSION } from "./version.ts";

function schemaVersion(db: DatabaseSync): number {
  return Number(db.prepare("SELECT max(version) AS v FROM schema_migrations").get()?.v ?? 0);
}

/**
 * Records `version` as one that opened the store at `schema`. The table is outside the numbered
 * migrations, like schema_migrations, so that every version keeps it the same way.
 */
export function recordVersion(db: DatabaseSync, version: string, schema: number): void {
  db.exec(
    `CREATE TABLE IF NOT EXISTS program_versions (
      version TEXT PRIMARY KEY,
      schema INTEGER NOT NULL,
      first_opened_at INTEGER NOT NULL
    )`,
  );
  db.prepare(
    `INSERT INTO program_versions (version, schema, first_opened_at) VALUES (?, ?, ?)
     ON CONFLICT (version) DO UPDATE SET schema = excluded.schema`,
  ).run(version, schema, Date.now());
}

/**
 * A store written by a newer KVM Manager than this one. Opening it is refused before anything is
 * written: a newer schema may mean data this build would misread or lose.
 */
export class StoreTooNewError extends Error {
  override name = "StoreTooNewError";
}

/** The KVM Manager version that first took a store to `schema`, when one recorded it. */
function writerOf(db: DatabaseSync, schema: number): string | null {
  const table = db.prepare(
    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'program_versions'",
  ).get();
  if (!table) return null;
  const row = db.prepare(
    "SELECT version FROM program_versions WHERE schema = ? ORDER BY first_opened_at DESC LIMIT 1",
  ).get(schema);
  return row ? String(row.version) : null;
}

/** Throws StoreTooNewError when the store's schema is past `known` (this build's). */
export function checkNotNewer(db: DatabaseSync, path: string, known: number) {
  let found: number;
  let writer: string | null;
  try {
    const table = db.prepare(
      "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'",
    ).get();
    if (!table) return;
    found = schemaVersion(db);
    writer = found > known ? writerOf(db, found) : null;
  } catch (err) {
    throw new Error(
      `Database ${path} is corrupt or not a SQLite database: ${(err as Error).message}`,
      { cause: err },
    );
  }
  if (found > known) {
    throw new StoreTooNewError(
      writer
        ? `Database ${path} was written by KVM Manager ${writer} (schema ${found}), newer than ` +
          `this KVM Manager ${VERSION} (schema ${known} at most): run KVM Manager ${writer} or ` +
          `newer. Nothing was changed`
        : `Database ${path} has schema version ${found}, newer than this build knows ` +
          `(${known}, KVM Manager ${VERSION}); run a newer KVM Manager. Nothing was changed`,
    );
  }
}
