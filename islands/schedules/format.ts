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
import { formatInZone } from "../../shared/zoned_time.ts";

export const OPERATION_LABELS: Record<ScheduleOperation, string> = {
  start: "Start",
  shutdown: "Shut down",
  reboot: "Reboot",
  snapshot: "Snapshot",
  backup: "Back up",
};

export const WEEKDAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "Daily at 09:00", "Weekly on Mon, Fri at 18:00", "Cron 0 9 L * *" … */
export function timingWords(timing: ScheduleTiming, zone: string): string {
  switch (timing.kind) {
    case "once":
      return `Once at ${formatInZone(Date.parse(timing.at), zone)}`;
    case "daily":
      return `Daily at ${timing.time}`;
    case "weekly":
      return `Weekly on ${timing.days.map((d) => WEEKDAY_NAMES[d]).join(", ")} at ${timing.time}`;
    case "monthly":
      return timing.day > 28
        ? `Monthly on day ${timing.day} (or the month's last day) at ${timing.time}`
        : `Monthly on day ${timing.day} at ${timing.time}`;
    case "cron":
      return `Cron ${timing.expression}`;
  }
}

/** The next run in the job's zone, or why there is none. */
export function nextRunWords(s: Schedule): string {
  if (!s.enabled) return "Disabled";
  if (s.nextRunAt) return formatInZone(Date.parse(s.nextRunAt), s.timezone);
  if (s.timing.kind === "once") return s.lastRun ? "Done" : "Time passed";
  return "—";
}

/** The badge of a job a policy keeps, with what to change instead; null for a hand-made job. */
export function managedBadge(s: Schedule): { label: string; title: string } | null {
  if (s.managedBy === null) return null;
  return s.managedBy.startsWith(MANAGED_BY_VM)
    ? {
      label: "Local override",
      title: "Kept by a VM's local backup override: change the override to change this job",
    }
    : {
      label: "Managed by profile",
      title: "Kept by a profile's backup policy: change the profile to change this job",
    };
}

/** Each VM's current name, else its last known one, else its id. */
export function targetNames(s: Schedule, vms: { id: string; name: string }[]): string[] {
  return s.vmIds.map((id) => vms.find((v) => v.id === id)?.name ?? s.vmNames[id] ?? id);
}

export const STATUS_LABELS: Record<RunStatus, string> = {
  running: "Running",
  succeeded: "Succeeded",
  partial: "Partly failed",
  failed: "Failed",
  skipped: "Skipped",
  interrupted: "Interrupted",
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

export const TRIGGER_LABELS: Record<RunTrigger, string> = {
  schedule: "On time",
  "catch-up": "Caught up (missed)",
  manual: "Run now",
};

/** "web: done" or "db: VM not found: …" (the API's words). */
export function resultWords(r: VmRunResult): string {
  return r.ok ? `${r.vmName}: done` : `${r.vmName}: ${r.error?.message ?? "failed"}`;
}

/** The browser's own zone, the form's default. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
