// Words and badges for audit entries.

import type { AuditEntry, AuditResult } from "../../shared/audit.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

/** Keys: t() them where shown. */
export const RESULT_LABELS: Record<AuditResult, string> = {
  ok: tKey("OK"),
  error: tKey("Error"),
  denied: tKey("Denied"),
};

export const RESULT_BADGES: Record<AuditResult, string> = {
  ok: "badge badge-running",
  error: "badge badge-crashed",
  denied: "badge badge-paused",
};

/** "session", "token ci-deploy", "token ci-deploy (old secret)" or "—" (nobody signed in). */
export function viaWords(e: AuditEntry): string {
  if (e.via === "token") {
    if (!e.tokenName) return t("token");
    return e.tokenOldSecret
      ? t("token {{name}} (old secret)", { name: e.tokenName })
      : t("token {{name}}", { name: e.tokenName });
  }
  return e.via === "session" ? t("session") : "—";
}

/** An entry's time in the browser's zone, in the page's language. */
export const timeWords = (iso: string) => formatDateTime(iso);
