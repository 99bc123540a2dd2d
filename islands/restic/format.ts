// Words of the repository screens: a keep policy, a kind, a job's start and end.

import type { KeepPolicy, RepositoryKind, ResticJob } from "../../shared/restic.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

export const KIND_LABELS: Record<RepositoryKind, string> = {
  local: tKey("Local folder"),
  sftp: tKey("SFTP server"),
  s3: tKey("S3 bucket"),
};

/** "last 7, daily 14" — the rules that are set; "keep everything" when none is. */
export function keepText(keep: KeepPolicy): string {
  const parts = [
    keep.last && t("last {{n}}", { n: keep.last }),
    keep.daily && t("daily {{n}}", { n: keep.daily }),
    keep.weekly && t("weekly {{n}}", { n: keep.weekly }),
    keep.monthly && t("monthly {{n}}", { n: keep.monthly }),
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : t("Everything is kept");
}

/** What a job does, said when it starts, by the job's kind. */
const STARTED_TEXTS = new Map<string, string>([
  ["check", tKey("Check started.")],
  ["prune", tKey("Prune started.")],
  ["backup", tKey("Backup started.")],
  ["restore", tKey("Restore started.")],
  ["restore-disk", tKey("Restore started.")],
]);

/** "Check started."; plain "Started." for a kind the browser does not know yet. */
export function startedText(kind: string): string {
  return t(STARTED_TEXTS.get(kind) ?? tKey("Started."));
}

/** What a finished job says: its error in the API's words, or what it made. */
export function finishedText(job: ResticJob): string {
  if (job.status === "failed") return job.error?.message ?? t("Failed");
  if (job.status === "cancelled") return t("Cancelled");
  const r = job.result ?? {};
  const count = (v: unknown) => String(Array.isArray(v) ? v.length : 0);
  switch (job.kind) {
    case "check":
      return t("No errors were found");
    case "prune":
      return t("{{removed}} snapshots removed, {{kept}} kept", {
        removed: count(r.removed),
        kept: count(r.kept),
      });
    case "restore":
      if (typeof r.name === "string") return t("Restored as {{name}}", { name: r.name });
      break;
    case "restore-disk":
      if (typeof r.volume === "string") {
        return t("Restored into volume {{volume}}", { volume: r.volume });
      }
      break;
    case "backup":
      return t("Backup finished.");
  }
  return t("Finished.");
}
