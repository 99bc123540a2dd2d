// How a task reads to a person: its result line, where its target and its log entry live, its
// status, start and duration. Shared by the panel, the toasts and the /tasks page (server too).

import type { Task, TaskStatus, TaskTarget } from "../../shared/tasks.ts";
import { withHost } from "../client/host.ts";

export const STATUS_LABEL: Record<TaskStatus, string> = {
  running: "Running",
  succeeded: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** The DOM id of a task's row on /tasks, so `/tasks#task-7` scrolls to it without script. */
export const taskAnchor = (id: number) => `task-${id}`;

/** The task's entry in the task log (which holds every host's tasks), on the page's host. */
export const taskHref = (task: Pick<Task, "id">) => `${withHost("/tasks")}#${taskAnchor(task.id)}`;

const enc = encodeURIComponent;

/** The page of what a task acted on; null when it has none (a deleted VM still links: 404 page). */
export function targetHref(target: TaskTarget | null, hostId: string): string | null {
  if (!target) return null;
  const page = ((): string | null => {
    switch (target.kind) {
      case "vm":
        return `/vms/${enc(target.id)}`;
      case "vms":
        return "/vms";
      case "pool":
        return `/storage/${enc(target.id)}`;
      case "volume": {
        // A volume's id is "<pool>/<volume>"; its pool's page lists it.
        const pool = target.id.split("/")[0];
        return pool ? `/storage/${enc(pool)}` : "/storage";
      }
      case "network":
        return `/networks/${enc(target.id)}`;
      case "template":
        return "/templates";
      case "profile":
        return "/profiles";
      case "schedule":
        return "/schedules";
      case "backup":
        return "/backups";
      case "host":
        return "/hosts";
      default:
        return null;
    }
  })();
  return page && withHost(page, hostId);
}

// A title's first words in the past tense: "Start" → "Started", "Create VM" → "Created VM".
// Titles are operations in the imperative (lib/tasks/titles.ts).
const PAST: Record<string, string> = {
  Start: "Started",
  Stop: "Stopped",
  "Force stop": "Force stopped",
  "Shut down": "Shut down",
  Reboot: "Rebooted",
  Reset: "Reset",
  Pause: "Paused",
  Resume: "Resumed",
  Create: "Created",
  Delete: "Deleted",
  Clone: "Cloned",
  Import: "Imported",
  Change: "Changed",
  Edit: "Edited",
  Migrate: "Migrated",
  Cancel: "Cancelled",
  Add: "Added",
  Remove: "Removed",
  Grow: "Grew",
  Take: "Took",
  Revert: "Reverted",
  "Back up": "Backed up",
  Restore: "Restored",
  Run: "Ran",
  Copy: "Copied",
  Freeze: "Froze",
  Thaw: "Thawed",
  Assign: "Assigned",
  Override: "Overrode",
  Build: "Built",
  Refresh: "Refreshed",
  Upload: "Uploaded",
  Download: "Downloaded",
  Clean: "Cleaned",
};

/** "Start" → "Started"; null when the title's first words have no past form here. */
export function pastTitle(title: string): string | null {
  for (const [verb, past] of Object.entries(PAST)) {
    if (title === verb || title.startsWith(`${verb} `)) return past + title.slice(verb.length);
  }
  return null;
}

/** "Start web1" — the operation and what it acts on. */
export function taskName(task: Pick<Task, "title" | "target">): string {
  return task.target ? `${task.title} ${task.target.name}` : task.title;
}

/**
 * One line saying what happened: "Starting web1…", "Started web1", "Start web1 failed:
 * Requested operation is not valid: domain is already running", "Start web1 cancelled".
 */
export function resultLine(task: Task): string {
  const on = task.target ? ` ${task.target.name}` : "";
  switch (task.status) {
    case "running": {
      const pct = task.progress === null ? "" : ` (${percent(task.progress)})`;
      return `${task.title}${on}: running${pct}…`;
    }
    case "succeeded": {
      const past = pastTitle(task.title);
      return past ? `${past}${on}` : `${task.title}${on}: done`;
    }
    case "failed":
      return `${task.title}${on} failed${task.message ? `: ${task.message}` : ""}`;
    case "cancelled":
      return `${task.title}${on} cancelled`;
  }
}

export const percent = (fraction: number) =>
  `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)} %`;

/** How long a task ran (or has run): "< 0.1 s", "0.4 s", "12 s", "3 min 5 s", "2 h 10 min". */
export function durationText(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 0.1) return "< 0.1 s";
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ${Math.floor(s % 60)} s`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

export const taskDuration = (task: Task, now: number) =>
  durationText((task.endedAt ?? now) - task.startedAt);

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });
const CLOCK = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });
const DATE_CLOCK = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "medium" });

/** "now", "5 min ago" within the hour, then the time of day (with the date past today). */
export function startedText(at: number, now: number): string {
  const s = Math.round((now - at) / 1000);
  if (s < 10) return RELATIVE.format(0, "second");
  if (s < 60) return RELATIVE.format(-s, "second");
  if (s < 3600) return RELATIVE.format(-Math.floor(s / 60), "minute");
  return clockText(at, now);
}

/** The time of day, with the date when it is not today. */
export function clockText(at: number, now: number): string {
  return new Date(at).toDateString() === new Date(now).toDateString()
    ? CLOCK.format(at)
    : DATE_CLOCK.format(at);
}

/** `task` put into `list` (newest first): replacing its older version, at most `limit` kept. */
export function upsertTask(list: Task[], task: Task, limit = Infinity): Task[] {
  const rest = list.filter((t) => t.id !== task.id);
  const at = rest.findIndex((t) => t.id < task.id);
  const next = at === -1 ? [...rest, task] : [...rest.slice(0, at), task, ...rest.slice(at)];
  return next.slice(0, limit);
}
