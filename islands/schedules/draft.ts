// The job form's draft: strings as the inputs hold them, to and from the API's shapes. The
// server checks everything; the draft only converts.

import {
  type BackupMode,
  type MissedPolicy,
  type Schedule,
  type ScheduleInput,
  scheduleInputOf,
  type ScheduleOperation,
  type ScheduleTiming,
  type TimingKind,
} from "../../shared/scheduler.ts";
import { localInputValue } from "../../shared/zoned_time.ts";

export interface ScheduleDraft {
  name: string;
  operation: ScheduleOperation;
  vmIds: string[];
  kind: TimingKind;
  /** "HH:MM" of daily, weekly and monthly. */
  time: string;
  days: number[];
  day: string;
  /** "YYYY-MM-DDTHH:MM" in the job's zone (datetime-local). */
  at: string;
  expression: string;
  timezone: string;
  missed: MissedPolicy;
  mode: BackupMode;
  /** Empty: the default retention. */
  keep: string;
  enabled: boolean;
}

export function newDraft(timezone: string): ScheduleDraft {
  return {
    name: "",
    operation: "start",
    vmIds: [],
    kind: "daily",
    time: "03:00",
    days: [1],
    day: "1",
    at: "",
    expression: "0 3 * * *",
    timezone,
    missed: "run-once",
    mode: "auto",
    keep: "",
    enabled: true,
  };
}

export function draftOf(s: Schedule): ScheduleDraft {
  const d: ScheduleDraft = {
    ...newDraft(s.timezone),
    name: s.name,
    operation: s.operation,
    vmIds: [...s.vmIds],
    kind: s.timing.kind,
    missed: s.missed,
    enabled: s.enabled,
  };
  const t = s.timing;
  if (t.kind === "once") d.at = localInputValue(Date.parse(t.at), s.timezone);
  if (t.kind === "daily" || t.kind === "weekly" || t.kind === "monthly") d.time = t.time;
  if (t.kind === "weekly") d.days = [...t.days];
  if (t.kind === "monthly") d.day = String(t.day);
  if (t.kind === "cron") d.expression = t.expression;
  if ("mode" in s.options) {
    d.mode = s.options.mode;
    d.keep = s.options.keep === undefined ? "" : String(s.options.keep);
  }
  return d;
}

/** A text field holding a whole number as a number; anything else as typed, for the server. */
const numberOf = (text: string): number | string => /^\s*\d+\s*$/.test(text) ? Number(text) : text;

export function timingOf(d: ScheduleDraft): ScheduleTiming {
  switch (d.kind) {
    case "once":
      return { kind: "once", at: d.at };
    case "daily":
      return { kind: "daily", time: d.time };
    case "weekly":
      return { kind: "weekly", days: d.days, time: d.time };
    case "monthly":
      return { kind: "monthly", day: numberOf(d.day) as number, time: d.time };
    case "cron":
      return { kind: "cron", expression: d.expression };
  }
}

export function inputOf(d: ScheduleDraft): ScheduleInput {
  const keep = d.keep.trim();
  return {
    name: d.name,
    operation: d.operation,
    vmIds: d.vmIds,
    timing: timingOf(d),
    timezone: d.timezone.trim(),
    missed: d.missed,
    options: d.operation === "backup"
      ? { mode: d.mode, ...(keep ? { keep: numberOf(keep) as number } : {}) }
      : {},
    enabled: d.enabled,
  };
}

/** The job as it is stored, as a body for PUT (the enabled toggle). */
export function inputOfSchedule(s: Schedule, change: Partial<ScheduleInput> = {}): ScheduleInput {
  return { ...scheduleInputOf(s), ...change };
}
