// When a job runs: its timing and time zone as zod schemas (the API's words and codes), and the
// next occurrences after an instant, computed by croner in the job's zone (DST rules: see
// nextRunsAfter).

import { Cron } from "croner";
import { z } from "zod";
import { AppError } from "../errors.ts";
import type { ErrorCode } from "../../shared/errors.ts";
import { type ScheduleTiming, TIMING_KINDS, type TimingKind } from "../../shared/scheduler.ts";
import { zonedParts } from "../../shared/zoned_time.ts";
import { isJsonObject, unknownKey, validated } from "../validate.ts";
import { t } from "../../shared/i18n/t.ts";

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
  t("Unknown time zone {{zone}}: use an IANA name such as Europe/Berlin or UTC", {
    zone: String(JSON.stringify(value)),
  });

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

// --- the timing ------------------------------------------------------------------------------

// The refusals' words are functions, so each says them in the language of the request checked.
const NOT_A_TIMING = () =>
  t("timing must be an object with a kind: {{kinds}}", { kinds: TIMING_KINDS.join(", ") });
const KIND = () => t("timing.kind must be one of {{kinds}}", { kinds: TIMING_KINDS.join(", ") });
const TIME_WORDS = () => t("timing.time must be a time of day as HH:MM (24-hour), e.g. 02:30");
const DAYS_WORDS = () =>
  t("timing.days must list at least one weekday from 0 (Sunday) to 6 (Saturday)");
const DAY_WORDS = () =>
  t(
    "timing.day must be a day of the month from 1 to 31 (a day past the month's end runs on its last day)",
  );
const AT_WORDS = () =>
  t(
    "timing.at must be a date and time like 2026-05-01T09:00 (in the job's time zone) or with an offset like 2026-05-01T09:00Z",
  );
const CRON_WORDS = () =>
  t("timing.expression must be a cron expression (1–{{max}} characters)", { max: CRON_MAX });

const time = z.string({ error: TIME_WORDS }).regex(TIME, { error: TIME_WORDS }).meta({
  description: "A time of day as HH:MM (24-hour), in the job's time zone",
});
const day = z.int({ error: DAY_WORDS }).min(1, { error: DAY_WORDS }).max(31, { error: DAY_WORDS })
  .meta({ description: "A day of the month; past the month's end: its last day" });
const weekday = z.int({ error: DAYS_WORDS }).min(0, { error: DAYS_WORDS })
  .max(6, { error: DAYS_WORDS });
const days = z.array(weekday, { error: DAYS_WORDS }).min(1, { error: DAYS_WORDS }).meta({
  description: "Weekdays from 0 (Sunday) to 6 (Saturday)",
});

/** A once job's `at` in `zone`: a date and time that exists there (not in a DST gap). */
const onceAt = (zone: string) =>
  z.string({ error: AT_WORDS }).regex(LOCAL_ISO, { error: AT_WORDS, abort: true })
    .superRefine((text, ctx) => {
      const at = onceInstant(text, zone);
      if (at !== null && !Number.isNaN(at)) return;
      const message = at === null
        ? t("timing.at {{at}} does not exist in {{zone}}", { at: text, zone })
        : AT_WORDS();
      ctx.addIssue({ code: "custom", message, input: text });
    }).meta({
      description: "An ISO date and time: in the job's time zone (2026-05-01T09:00) or with " +
        "an offset (2026-05-01T09:00Z); an answer gives it in UTC",
    });

/** A cron expression croner reads in `zone`, which runs, at most once a minute. */
const cronExpression = (zone: string) =>
  z.string({ error: CRON_WORDS }).trim().min(1, { error: CRON_WORDS, abort: true })
    .max(CRON_MAX, { error: CRON_WORDS, abort: true }).superRefine((expression, ctx) => {
      const message = cronProblem(expression, zone);
      if (message) ctx.addIssue({ code: "custom", message, input: expression });
    }).meta({
      description: "Five fields (minute hour day month weekday), or six with a single second " +
        'first ("30 0 * * * *"); a job runs at most once a minute',
    });

const SUMMARY: Record<TimingKind, string> = {
  once: "Once, at a date and time",
  daily: "Every day at a time",
  weekly: "On some weekdays at a time",
  monthly: "On a day of each month at a time (days past a month's end: its last day)",
  cron: "When a cron expression says",
};

/** One kind of timing: a closed object; `named`, a component of the OpenAPI document. */
function kindOf<K extends TimingKind, S extends z.core.$ZodLooseShape>(
  kind: K,
  shape: S,
  named: boolean,
) {
  const object = z.strictObject({ kind: z.literal(kind), ...shape }).meta({
    description: SUMMARY[kind],
  });
  return named ? object.meta({ id: `${kind[0].toUpperCase()}${kind.slice(1)}Timing` }) : object;
}

/**
 * A timing as read in `zone` (a once time in a DST gap, a cron expression): one of five kinds.
 * `named`: its kinds are components of the OpenAPI document (an id names one schema only).
 */
function timingSchema(zone: string, named = false) {
  const kinds = [
    kindOf("once", { at: onceAt(zone) }, named),
    kindOf("daily", { time }, named),
    kindOf("weekly", { days, time }, named),
    kindOf("monthly", { day, time }, named),
    kindOf("cron", { expression: cronExpression(zone) }, named),
  ] as const;
  const fields = new Map<unknown, string[]>(
    kinds.map((k) => [k.shape.kind.value, Object.keys(k.shape)]),
  );
  // A field the kind does not have is refused before any problem of the kind's own fields, as
  // the contract always has (a strict object alone names it last).
  const unknownFieldFirst = (value: unknown, ctx: z.core.$RefinementCtx) => {
    const kind = isJsonObject(value) ? value.kind : undefined;
    const known = fields.get(kind);
    const key = known && unknownKey(value, known);
    if (key !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: t('Unknown field "{{key}}" in a {{kind}} timing', { key, kind: String(kind) }),
        input: value,
      });
    }
    return value;
  };
  return z.preprocess(
    unknownFieldFirst,
    z.discriminatedUnion("kind", kinds, {
      // No kind matched, or (invalid_type) the timing is no object at all.
      error: (issue) => issue.code === "invalid_union" ? KIND() : NOT_A_TIMING(),
    }),
  );
}

/**
 * A job's `timing` as a body gives it: checked in UTC, as the job's zone is applied once the
 * body is read (checkTiming), and only a once time in a DST gap depends on it. Its problems are
 * refused with timingCode's codes.
 */
export const TimingField = timingSchema("UTC", true).meta({
  description: "When the job runs, in the job's time zone: one of five kinds",
});

/** The code of a problem at `path` inside a timing: INVALID_CRON for its cron expression's. */
export function timingCode(path: readonly PropertyKey[]): ErrorCode {
  return path[0] === "expression" ? "INVALID_CRON" : "INVALID_TIMING";
}

const TIMING_CODES = {
  refuse: (issue: z.core.$ZodIssue) => new AppError(timingCode(issue.path), issue.message),
};

const inZone = new Map<string, ReturnType<typeof timingSchema>>();

/**
 * A timing with its values normalised (a once job's `at` as a UTC ISO string, weekdays sorted
 * and unique, a cron expression trimmed); 400 INVALID_TIMING or INVALID_CRON naming the
 * problem. `zone` reads a once time without an offset.
 */
export function checkTiming(value: unknown, zone: string): ScheduleTiming {
  let schema = inZone.get(zone);
  if (!schema) inZone.set(zone, schema = timingSchema(zone));
  const timing = validated(schema, value, TIMING_CODES);
  switch (timing.kind) {
    case "once":
      return { kind: "once", at: new Date(onceInstant(timing.at, zone)!).toISOString() };
    case "weekly":
      return { ...timing, days: [...new Set(timing.days)].sort((a, b) => a - b) };
    default:
      return timing;
  }
}

/** Why croner's reading of a cron expression in `zone` is refused, if it is. */
function cronProblem(expression: string, zone: string): string | undefined {
  let cron: Cron;
  try {
    cron = cronOf(expression, zone);
  } catch (err) {
    return t('Invalid cron expression "{{expression}}": {{error}}', {
      expression,
      error: (err as Error).message,
    });
  }
  if (!cron.nextRun()) return t('Cron expression "{{expression}}" never runs', { expression });
  return subMinute(expression, cron);
}

/**
 * A job runs at most once a minute: a sixth (seconds) field may only name one second, as in
 * "30 0 * * * *". A run takes a while on every VM; every second would start runs that only
 * record "still running" and fill the history.
 */
function subMinute(expression: string, cron: Cron): string | undefined {
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
  if (gapMs >= 60_000) return undefined;
  return t(
    'Cron expression "{{expression}}" runs more than once a minute: a job runs at most once a minute (use five fields, minute hour day month weekday, e.g. "*/5 * * * *")',
    { expression },
  );
}

/**
 * The instant of a once job's `at`: an ISO time with Z or an offset as written, one without in
 * `zone` (a time skipped by a DST change counts as the time after the gap, as croner reads it).
 * NaN when it names no time (February 30, 25:00); null when `zone` has none (before 1970).
 */
function onceInstant(text: string, zone: string): number | null {
  const m = LOCAL_ISO.exec(text);
  if (!m) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (m[7]) return Date.parse(text);
  try {
    return new Cron(text, { timezone: zone }).nextRun(new Date(0))?.getTime() ?? null;
  } catch {
    // An hour or minute out of range.
    return NaN;
  }
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
