// Words and badges for audit entries.

import type { AuditEntry, AuditResult } from "../../shared/audit.ts";

export const RESULT_LABELS: Record<AuditResult, string> = {
  ok: "OK",
  error: "Error",
  denied: "Denied",
};

export const RESULT_BADGES: Record<AuditResult, string> = {
  ok: "badge badge-running",
  error: "badge badge-crashed",
  denied: "badge badge-paused",
};

/** "session", "token ci-deploy" or "—" (nobody signed in). */
export function viaWords(e: AuditEntry): string {
  if (e.via === "token") return e.tokenName ? `token ${e.tokenName}` : "token";
  return e.via === "session" ? "session" : "—";
}

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** An entry's time in the browser's zone. */
export const timeWords = (iso: string) => TIME.format(new Date(iso));
