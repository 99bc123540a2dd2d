// The audit trail in the app store: who did what to which resource, and how it ended.

import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
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
} from "./types.ts";

/** Rows kept; older ones are deleted in batches as new ones arrive. */
export const AUDIT_ROWS_KEPT = 100_000;
/** Inserts between two trims; the first insert after start trims too. */
export const AUDIT_TRIM_EVERY = 1_000;

const invalid = (message: string) => new AppError(400, "INVALID_FILTER", message);

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
    throw invalid(`${field} must be 1–${max} characters without control characters`);
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
      `${field} must be an ISO 8601 date, or a time with its zone, such as 2026-01-10T08:00:00Z`,
    );
  }
  return new Date(ms).toISOString();
}

function wholeOf(field: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${field} must be a whole number from ${min} to ${max}`);
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
    throw invalid(`result must be one of ${AUDIT_RESULTS.join(", ")}`);
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
    throw invalid("since must be earlier than until");
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
   */
  record(entry: AuditEntryInput): void {
    try {
      this.store.write(() => {
        this.store.db.prepare(
          `INSERT INTO audit_log (at, user, via, token_name, ip, action, method, path, target,
             status, result, error_code, message)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          entry.at ?? new Date().toISOString(),
          clip(entry.user, 256) || "-",
          entry.via,
          clip(entry.tokenName, 256),
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
      });
    } catch (err) {
      console.error(`Audit log: cannot record ${entry.action} by ${entry.user}:`, err);
    }
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
