// The audit log API (mounted at /api/audit, admins only): entries newest first, filtered and
// paged, and the actions recorded so far for the filter's choices.

import { Hono } from "hono";
import type { AuditLog } from "../../lib/audit/log.ts";
import type { AuditFilter, AuditResult } from "../../shared/audit.ts";
import { AppError } from "../../lib/errors.ts";

const PARAMS = ["user", "action", "target", "result", "since", "until", "before", "limit"];

/**
 * Query parameters as a filter: unknown ones are refused, empty ones (a blank form field) mean
 * "any". AuditLog.query checks the values and answers INVALID_FILTER in the same words.
 */
export function filterOf(query: Record<string, string>): AuditFilter {
  const unknown = Object.keys(query).find((key) => !PARAMS.includes(key));
  if (unknown !== undefined) {
    throw new AppError("INVALID_FILTER", `Unknown filter ${unknown}: use ${PARAMS.join(", ")}`);
  }
  const text = (key: string) => query[key] || undefined;
  // Number() alone would take " 7", "0x10" or "1e2"; a NaN is refused by the log's check.
  const whole = (key: string) =>
    query[key] ? (/^\d{1,16}$/.test(query[key]) ? Number(query[key]) : NaN) : undefined;
  return {
    user: text("user"),
    action: text("action"),
    target: text("target"),
    result: text("result") as AuditResult | undefined,
    since: text("since"),
    until: text("until"),
    before: whole("before"),
    limit: whole("limit"),
  };
}

export function auditRoutes(log: AuditLog): Hono {
  const app = new Hono();
  app.get("/", (c) => c.json(log.query(filterOf(c.req.query()))));
  app.get("/actions", (c) => c.json({ actions: log.actions() }));
  return app;
}
