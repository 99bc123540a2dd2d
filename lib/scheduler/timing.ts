// When a job runs: checks of a timing and its time zone, and the next occurrences after an
// instant, computed by croner in the job's zone (DST rules: see nextRunsAfter).

import { Cron } from "croner";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { type ScheduleTiming, TIMING_KINDS, type TimingKind } from "../../shared/scheduler.ts";
import { zonedParts } from "../../shared/zoned_time.ts";
import { validated } from "../validate.ts";

const invalidTiming = (message: string) => new AppError("INVALID_TIMING", message);
const invalidCron = (message: string) => new AppError("INVALID_CRON", message);

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const CRON_MAX = 200;

/** The host's time zone (the default of a job), "UTC" when it has none. */
export function hostTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

const unknownZone = (value: unknown) =>
  `Unknown time zone ${JSON.stringify(value)}: use an IANA name such as Europe/Berlin or UTC`;

function knownZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const zoneError = { error: (issue: { input?: unknown }) => unknownZone(issue.input) };

/** A job's `timezone`: an IANA name, or nothing ("" and null too) for the host's zone. */
export const TimeZoneField = z.union([
  z.string(zoneError).max(64, zoneError).regex(ZONE_NAME, zoneError).refine(knownZone, zoneError),
  z.literal(""),
  z.null(),
], zoneError).optional().meta({
  description: "An IANA time zone such as Europe/Berlin (default: the host's)",
});

/** An IANA zone name as Intl spells it; 400 INVALID_TIMEZONE otherwise. */
export function checkTimeZone(value: unknown): string {
  const zone = validated(TimeZoneField, value, { code: "INVALID_TIMEZONE" });
  if (!zone) return hostTimeZone();
  return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
}

/**
 * A job's `timing`, checked by checkTiming (its words and codes, INVALID_TIMING or INVALID_CRON)
 * in UTC: the job's zone is applied after the body is read, as only a once time in a DST gap
 * depends on it.
 */
export const TimingField = z.unknown().superRefine((value, ctx) => {
  try {
    checkTiming(value, "UTC");
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    ctx.addIssue({ code: "custom", message: err.message, params: { code: err.code } });
  }
}).meta({
  description: `When the job runs: {kind: ${TIMING_KINDS.join(" | ")}} with at (once), ` +
    "time HH:MM (daily, weekly, monthly), days 0-6 (weekly), day 1-31 (monthly) or " +
    "expression (cron, five fields)",
});

const FIELDS: Record<TimingKind, string[]> = {
  once: ["at"],
  daily: ["time"],
  weekly: ["days", "time"],
  monthly: ["day", "time"],
  cron: ["expression"],
};

/**
 * A timing with its values normalised (a once job's `at` as a UTC ISO string, weekdays sorted
 * and unique); 400 INVALID_TIMING or INVALID_CRON naming the problem. `zone` reads a once time
 * without an offset.
 */
export function checkTiming(value: unknown, zone: string): ScheduleTiming {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidTiming(`timing must be an object with a kind: ${TIMING_KINDS.join(", ")}`);
  }
  const t = value as Record<string, unknown>;
  const kind = t.kind as TimingKind;
  if (!TIMING_KINDS.includes(kind)) {
    throw invalidTiming(`timing.kind must be one of ${TIMING_KINDS.join(", ")}`);
  }
  for (const key of Object.keys(t)) {
    if (key !== "kind" && !FIELDS[kind].includes(key)) {
      throw invalidTiming(`Unknown field "${key}" in a ${kind} timing`);
    }
  }
  switch (kind) {
    case "once":
      return { kind, at: new Date(onceInstant(t.at, zone)).toISOString() };
    case "daily":
      return { kind, time: checkTime(t.time) };
    case "weekly": {
      const days = t.days;
      if (
        !Array.isArray(days) || days.length === 0 ||
        !days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6)
      ) {
        throw invalidTiming(
          "timing.days must list at least one weekday from 0 (Sunday) to 6 (Saturday)",
        );
      }
      return { kind, days: [...new Set(days as number[])].sort(), time: checkTime(t.time) };
    }
    case "monthly": {
      const day = t.day;
      if (typeof day !== "number" || !Number.isInteger(day) || day < 1 || day > 31) {
        throw invalidTiming(
          "timing.day must be a day of the month from 1 to 31 (a day past the month's end runs on its last day)",
        );
      }
      return { kind, day, time: checkTime(t.time) };
    }
    case "cron": {
      const expression = typeof t.expression === "string" ? t.expression.trim() : "";
      if (!expression || expression.length > CRON_MAX) {
        throw invalidCron(`timing.expression must be a cron expression (1–${CRON_MAX} characters)`);
      }
      let cron: Cron;
      try {
        cron = cronOf(expression, zone);
      } catch (err) {
        throw invalidCron(`Invalid cron expression "${expression}": ${(err as Error).message}`);
      }
      if (!cron.nextRun()) throw invalidCron(`Cron expression "${expression}" never runs`);
      refuseSubMinute(expression, cron);
      return { kind, expression };
    }
  }
}

/**
 * A job runs at most once a minute: a sixth (seconds) field may only name one second, as in
 * "30 0 * * * *". A run takes a while on every VM; every second would start runs that only
 * record "still running" and fill the history.
 */
function refuseSubMinute(expression: string, cron: Cron) {
  const fields = expression.split(/\s+/);
  let gapMs = Infinity;
  if (fields.length === 6 && /^[0-5]?\d$/.test(fields[0])) {
    // One second per minute: runs are a minute or more apart whatever the other fields say.
  } else if (fields.length === 6) {
    gapMs = 0;
  } else {
    // Five fields run on minute boundaries; a check of the next runs backs that up.
    const [a, b] = cron.nextRuns(2);
    if (a && b) gapMs = b.getTime() - a.getTime();
  }
  if (gapMs < 60_000) {
    throw invalidCron(
      `Cron expression "${expression}" runs more than once a minute: a job runs at most once ` +
        'a minute (use five fields, minute hour day month weekday, e.g. "*/5 * * * *")',
    );
  }
}

function checkTime(value: unknown): string {
  if (typeof value !== "string" || !TIME.test(value)) {
    throw invalidTiming("timing.time must be a time of day as HH:MM (24-hour), e.g. 02:30");
  }
  return value;
}

/**
 * The instant of a once job's `at`: an ISO time with Z or an offset as written, one without in
 * `zone` (a time skipped by a DST change counts as the time after the gap, as croner reads it).
 */
function onceInstant(value: unknown, zone: string): number {
  const m = typeof value === "string" ? LOCAL_ISO.exec(value) : null;
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalidTiming(
      "timing.at must be a date and time like 2026-05-01T09:00 (in the job's time zone) " +
        "or with an offset like 2026-05-01T09:00Z",
    );
  }
  const text = value as string;
  if (m[7]) return Date.parse(text);
  const at = new Cron(text, { timezone: zone }).nextRun(new Date(0));
  if (!at) throw invalidTiming(`timing.at ${text} does not exist in ${zone}`);
  return at.getTime();
}

function cronOf(pattern: string, zone: string): Cron {
  return new Cron(pattern, { timezone: zone, mode: "5-or-6-parts", paused: true });
}

/** 1-based month → its number of days. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The croner pattern of a recurring timing (monthly days past 28 are filtered afterwards). */
function patternOf(timing: Exclude<ScheduleTiming, { kind: "once" }>): string {
  if (timing.kind === "cron") return timing.expression;
  const [hour, minute] = timing.time.split(":").map(Number);
  switch (timing.kind) {
    case "daily":
      return `${minute} ${hour} * * *`;
    case "weekly":
      return `${minute} ${hour} * * ${timing.days.join(",")}`;
    case "monthly":
      return `${minute} ${hour} ${timing.day > 28 ? "28-31" : timing.day} * *`;
  }
}

/**
 * Up to `count` occurrences strictly after `after` (ms), in ms. The zone's DST rules are
 * croner's for fixed-time jobs (daily, weekly, monthly): a time skipped by spring-forward runs
 * at the first time after the gap that day; a time repeated by fall-back runs once, at its first
 * occurrence. A cron expression with a range, list or step in its hour or minute runs through
 * both passes of a repeated hour and skips the gap (croner's interval-job rule).
 */
export function nextRunsAfter(
  timing: ScheduleTiming,
  zone: string,
  after: number,
  count: number,
): number[] {
  if (timing.kind === "once") {
    const at = Date.parse(timing.at);
    return at > after && count > 0 ? [at] : [];
  }
  const cron = cronOf(patternOf(timing), zone);
  const accept = timing.kind === "monthly" && timing.day > 28
    ? (ms: number) => {
      const p = zonedParts(ms, zone);
      return p.day === Math.min(timing.day, daysInMonth(p.year, p.month));
    }
    : () => true;
  const runs: number[] = [];
  let prev = new Date(after);
  // A monthly filter rejects at most three of the four candidates a month.
  for (let guard = 0; runs.length < count && guard < count * 4 + 4; guard++) {
    const next = cron.nextRun(prev);
    if (!next) break;
    if (accept(next.getTime())) runs.push(next.getTime());
    prev = next;
  }
  return runs;
}

/** The first occurrence strictly after `after`, or null when there is none. */
export function nextRunAfter(timing: ScheduleTiming, zone: string, after: number): number | null {
  return nextRunsAfter(timing, zone, after, 1)[0] ?? null;
}
