// Repositories as kept in the app store: rows in and out, the public shape (no password, no S3
// secret) and what restic needs to open one (RepoAccess).

import type { Store } from "../store.ts";
import { AppError } from "../errors.ts";
import type { KeepPolicy, Repository, RepositoryKind } from "../../shared/restic.ts";
import type { RepoAccess } from "./command.ts";
import { t } from "../../shared/i18n/t.ts";

/** A repository with its secrets, as only the server sees it. */
export interface RepositoryRecord extends Repository {
  password: string;
  secretKey: string | null;
}

type Row = Record<string, unknown>;

function fromRow(r: Row): RepositoryRecord {
  const str = (v: unknown) => v === null || v === undefined ? null : String(v);
  return {
    id: String(r.id),
    name: String(r.name),
    kind: String(r.kind) as RepositoryKind,
    location: String(r.location),
    keyFile: str(r.key_file),
    knownHostsFile: str(r.known_hosts_file),
    port: r.port === null ? null : Number(r.port),
    accessKeyId: str(r.access_key_id),
    hasSecretKey: r.secret_key !== null,
    hasPassword: true,
    keep: {
      last: Number(r.keep_last),
      daily: Number(r.keep_daily),
      weekly: Number(r.keep_weekly),
      monthly: Number(r.keep_monthly),
    },
    checkSchedule: str(r.check_schedule),
    createdAt: Number(r.created_at),
    password: String(r.password),
    secretKey: str(r.secret_key),
  };
}

/** The repository without its secrets: what the API answers. */
export function publicRepository(rec: RepositoryRecord): Repository {
  const { password: _p, secretKey: _s, ...rest } = rec;
  return rest;
}

export function accessOf(rec: RepositoryRecord): RepoAccess {
  return {
    kind: rec.kind,
    location: rec.location,
    password: rec.password,
    keyFile: rec.keyFile,
    knownHostsFile: rec.knownHostsFile,
    port: rec.port,
    accessKeyId: rec.accessKeyId,
    secretKey: rec.secretKey,
  };
}

export const repositoryNotFound = (id: string) =>
  new AppError("REPOSITORY_NOT_FOUND", t("Backup repository {{id}} not found", { id }));

export class RepositoryRecords {
  constructor(readonly store: Store) {}

  list(): RepositoryRecord[] {
    return this.store.db.prepare("SELECT * FROM restic_repositories ORDER BY name").all()
      .map((r) => fromRow(r as Row));
  }

  /** By id or name; throws REPOSITORY_NOT_FOUND. */
  get(idOrName: string): RepositoryRecord {
    const row = this.store.db.prepare(
      "SELECT * FROM restic_repositories WHERE id = ? OR name = ? LIMIT 1",
    ).get(idOrName, idOrName);
    if (!row) throw repositoryNotFound(idOrName);
    return fromRow(row as Row);
  }

  /** Throws REPOSITORY_EXISTS when a repository is named `name` already. */
  checkFree(name: string): void {
    const exists = this.store.db.prepare("SELECT 1 FROM restic_repositories WHERE name = ?")
      .get(name);
    if (exists) {
      throw new AppError(
        "REPOSITORY_EXISTS",
        t("A backup repository named {{name}} exists already", { name }),
      );
    }
  }

  insert(rec: RepositoryRecord): void {
    this.checkFree(rec.name);
    this.store.db.prepare(
      `INSERT INTO restic_repositories (id, name, kind, location, key_file, known_hosts_file,
        port, access_key_id, secret_key, password, keep_last, keep_daily, keep_weekly,
        keep_monthly, check_schedule, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
        ?, ?, ?, ?)`,
    ).run(
      rec.id,
      rec.name,
      rec.kind,
      rec.location,
      rec.keyFile,
      rec.knownHostsFile,
      rec.port,
      rec.accessKeyId,
      rec.secretKey,
      rec.password,
      rec.keep.last,
      rec.keep.daily,
      rec.keep.weekly,
      rec.keep.monthly,
      rec.checkSchedule,
      rec.createdAt,
    );
  }

  update(id: string, change: {
    keep?: KeepPolicy;
    checkSchedule?: string | null;
    keyFile?: string | null;
    knownHostsFile?: string | null;
    port?: number | null;
  }): void {
    const sets: string[] = [];
    const values: (string | number | null)[] = [];
    const set = (col: string, v: string | number | null) => {
      sets.push(`${col} = ?`);
      values.push(v);
    };
    if (change.keep) {
      set("keep_last", change.keep.last);
      set("keep_daily", change.keep.daily);
      set("keep_weekly", change.keep.weekly);
      set("keep_monthly", change.keep.monthly);
    }
    if (change.checkSchedule !== undefined) set("check_schedule", change.checkSchedule);
    if (change.keyFile !== undefined) set("key_file", change.keyFile);
    if (change.knownHostsFile !== undefined) set("known_hosts_file", change.knownHostsFile);
    if (change.port !== undefined) set("port", change.port);
    if (!sets.length) return;
    this.store.db.prepare(`UPDATE restic_repositories SET ${sets.join(", ")} WHERE id = ?`)
      .run(...values, id);
  }

  delete(id: string): void {
    this.store.db.prepare("DELETE FROM restic_repositories WHERE id = ?").run(id);
  }
}
