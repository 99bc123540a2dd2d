// The audit trail in the app store: who did what to which resource, and how it ended.

import { AppError } from "../errors.ts";
import { isStoreBusy, type Store } from "../store.ts";
import {
  AUDIT_LIMIT_DEFAULT,
  AUDIT_LIMIT_MAX,
  AUDIT_RESULTS,
  type AuditEntry,
  type AuditEntryInput,
  type AuditFilter,
  type AuditPage,
  type AuditResult,
  type AuditVia,
} from "../../shared/audit.ts";
import { t } from "../../shared/i18n/t.ts";

/** Rows kept; older ones are deleted in batches as new ones arrive. */
export const AUDIT_ROWS_KEPT = 100_000;
/** Inserts between two trims; the first insert after start trims too. */
export const AUDIT_TRIM_EVERY = 1_000;
/**
 * Entries held in memory while another process holds the store's write lock; past this the
 * oldest are dropped (and counted in one log line).
 */
export const AUDIT_PENDING_MAX = 1_000;
/** How soon held entries are tried again (sooner when another entry arrives). */
export const AUDIT_RETRY_MS = 1_000;

const invalid = (message: string) => new AppError("INVALID_FILTER", message);

// Long enough for any real value; a hostile path or message cannot grow the file without end.
const MAX_TEXT = 2_000;
const clip = (s: string | null | undefined, max = MAX_TEXT) =>
  s === null || s === undefined ? null : s.length > max ? `${s.slice(0, max - 1)}…` : s;

// A date, or a date and time with its zone: a time without one would be read in the server's.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/i;
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function textOf(field: string, value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== "string" || value.length === 0 || value.length > max || CONTROL.test(value)
  ) {
    throw invalid(
      t("{{field}} must be 1–{{max}} characters without control characters", { field, max }),
    );
  }
  return value;
}

// Date.parse rolls 2026-02-30 over to March 2 instead of refusing it.
function realDay(iso: string): boolean {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

function timeOf(field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === "string" && ISO_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms) || !realDay(value as string)) {
    throw invalid(
      t(
        "{{field}} must be an ISO 8601 date, or a time with its zone, such as 2026-01-10T08:00:00Z",
        { field },
      ),
    );
  }
  return new Date(ms).toISOString();
}

function wholeOf(field: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(
      t("{{field}} must be a whole number from {{min}} to {{max}}", { field, min, max }),
    );
  }
  return value;
}

/**
 * A filter with every field checked and times normalized to UTC ISO; throws
 * AppError(400, "INVALID_FILTER") naming the first wrong field.
 */
export function checkFilter(filter: AuditFilter): AuditFilter & { limit: number } {
  const result = filter.result;
  if (result !== undefined && !AUDIT_RESULTS.includes(result)) {
    throw invalid(t("result must be one of {{results}}", { results: AUDIT_RESULTS.join(", ") }));
  }
  const checked = {
    user: textOf("user", filter.user, 256),
    action: textOf("action", filter.action, 256),
    target: textOf("target", filter.target, 256),
    result,
    since: timeOf("since", filter.since),
    until: timeOf("until", filter.until),
    before: wholeOf("before", filter.before, 1, Number.MAX_SAFE_INTEGER),
    limit: wholeOf("limit", filter.limit, 1, AUDIT_LIMIT_MAX) ?? AUDIT_LIMIT_DEFAULT,
  };
  if (checked.since && checked.until && checked.since >= checked.until) {
    throw invalid(t("since must be earlier than until"));
  }
  return checked;
}

/** How a response's status ends an action: 1xx–3xx ok, 401 and 403 denied, else error. */
export function resultOfStatus(status: number): AuditResult {
  if (status < 400) return "ok";
  return status === 401 || status === 403 ? "denied" : "error";
}

function entryOf(row: Record<string, unknown>): AuditEntry {
  const text = (v: unknown) => v === null ? null : String(v);
  return {
    id: Number(row.id),
    at: String(row.at),
    user: String(row.user),
    via: row.via as AuditVia,
    tokenName: text(row.token_name),
    tokenOldSecret: Number(row.token_old_secret) === 1,
    ip: text(row.ip),
    action: String(row.action),
    method: String(row.method),
    path: String(row.path),
    target: text(row.target),
    status: Number(row.status),
    result: row.result as AuditResult,
    errorCode: text(row.error_code),
    message: text(row.message),
  };
}

export class AuditLog {
  readonly #keep: number;
  readonly #trimEvery: number;
  #sinceTrim: number;
  /** Entries not yet written, oldest first: more than one only while the store is busy. */
  #pending: (AuditEntryInput & { at: string })[] = [];
  /** Held entries dropped since the store became busy. */
  #dropped = 0;
  /** True from the first busy store until the held entries are written (one log line each). */
  #held = false;
  #retry: ReturnType<typeof setTimeout> | undefined;

  /** `keep` and `trimEvery` are for tests; the defaults are the app's. */
  constructor(
    readonly store: Store,
    { keep = AUDIT_ROWS_KEPT, trimEvery = AUDIT_TRIM_EVERY }: {
      keep?: number;
      trimEvery?: number;
    } = {},
  ) {
    this.#keep = keep;
    this.#trimEvery = trimEvery;
    this.#sinceTrim = trimEvery;
  }

  /**
   * Appends one entry. Never throws: a failure to record is logged to stderr, because the
   * action it describes has already happened (or been refused) and must still be answered.
   * While another process holds the store's write lock, entries wait in memory (at most
   * AUDIT_PENDING_MAX, with the time they happened) and are written once it is free.
   */
  record(entry: AuditEntryInput): void {
    this.#pending.push({ ...entry, at: entry.at ?? new Date().toISOString() });
    if (this.#pending.length > AUDIT_PENDING_MAX) {
      this.#pending.shift();
      if (this.#dropped++ === 0) {
        console.error(
          `Audit log: the store is still busy; dropping the oldest held entries beyond ` +
            `${AUDIT_PENDING_MAX}`,
        );
      }
    }
    this.#flush();
  }

  /** Entries waiting for the store's lock. */
  get pendingCount(): number {
    return this.#pending.length;
  }

  /** Writes the held entries now if the store is free; true when none is left waiting. */
  flush(): boolean {
    this.#flush();
    return this.#pending.length === 0;
  }

  /** Stops retrying held entries (tries once more first); for shutdown. */
  close(): void {
    this.#flush();
    clearTimeout(this.#retry);
    this.#retry = undefined;
    if (this.#pending.length) {
      console.error(`Audit log: ${this.#pending.length} entries could not be written`);
    }
  }

  #flush() {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    if (!this.#pending.length) return;
    const entries = this.#pending;
    try {
      this.store.write(() => {
        for (const entry of entries) this.#insert(entry);
      });
    } catch (err) {
      if (isStoreBusy(err)) {
        if (!this.#held) {
          console.error(
            "Audit log: the store is busy (another process holds its lock); holding entries " +
              "in memory until it is free",
          );
        }
        this.#held = true;
        const retry = this.#retry = setTimeout(() => this.#flush(), AUDIT_RETRY_MS);
        Deno.unrefTimer(retry);
        return;
      }
      const what = entries.length === 1
        ? `${entries[0].action} by ${entries[0].user}`
        : `${entries.length} entries`;
      console.error(`Audit log: cannot record ${what}:`, err);
      this.#pending = [];
      this.#held = false;
      this.#dropped = 0;
      return;
    }
    this.#pending = [];
    if (this.#held) {
      console.error(
        `Audit log: the store is free again; ${entries.length} held entries recorded` +
          (this.#dropped ? `, ${this.#dropped} dropped` : ""),
      );
    }
    this.#held = false;
    this.#dropped = 0;
  }

  #insert(entry: AuditEntryInput & { at: string }) {
    this.store.db.prepare(
      `INSERT INTO audit_log (at, user, via, token_name, token_old_secret, ip, action, method, path,
         target, status, result, error_code, message)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.at,
      clip(entry.user, 256) || "-",
      entry.via,
      clip(entry.tokenName, 256),
      entry.tokenOldSecret ? 1 : 0,
      clip(entry.ip, 64),
      clip(entry.action, 256)!,
      clip(entry.method, 16)!,
      clip(entry.path)!,
      clip(entry.target, 256),
      entry.status,
      entry.result,
      clip(entry.errorCode, 64),
      clip(entry.message),
    );
    if (++this.#sinceTrim >= this.#trimEvery) this.#trim();
  }

  // One walk down the primary key finds the oldest row to keep; everything before it goes.
  #trim() {
    this.#sinceTrim = 0;
    this.store.db.prepare(
      `DELETE FROM audit_log WHERE id <=
         (SELECT id FROM audit_log ORDER BY id DESC LIMIT 1 OFFSET ?)`,
    ).run(this.#keep);
  }

  /** Newest first; throws AppError(400, "INVALID_FILTER") for a wrong filter. */
  query(filter: AuditFilter): AuditPage {
    const f = checkFilter(filter);
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (sql: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(sql);
      params.push(value);
    };
    add("user = ?", f.user);
    if (f.action?.endsWith(".*")) {
      // A prefix range rather than LIKE, so the action index serves it ("/" sorts after ".").
      const prefix = f.action.slice(0, -1);
      add("action >= ?", prefix);
      add("action < ?", `${prefix.slice(0, -1)}/`);
    } else add("action = ?", f.action);
    add("target = ?", f.target);
    add("result = ?", f.result);
    add("at >= ?", f.since);
    add("at < ?", f.until);
    add("id < ?", f.before);
    const rows = this.store.db.prepare(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY id DESC LIMIT ?`,
    ).all(...params, f.limit + 1);
    const entries = rows.slice(0, f.limit).map(entryOf);
    return {
      entries,
      nextBefore: rows.length > f.limit ? entries[entries.length - 1].id : null,
    };
  }

  /** Every action recorded, sorted: the choices of the UI's filter. */
  actions(): string[] {
    // Jumps from one action to the next through the index instead of reading every row.
    const rows = this.store.db.prepare(
      `WITH RECURSIVE a(action) AS (
         SELECT min(action) FROM audit_log
         UNION ALL
         SELECT (SELECT min(action) FROM audit_log WHERE action > a.action) FROM a
         WHERE a.action IS NOT NULL
       )
       SELECT action FROM a WHERE action IS NOT NULL`,
    ).all();
    return rows.map((r) => String(r.action));
  }
}
