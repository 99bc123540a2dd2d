// The audit log's shapes, shared by the store (lib/audit/log.ts), the API and the browser.

export const AUDIT_RESULTS = ["ok", "error", "denied"] as const;
/** ok: 1xx–3xx; denied: 401 or 403; error: any other failure. */
export type AuditResult = typeof AUDIT_RESULTS[number];

/** How the request was signed in: a browser session, an API token, or not at all. */
export type AuditVia = "session" | "token" | "anonymous";

/** What a recorded action was, by whom and how it ended; the log adds id and, if absent, at. */
export interface AuditEntryInput {
  /** ISO time; now when absent. */
  at?: string;
  /** Account name; for a failed login the name tried; "-" when there is none. */
  user: string;
  via: AuditVia;
  tokenName?: string | null;
  /** The token's secret before its last rotation, still in its grace period, was used. */
  tokenOldSecret?: boolean;
  ip?: string | null;
  /** "vm.start", "pool.create", "auth.login"… (routes/middleware/audit.ts names them). */
  action: string;
  method: string;
  /** The concrete path asked for, e.g. /api/vms/<uuid>/start. */
  path: string;
  /** The resource the path names: a VM's UUID, a pool's or network's name… */
  target?: string | null;
  status: number;
  result: AuditResult;
  errorCode?: string | null;
  message?: string | null;
}

/** One row of the log as the API answers it. */
export interface AuditEntry {
  id: number;
  at: string;
  user: string;
  via: AuditVia;
  tokenName: string | null;
  /** The token's secret before its last rotation, still in its grace period, was used. */
  tokenOldSecret: boolean;
  ip: string | null;
  action: string;
  method: string;
  path: string;
  target: string | null;
  status: number;
  result: AuditResult;
  errorCode: string | null;
  message: string | null;
}

/** Which rows to read, newest first. Every field but limit narrows the answer. */
export interface AuditFilter {
  user?: string;
  /** An exact action ("vm.start"), or every action of a resource ("vm.*"). */
  action?: string;
  target?: string;
  result?: AuditResult;
  /** ISO time; rows at or after it. */
  since?: string;
  /** ISO time; rows before it. */
  until?: string;
  /** A row id: rows older than it (the previous page's nextBefore). */
  before?: number;
  /** 1–500; 100 when absent. */
  limit?: number;
}

/** A page of the log; `nextBefore` asks for the next older page, null when this is the last. */
export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}

export const AUDIT_LIMIT_DEFAULT = 100;
export const AUDIT_LIMIT_MAX = 500;
