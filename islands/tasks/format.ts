// How a task reads to a person: its result line, where its target and its log entry live, its
// status, start and duration. Shared by the panel, the toasts and the /tasks page (server too).

import type { Task, TaskStatus, TaskTarget } from "../../shared/tasks.ts";
import { withHost } from "../../components/client/host.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import {
  formatDateTime,
  formatNumber,
  formatRelative,
  formatTime,
} from "../../shared/i18n/format.ts";

/** Each status in words: `t(STATUS_LABEL[status])`. */
export const STATUS_LABEL: Record<TaskStatus, string> = {
  running: tKey("Running"),
  succeeded: tKey("Done"),
  failed: tKey("Failed"),
  cancelled: tKey("Cancelled"),
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

// Each title (lib/tasks/titles.ts, operations in the imperative) in the past tense, for the line
// a finished task leaves: "Start" → "Started web1". Whole phrases, since other languages do not
// make the past by changing the first word ("Reset" and "Shut down" look the same in English,
// not in German: context "past"); a title not here says "…: done".
const PAST: Record<string, () => string> = {
  Start: () => t("Started"),
  "Shut down": () => t("Shut down", { context: "past" }),
  "Force stop": () => t("Force stopped"),
  Pause: () => t("Paused"),
  Resume: () => t("Resumed"),
  Reboot: () => t("Rebooted"),
  Reset: () => t("Reset", { context: "past" }),
  "Create VM": () => t("Created VM"),
  "Delete VM": () => t("Deleted VM"),
  "Clone VM": () => t("Cloned VM"),
  "Import VM": () => t("Imported VM"),
  "Change VM settings": () => t("Changed VM settings"),
  "Edit VM XML": () => t("Edited VM XML"),
  "Migrate VM": () => t("Migrated VM"),
  "Cancel migration": () => t("Cancelled migration"),
  "Add disk": () => t("Added disk"),
  "Remove disk": () => t("Removed disk"),
  "Grow disk": () => t("Grew disk"),
  "Change CD": () => t("Changed CD"),
  "Add network interface": () => t("Added network interface"),
  "Remove network interface": () => t("Removed network interface"),
  "Take snapshot": () => t("Took snapshot"),
  "Revert to snapshot": () => t("Reverted to snapshot"),
  "Delete snapshot": () => t("Deleted snapshot"),
  "Back up": () => t("Backed up"),
  "Delete backup": () => t("Deleted backup"),
  "Restore backup": () => t("Restored backup"),
  "Cancel backup": () => t("Cancelled backup"),
  "Change backup settings": () => t("Changed backup settings"),
  "Run a command in the guest": () => t("Ran a command in the guest"),
  "Copy a file into the guest": () => t("Copied a file into the guest"),
  "Copy a file from the guest": () => t("Copied a file from the guest"),
  "Freeze guest filesystems": () => t("Froze guest filesystems"),
  "Thaw guest filesystems": () => t("Thawed guest filesystems"),
  "Create schedule": () => t("Created schedule"),
  "Change schedule": () => t("Changed schedule"),
  "Delete schedule": () => t("Deleted schedule"),
  "Run schedule now": () => t("Ran schedule now"),
  "Create template": () => t("Created template"),
  "Change template": () => t("Changed template"),
  "Delete template": () => t("Deleted template"),
  "Create profile": () => t("Created profile"),
  "Import profile": () => t("Imported profile"),
  "Change profile": () => t("Changed profile"),
  "Delete profile": () => t("Deleted profile"),
  "Assign profile": () => t("Assigned profile"),
  "Remove profile": () => t("Removed profile"),
  "Override policy setting": () => t("Overrode policy setting"),
  "Remove policy override": () => t("Removed policy override"),
  "Create storage pool": () => t("Created storage pool"),
  "Delete storage pool": () => t("Deleted storage pool"),
  "Change pool autostart": () => t("Changed pool autostart"),
  "Start storage pool": () => t("Started storage pool"),
  "Stop storage pool": () => t("Stopped storage pool"),
  "Build storage pool": () => t("Built storage pool"),
  "Refresh storage pool": () => t("Refreshed storage pool"),
  "Create volume": () => t("Created volume"),
  "Delete volume": () => t("Deleted volume"),
  "Grow volume": () => t("Grew volume"),
  "Clone volume": () => t("Cloned volume"),
  "Upload volume": () => t("Uploaded volume"),
  "Download volume": () => t("Downloaded volume"),
  "Create network": () => t("Created network"),
  "Delete network": () => t("Deleted network"),
  "Change network autostart": () => t("Changed network autostart"),
  "Start network": () => t("Started network"),
  "Stop network": () => t("Stopped network"),
  "Change DHCP range": () => t("Changed DHCP range"),
  "Add DHCP reservation": () => t("Added DHCP reservation"),
  "Remove DHCP reservation": () => t("Removed DHCP reservation"),
  "Add port forward": () => t("Added port forward"),
  "Remove port forward": () => t("Removed port forward"),
  "Add host": () => t("Added host"),
  "Remove host": () => t("Removed host"),
  "Change metrics retention": () => t("Changed metrics retention"),
  "Clean up metrics": () => t("Cleaned up metrics"),
  "Create alert rule": () => t("Created alert rule"),
  "Change alert rule": () => t("Changed alert rule"),
  "Delete alert rule": () => t("Deleted alert rule"),
};

/** "Start" → "Started" (in the page's language); null when the title has no past form here. */
export function pastTitle(title: string): string | null {
  return PAST[title]?.() ?? null;
}

/** "Start web1" — the operation and what it acts on, in the page's language. */
export function taskName(task: Pick<Task, "title" | "target">): string {
  const title = t(task.title);
  return task.target ? t("{{title}} {{target}}", { title, target: task.target.name }) : title;
}

/**
 * One line saying what happened: "Start web1: running…", "Started web1", "Start web1 failed:
 * Requested operation is not valid: domain is already running", "Start web1 cancelled".
 */
export function resultLine(task: Task): string {
  const name = taskName(task);
  switch (task.status) {
    case "running":
      return task.progress === null
        ? t("{{task}}: running…", { task: name })
        : t("{{task}}: running ({{percent}})…", { task: name, percent: percent(task.progress) });
    case "succeeded": {
      const past = pastTitle(task.title);
      if (!past) return t("{{task}}: done", { task: name });
      return task.target
        ? t("{{done}} {{target}}", { done: past, target: task.target.name })
        : past;
    }
    case "failed":
      return task.message
        ? t("{{task}} failed: {{message}}", { task: name, message: task.message })
        : t("{{task}} failed", { task: name });
    case "cancelled":
      return t("{{task}} cancelled", { task: name });
  }
}

export const percent = (fraction: number) =>
  `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)} %`;

/** How long a task ran (or has run): "< 0.1 s", "0.4 s", "12 s", "3 min 5 s", "2 h 10 min". */
export function durationText(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  const tenths = (n: number) =>
    formatNumber(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (s < 0.1) return `< ${tenths(0.1)} s`;
  if (s < 10) return `${tenths(s)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ${Math.floor(s % 60)} s`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

export const taskDuration = (task: Task, now: number) =>
  durationText((task.endedAt ?? now) - task.startedAt);

/** "now", "5 min ago" within the hour, then the time of day (with the date past today). */
export function startedText(at: number, now: number): string {
  const s = Math.round((now - at) / 1000);
  if (s < 10) return formatRelative(0, "second");
  if (s < 60) return formatRelative(-s, "second");
  if (s < 3600) return formatRelative(-Math.floor(s / 60), "minute");
  return clockText(at, now);
}

/** The time of day, with the date when it is not today. */
export function clockText(at: number, now: number): string {
  return new Date(at).toDateString() === new Date(now).toDateString()
    ? formatTime(at)
    : formatDateTime(at, { dateStyle: "short", timeStyle: "medium" });
}

/** `task` put into `list` (newest first): replacing its older version, at most `limit` kept. */
export function upsertTask(list: Task[], task: Task, limit = Infinity): Task[] {
  const rest = list.filter((t) => t.id !== task.id);
  const at = rest.findIndex((t) => t.id < task.id);
  const next = at === -1 ? [...rest, task] : [...rest.slice(0, at), task, ...rest.slice(at)];
  return next.slice(0, limit);
}
