// The SQLite database file: opening it, checking it, migrating its schema and write transactions.

import { dirname } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { AppError } from "./errors.ts";
import { VERSION } from "./version.ts";
import { checkNotNewer, recordVersion, StoreTooNewError } from "./store_versions.ts";

export { StoreTooNewError };
import { fillIn, t, tKey } from "../shared/i18n/t.ts";
import { AUDIT_OLD_SECRET, AUDIT_TABLES } from "./audit/schema.ts";
import { API_TOKEN_LIFETIME, AUTH_TABLES } from "./auth/schema.ts";
import { BACKUP_TABLES } from "./backups/schema.ts";
import { SCHEDULE_TABLES } from "./scheduler/schema.ts";
import { HOST_TABLES } from "./hosts/schema.ts";
import { PROFILE_TABLES } from "./profiles/schema.ts";
import { USER_SETTINGS_TABLES } from "./i18n/schema.ts";
import { TASK_TABLES } from "./tasks/schema.ts";
import { NOTIFY_TABLES } from "./notify/schema.ts";
import { TWOFA_TABLES } from "./twofa/schema.ts";
import { RESTIC_TABLES } from "./restic/schema.ts";
import { REALM_TABLES } from "./auth/realms/schema.ts";

/**
 * The schema, one step per entry; entry i is schema version i + 1. Append only: a released
 * migration is never edited, because databases that already ran it will not run it again.
 */
const APP_MIGRATIONS: readonly string[] = [
  `CREATE TABLE templates (
    id TEXT PRIMARY KEY,
    name TEXT UNIQUE NOT NULL,
    description TEXT NOT NULL,
    config TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  // Port forwards of NAT networks; a host port is forwarded once per protocol host-wide.
  // AUTOINCREMENT: a deleted forward's id (also its firewall comment) is never reused.
  `CREATE TABLE port_forwards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    network TEXT NOT NULL,
    protocol TEXT NOT NULL CHECK (protocol IN ('tcp', 'udp')),
    host_port INTEGER NOT NULL CHECK (host_port BETWEEN 1 AND 65535),
    guest_ip TEXT NOT NULL,
    guest_port INTEGER NOT NULL CHECK (guest_port BETWEEN 1 AND 65535),
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (protocol, host_port)
  );
  CREATE INDEX port_forwards_network ON port_forwards (network)`,
  // Small settings (the metrics retention policy), one JSON value per key.
  `CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID`,
  // Alert rules and their firings (lib/metrics/alerts.ts). An event outlives its rule, so it
  // keeps the rule's name, metric and severity as they were when it fired.
  `CREATE TABLE alert_rules (
    id TEXT PRIMARY KEY,
    name TEXT UNIQUE NOT NULL,
    metric TEXT NOT NULL CHECK (metric IN ('cpu', 'memory', 'disk', 'network')),
    threshold REAL NOT NULL,
    vm_id TEXT,
    consecutive INTEGER NOT NULL CHECK (consecutive BETWEEN 1 AND 100),
    severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    enabled INTEGER NOT NULL,
    webhook_url TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE alert_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id TEXT NOT NULL,
    rule_name TEXT NOT NULL,
    metric TEXT NOT NULL,
    severity TEXT NOT NULL,
    vm_id TEXT NOT NULL,
    vm_name TEXT NOT NULL,
    threshold REAL NOT NULL,
    value REAL NOT NULL,
    fired_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_reason TEXT,
    webhook_error TEXT
  );
  CREATE INDEX alert_events_open ON alert_events (resolved_at, rule_id, vm_id);
  CREATE INDEX alert_events_vm ON alert_events (vm_id, id)`,
  // Scheduled jobs and their run history (lib/scheduler/).
  SCHEDULE_TABLES,
  // Backups and their disks (lib/backups/).
  BACKUP_TABLES,
  // Sessions, API tokens and assigned roles (lib/auth/).
  AUTH_TABLES,
  // Who did what through the app, and how it ended (lib/audit/).
  AUDIT_TABLES,
  // Remote libvirt hosts (lib/hosts/).
  HOST_TABLES,
  // Profiles, their assignments and VMs' local overrides (lib/profiles/).
  PROFILE_TABLES,
  // The task log: operations, who started them and how they ended (lib/tasks/).
  TASK_TABLES,
  // Each account's own settings: its UI language (lib/i18n/).
  USER_SETTINGS_TABLES,
  // Notification targets, rules, queued deliveries and digest items (lib/notify/).
  NOTIFY_TABLES,
  // Two-factor sign-in: TOTP seeds, security keys, recovery codes, required roles (lib/twofa/).
  TWOFA_TABLES,
  // Off-host backup repositories run with restic (lib/restic/).
  RESTIC_TABLES,
  // API tokens' optional expiry, and the old secret a rotation keeps for a grace period.
  API_TOKEN_LIFETIME,
  // Which of a token's secrets an audited request came with.
  AUDIT_OLD_SECRET,
  // Directories users sign in through beside PAM (lib/auth/realms/).
  REALM_TABLES,
];

/** A database's schema: its migrations, and whether to run quick_check when opening it. */
export interface Schema {
  /** One step per entry; entry i is schema version i + 1. Append only. */
  migrations: readonly string[];
  /** quick_check reads the whole file: worth it for the small app store, not for history. */
  quickCheck: boolean;
}

/** The app's own store: templates, port forwards, settings, alerts, schedules, backups, tasks. */
export const APP_SCHEMA: Schema = { migrations: APP_MIGRATIONS, quickCheck: true };

/** The newest schema version of the app store this build knows. */
export const SCHEMA_VERSION = APP_MIGRATIONS.length;

/** The database's file name inside the data folder. */
export const DB_FILE = "kvm-manager.db";

/**
 * How long a statement of a running server waits for another process's lock before it fails.
 * node:sqlite is synchronous: SQLite's busy wait would hold the whole event loop (every page,
 * every static file) for as long as the other process keeps its lock. A few milliseconds ride
 * over another process's ordinary commit; a longer hold becomes STORE_BUSY. In WAL mode readers
 * never wait for a writer. https://www.sqlite.org/c3ref/busy_timeout.html
 */
export const BUSY_TIMEOUT_MS = 10;

/**
 * While opening (start, adding a host), before any request is served, a migration may wait
 * longer for another process that is migrating the same file.
 */
const OPEN_BUSY_TIMEOUT_MS = 5000;

/** Seconds a client is told to wait after STORE_BUSY. */
export const STORE_BUSY_RETRY_SECONDS = 1;

// SQLite's primary result codes: https://www.sqlite.org/rescode.html
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
// Deno's node:sqlite leaves `errcode` out of errors thrown by exec(); its message is then
// sqlite3_errstr() of the code, which SQLite never changes.
const BUSY_TEXTS = new Set(["database is locked", "database table is locked"]);

/**
 * True when `err` is SQLite's SQLITE_BUSY or SQLITE_LOCKED (extended codes too): another
 * connection holds the lock this statement needs; trying again later can succeed.
 */
export function isStoreBusy(err: unknown): boolean {
  if (err instanceof AppError) return err.code === "STORE_BUSY";
  if (!(err instanceof Error) || (err as { code?: unknown }).code !== "ERR_SQLITE_ERROR") {
    return false;
  }
  const errcode = (err as { errcode?: unknown }).errcode;
  if (typeof errcode === "number") {
    return (errcode & 0xff) === SQLITE_BUSY || (errcode & 0xff) === SQLITE_LOCKED;
  }
  return BUSY_TEXTS.has(err.message);
}

/** The API's 503 for a store another process holds locked; `retryAfter` becomes Retry-After. */
export const storeBusy = (cause?: unknown) =>
  new AppError(
    "STORE_BUSY",
    t("The data store is busy (another process holds its lock); try again in a moment"),
    { retryAfter: STORE_BUSY_RETRY_SECONDS },
    { cause },
  );

/**
 * `err` as the API should answer it: SQLITE_BUSY or SQLITE_LOCKED become AppError 503
 * STORE_BUSY, anything else is returned as it is. For onError, which may meet a statement run
 * outside Store.write.
 */
export function storeErrorOf(err: unknown): unknown {
  return isStoreBusy(err) && !(err instanceof AppError) ? storeBusy(err) : err;
}

/** One open SQLite database with the app's schema applied. */
export class Store {
  #db: DatabaseSync | null;
  // Prepared, not exec()'d: only a statement's errors carry SQLite's code (see isStoreBusy).
  #begin: StatementSync;
  #commit: StatementSync;

  private constructor(db: DatabaseSync, readonly path: string) {
    this.#db = db;
    this.#begin = db.prepare("BEGIN IMMEDIATE");
    this.#commit = db.prepare("COMMIT");
  }

  /**
   * Opens (creating when missing) the database at `path`, or an in-memory one for ":memory:",
   * checks it is intact and applies pending migrations, and records `version` (this program's,
   * by default) as one that opened it. Throws an Error naming the file when it is not a healthy
   * SQLite database, StoreTooNewError when it is newer than this build; such a file is only read,
   * never written (see inspect).
   */
  static open(
    path: string,
    schema: Schema = APP_SCHEMA,
    { version = VERSION }: { version?: string } = {},
  ): Store {
    const memory = path === ":memory:";
    if (!memory) {
      Deno.mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      keepPrivate(path);
      inspect(path, schema);
    }
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(path);
    } catch (err) {
      throw new Error(`Cannot open database ${path}: ${(err as Error).message}`, { cause: err });
    }
    try {
      db.exec(`PRAGMA busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
      // WAL lets readers go on while one writer commits; it is meaningless in memory.
      if (!memory) db.exec("PRAGMA journal_mode = WAL");
      // NORMAL is durable across application crashes in WAL mode; only a power cut can lose
      // the last commits. https://www.sqlite.org/pragma.html#pragma_synchronous
      db.exec("PRAGMA synchronous = NORMAL");
      db.exec("PRAGMA foreign_keys = ON");
      migrate(db, path, schema.migrations, version);
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    } catch (err) {
      db.close();
      throw err;
    }
    return new Store(db, path);
  }

  /** The underlying connection; throws once the store is closed. */
  get db(): DatabaseSync {
    if (!this.#db) throw new Error(`Database ${this.path} is closed`);
    return this.#db;
  }

  /**
   * Runs `fn` in one write transaction: COMMIT when it returns, ROLLBACK when it throws.
   * BEGIN IMMEDIATE takes the write lock up front, so a read-then-write inside `fn` (such as
   * "is this name free? then insert") cannot interleave with another process's write.
   * Inside another `write`, `fn` simply joins the outer transaction. When another process
   * holds the write lock past BUSY_TIMEOUT_MS, throws AppError 503 STORE_BUSY (nothing written).
   */
  write<T>(fn: () => T): T {
    const db = this.db;
    if (db.isTransaction) return fn();
    try {
      this.#begin.run();
    } catch (err) {
      throw storeErrorOf(err);
    }
    try {
      const result = fn();
      // node:sqlite is synchronous: an await inside fn would let other code run mid-transaction.
      if (result instanceof Promise) {
        result.catch(() => {});
        throw new Error("Store.write needs a synchronous function");
      }
      this.#commit.run();
      return result;
    } catch (err) {
      if (db.isTransaction) db.exec("ROLLBACK");
      throw storeErrorOf(err);
    }
  }

  /**
   * Like write, for what may wait for a later chance (a session's last-seen time): returns
   * undefined instead of throwing when another process holds the lock.
   */
  tryWrite<T>(fn: () => T): T | undefined {
    try {
      return this.write(fn);
    } catch (err) {
      if (isStoreBusy(err)) return undefined;
      throw err;
    }
  }

  /** Closes the connection; later calls do nothing. */
  close(): void {
    this.#db?.close();
    this.#db = null;
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

/** `${dataDir}/kvm-manager.db`, or an in-memory database when there is no data folder. */
export function openStore(dataDir: string | null): Store {
  return Store.open(dataDir === null ? ":memory:" : `${dataDir}/${DB_FILE}`);
}

/** The app store, or an empty in-memory one and why, when the data folder's cannot be used. */
export interface AppStore {
  store: Store;
  /** Null when healthy; else what is wrong with the file and what to do, for logs and the UI. */
  degraded: string | null;
}

/**
 * Opens the data folder's store. A corrupt file or one that fails quick_check does not stop the
 * server (a service would only crash-loop): it runs on an empty in-memory store instead, leaves
 * the file as it is, and says so. Sessions then last until the next restart. A store from a newer
 * KVM Manager stops it (StoreTooNewError, naming both versions): that is an older program started
 * by mistake after an upgrade, which the admin must see at once.
 */
export function openAppStore(dataDir: string): AppStore {
  try {
    return { store: openStore(dataDir), degraded: null };
  } catch (err) {
    // A newer program's store: running on an empty one would hide that the wrong version runs.
    if (err instanceof StoreTooNewError) throw err;
    const error = (err as Error).message;
    // In English whoever opens it (the log reads it); degradedWords says it in a request's.
    const reason = fillIn(DEGRADED, { error });
    degradedErrors.set(reason, error);
    return { store: Store.open(":memory:"), degraded: reason };
  }
}

const DEGRADED = tKey(
  "{{error}}. KVM Manager is running on an empty temporary store: saved templates, schedules, backups, alert rules, port forwards, API tokens and the audit log are unavailable, and changes to them are refused. The file was left untouched: move it aside or restore a backup, then restart KVM Manager.",
);

/** The error behind each reason openAppStore gave, so that it can be said in another language. */
const degradedErrors = new Map<string, string>();

/**
 * openAppStore's `degraded` reason in the language of the request being answered (the error
 * itself, SQLite's or the check's, stays as it was written); another text is returned as it is.
 */
export function degradedWords(reason: string): string {
  const error = degradedErrors.get(reason);
  return error === undefined ? reason : t(DEGRADED, { error });
}

/**
 * The database holds sessions, tokens and settings: readable by the service user only. A new
 * file is made empty with mode 0600 before SQLite opens it (SQLite gives its -wal and -shm the
 * main file's mode, https://www.sqlite.org/tempfiles.html); an existing file and its -wal and
 * -shm are tightened to 0600. A chmod the owner alone may do (another user's file, a read-only
 * mount) is left to fail quietly: the store still opens.
 */
function keepPrivate(path: string) {
  try {
    Deno.openSync(path, { createNew: true, write: true, mode: 0o600 }).close();
  } catch (err) {
    if (!(err instanceof Deno.errors.AlreadyExists)) return; // open() then says why
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if ((Deno.statSync(file).mode! & 0o777) !== 0o600) Deno.chmodSync(file, 0o600);
    } catch { /* missing, or not ours to change */ }
  }
}

/**
 * Checks an existing file through a read-only connection before the real one opens it: a
 * read-write connection would convert it to WAL and checkpoint into it on close, changing a file
 * the user may want to recover.
 */
function inspect(path: string, schema: Schema) {
  try {
    if (Deno.statSync(path).size === 0) return;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return; // a new store
    throw new Error(`Cannot open database ${path}: ${(err as Error).message}`, { cause: err });
  }
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true });
  } catch (err) {
    throw new Error(`Cannot open database ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    db.exec(`PRAGMA busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
    if (schema.quickCheck) checkIntegrity(db, path);
    checkNotNewer(db, path, schema.migrations.length);
  } finally {
    db.close();
  }
}

function checkIntegrity(db: DatabaseSync, path: string) {
  let problems: string[];
  try {
    // One row per problem, some of them several lines: one line each, for logs and the banner.
    problems = db.prepare("PRAGMA quick_check(5)").all()
      .map((row) => String(row.quick_check).replace(/\s*\n\s*/g, "; "));
  } catch (err) {
    // A file that is not SQLite at all fails here with "file is not a database".
    throw new Error(
      `Database ${path} is corrupt or not a SQLite database: ${(err as Error).message}`,
      { cause: err },
    );
  }
  if (problems.length !== 1 || problems[0] !== "ok") {
    throw new Error(`Database ${path} failed its integrity check: ${problems.join("; ")}`);
  }
}

function schemaVersion(db: DatabaseSync): number {
  return Number(db.prepare("SELECT max(version) AS v FROM schema_migrations").get()?.v ?? 0);
}

function migrate(
  db: DatabaseSync,
  path: string,
  migrations: readonly string[],
  version: string,
) {
  db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      applied_at INTEGER NOT NULL
    )`,
  );
  const current = () => schemaVersion(db);
  // Checked again here: another process may have migrated since inspect() looked.
  checkNotNewer(db, path, migrations.length);
  const found = current();
  for (let version = found + 1; version <= migrations.length; version++) {
    db.exec("BEGIN IMMEDIATE");
    try {
      // Another process may have migrated while we waited for the lock.
      if (current() < version) {
        db.exec(migrations[version - 1]);
        db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)")
          .run(version, Date.now());
      }
      db.exec("COMMIT");
    } catch (err) {
      if (db.isTransaction) db.exec("ROLLBACK");
      throw new Error(
        `Database ${path}: migration ${version} failed: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }
  recordVersion(db, version, migrations.length);
}
