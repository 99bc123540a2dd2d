// Words for jobs and runs: operations, timings, next run, targets and run results.

import {
  MANAGED_BY_VM,
  type RunStatus,
  type RunTrigger,
  type Schedule,
  type ScheduleOperation,
  type ScheduleTiming,
  type VmRunResult,
} from "../../shared/scheduler.ts";
import type { BackupMode } from "../../shared/scheduler.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";

export const OPERATION_LABELS: Record<ScheduleOperation, string> = {
  start: tKey("Start"),
  shutdown: tKey("Shut down"),
  reboot: tKey("Reboot"),
  snapshot: tKey("Snapshot"),
  backup: tKey("Back up"),
};

/** A backup mode as the forms and lists say it. */
export const MODE_LABELS: Record<BackupMode, string> = {
  auto: tKey("auto"),
  full: tKey("full"),
  incremental: tKey("incremental"),
};

/** Short weekday names, Sunday first (keys: shown through t()). */
export const WEEKDAY_NAMES = [
  tKey("Sun"),
  tKey("Mon"),
  tKey("Tue"),
  tKey("Wed"),
  tKey("Thu"),
  tKey("Fri"),
  tKey("Sat"),
];

/**
 * A moment in a job's zone, in the page's language: "May 1, 2026, 09:00" / "01.05.2026, 09:00"
 * (seconds only when not zero; an empty zone is the browser's).
 */
export function formatRunTime(ms: number, zone: string): string {
  return formatDateTime(ms, {
    dateStyle: "medium",
    timeStyle: new Date(ms).getUTCSeconds() ? "medium" : "short",
    hourCycle: "h23",
    timeZone: zone || undefined,
  });
}

/** "Daily at 09:00", "Weekly on Mon, Fri at 18:00", "Cron 0 9 L * *" … */
export function timingWords(timing: ScheduleTiming, zone: string): string {
  switch (timing.kind) {
    case "once":
      return t("Once at {{time}}", { time: formatRunTime(Date.parse(timing.at), zone) });
    case "daily":
      return t("Daily at {{time}}", { time: timing.time });
    case "weekly":
      return t("Weekly on {{days}} at {{time}}", {
        days: timing.days.map((d) => t(WEEKDAY_NAMES[d])).join(", "),
        time: timing.time,
      });
    case "monthly":
      return timing.day > 28
        ? t("Monthly on day {{day}} (or the month's last day) at {{time}}", {
          day: timing.day,
          time: timing.time,
        })
        : t("Monthly on day {{day}} at {{time}}", { day: timing.day, time: timing.time });
    case "cron":
      return t("Cron {{expression}}", { expression: timing.expression });
  }
}

/** The next run in the job's zone, or why there is none. */
export function nextRunWords(s: Schedule): string {
  if (!s.enabled) return t("Disabled");
  if (s.nextRunAt) return formatRunTime(Date.parse(s.nextRunAt), s.timezone);
  if (s.timing.kind === "once") return s.lastRun ? t("Done") : t("Time passed");
  return "—";
}

/** The badge of a job a policy keeps, with what to change instead; null for a hand-made job. */
export function managedBadge(s: Schedule): { label: string; title: string } | null {
  if (s.managedBy === null) return null;
  return s.managedBy.startsWith(MANAGED_BY_VM)
    ? {
      label: t("Local override"),
      title: t(
        "Kept by a VM's local backup override: change the override to change this job",
      ),
    }
    : {
      label: t("Managed by profile"),
      title: t("Kept by a profile's backup policy: change the profile to change this job"),
    };
}

/** Each VM's current name, else its last known one, else its id. */
export function targetNames(s: Schedule, vms: { id: string; name: string }[]): string[] {
  return s.vmIds.map((id) => vms.find((v) => v.id === id)?.name ?? s.vmNames[id] ?? id);
}

export const STATUS_LABELS: Record<RunStatus, string> = {
  running: tKey("Running"),
  succeeded: tKey("Succeeded"),
  partial: tKey("Partly failed"),
  failed: tKey("Failed"),
  skipped: tKey("Skipped"),
  interrupted: tKey("Interrupted"),
};

/** The badge class of a run status (app.css's VM state colours). */
export const STATUS_BADGES: Record<RunStatus, string> = {
  running: "badge badge-paused",
  succeeded: "badge badge-running",
  partial: "badge badge-suspended",
  failed: "badge badge-crashed",
  skipped: "badge badge-stopped",
  interrupted: "badge badge-crashed",
};

/** Why a run happened: on time, caught up after a miss, or by hand. */
export function triggerWords(trigger: RunTrigger): string {
  switch (trigger) {
    case "schedule":
      return t("On time");
    case "catch-up":
      return t("Caught up (missed)");
    case "manual":
      return t("Run now", { context: "trigger" });
  }
}

/** "web: done" or "db: VM not found: …" (the API's words). */
export function resultWords(r: VmRunResult): string {
  return r.ok
    ? t("{{vm}}: done", { vm: r.vmName })
    : `${r.vmName}: ${r.error?.message ?? t("failed")}`;
}

/** The browser's own zone, the form's default. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
