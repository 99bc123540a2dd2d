// The audit log API (mounted at /api/audit, admins only): entries newest first, filtered and
// paged, and the actions recorded so far for the filter's choices.

import { z } from "zod";
import type { AuditLog } from "../../lib/audit/log.ts";
import {
  AUDIT_LIMIT_DEFAULT,
  AUDIT_LIMIT_MAX,
  AUDIT_RESULTS,
  type AuditFilter,
  type AuditResult,
} from "../../shared/audit.ts";
import { AppError } from "../../lib/errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { DeclaredApp, reply } from "../declare.ts";

const described = (description: string) => z.string().optional().meta({ description });

/** The filter's query parameters, as the API reference documents them. */
const FILTER_QUERY: Record<string, z.ZodType> = {
  user: described("Only this user's entries"),
  action: described("Only this action (vm.start), or every action of a resource (vm.*)"),
  target: described("Only entries about this resource"),
  result: described(`Only entries with this result: ${AUDIT_RESULTS.join(", ")}`),
  since: described("Entries at or after this time (ISO 8601)"),
  until: described("Entries before this time (ISO 8601)"),
  before: described("Entries older than this id (the previous page's nextBefore)"),
  limit: described(`How many entries, 1 to ${AUDIT_LIMIT_MAX} (default ${AUDIT_LIMIT_DEFAULT})`),
};

const PARAMS = Object.keys(FILTER_QUERY);

/**
 * Query parameters as a filter: unknown ones are refused, empty ones (a blank form field) mean
 * "any". AuditLog.query checks the values and answers INVALID_FILTER in the same words.
 */
export function filterOf(query: Record<string, string>): AuditFilter {
  const unknown = Object.keys(query).find((key) => !PARAMS.includes(key));
  if (unknown !== undefined) {
    throw new AppError(
      "INVALID_FILTER",
      t("Unknown filter {{name}}: use {{known}}", { name: unknown, known: PARAMS.join(", ") }),
    );
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

export function auditRoutes(log: AuditLog): DeclaredApp {
  const app = new DeclaredApp({ access: "admin" });
  app.GET(
    "/",
    "Audit log entries, newest first, filtered and paged",
    { query: FILTER_QUERY, answer: "AuditPage" },
    (c) => c.json(log.query(filterOf(c.req.query()))),
  );
  app.GET("/actions", "The actions recorded so far", {
    answer: "AuditActions",
  }, reply(() => ({ actions: log.actions() })));
  return app;
}
