// The checks on a job as the API receives it: one 400 with a code per field problem, in words a
// user can act on.

import type { ErrorCode as ApiErrorCode } from "../../shared/errors.ts";
import { AppError } from "../errors.ts";
import { isValidName, nameRule } from "../../shared/names.ts";
import { z } from "zod";
import { type IssueCodes, unknownKey, validated } from "../validate.ts";
import {
  checkTimeZone,
  checkTiming,
  nextRunsAfter,
  TimeZoneField,
  timingCode,
  TimingField,
} from "./timing.ts";
import {
  BACKUP_MODES,
  type BackupMode,
  type BackupOptions,
  type ManagedJob,
  MISSED_POLICIES,
  type MissedPolicy,
  SCHEDULE_OPERATIONS,
  type ScheduleOperation,
  type ScheduleTiming,
  TIMING_KINDS,
} from "../../shared/scheduler.ts";
import { UUID } from "../../ffi/libvirt/find_domain.ts";
import { t } from "../../shared/i18n/t.ts";

/** A job's input with its defaults filled in and its values normalised. */
export interface CheckedSchedule {
  name: string;
  operation: ScheduleOperation;
  vmIds: string[];
  timing: ScheduleTiming;
  timezone: string;
  missed: MissedPolicy;
  options: BackupOptions | Record<string, never>;
  enabled: boolean;
}

export const MAX_VMS = 100;
export const NAME_MAX = 64;
export const KEEP_MAX = 100;

// The refusals' words are functions, so each says them in the language of the request checked.
const NAME = () => t("name is required: {{rule}}", { rule: nameRule(NAME_MAX) });
const VMS = () => t("vmIds must list 1 to {{max}} VM UUIDs", { max: MAX_VMS });
const notAVmId = (id: unknown) =>
  t("vmIds: {{id}} is not a VM's UUID", { id: String(JSON.stringify(id)) });
const notAVm = (issue: { input?: unknown }) => notAVmId(issue.input);
const OPTIONS = () => t("options must be an object");
const MODE = () => t("options.mode must be one of {{modes}}", { modes: BACKUP_MODES.join(", ") });
const KEEP = () =>
  t("options.keep must be a whole number from 1 to {{max}} (backups kept per VM)", {
    max: KEEP_MAX,
  });

const REPOSITORY = () => t("options.repository must name a backup repository");

const BACKUP_OPTIONS = {
  mode: z.enum(BACKUP_MODES, { error: MODE }).nullish().meta({
    description: "How each VM is backed up (default auto)",
  }),
  keep: z.int({ error: KEEP }).min(1, { error: KEEP }).max(KEEP_MAX, { error: KEEP }).nullish()
    .meta({ description: "Backups kept per VM (default: the VM's or the default retention)" }),
  repository: z.string({ error: REPOSITORY }).min(1, { error: REPOSITORY })
    .max(64, { error: REPOSITORY }).nullish().meta({
      description: "A restic repository (id or name) to back up into instead of the backup pool",
    }),
};

/**
 * A backup job's options. A field it does not have is refused before a problem of mode or keep,
 * as the contract always has (a strict object alone names it last).
 */
const BackupOptionsBody = z.preprocess(
  (value, ctx) => {
    const key = unknownKey(value, Object.keys(BACKUP_OPTIONS));
    if (key !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: t('Unknown backup option "{{key}}" ({{known}})', {
          key,
          known: Object.keys(BACKUP_OPTIONS).join(", "),
        }),
        input: value,
      });
    }
    return value;
  },
  z.strictObject(BACKUP_OPTIONS, { error: OPTIONS }),
);

/** What a job that is not a backup takes: no options. */
const NO_OPTIONS = new Map(SCHEDULE_OPERATIONS.map((operation) => [
  operation,
  z.strictObject({}, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? t('A {{operation}} job takes no options (got "{{key}}")', {
          operation,
          key: issue.keys[0],
        })
        : OPTIONS(),
  }),
]));

/** The options a job takes by its operation: a backup's, or none. */
function optionsOf(
  operation: ScheduleOperation,
): z.ZodType<{ mode?: BackupMode | null; keep?: number | null; repository?: string | null }> {
  return operation === "backup" ? BackupOptionsBody : NO_OPTIONS.get(operation)!;
}

/**
 * A job's `options` as its body gives them: an object, or null for none; what it may hold
 * depends on the operation (checked by ScheduleBody's refinement), so the document shows a
 * backup job's.
 */
const OptionsField = z.record(z.string(), z.unknown(), { error: OPTIONS }).nullish().meta({
  description: "A backup job's options; other jobs take none",
  properties: z.toJSONSchema(z.strictObject(BACKUP_OPTIONS)).properties,
  additionalProperties: false,
});

/** The body of `POST /api/schedules` and `PUT /api/schedules/:id`, in the order it is checked. */
export const ScheduleBody = z.strictObject({
  name: z.string({ error: NAME }).refine((name) => isValidName(name, NAME_MAX), {
    error: NAME,
  }).meta({ description: `The job's name: ${nameRule(NAME_MAX)}` }),
  operation: z.enum(SCHEDULE_OPERATIONS, {
    error: () =>
      t("operation must be one of {{operations}}", {
        operations: SCHEDULE_OPERATIONS.join(", "),
      }),
  }),
  vmIds: z.array(z.string({ error: notAVm }).regex(UUID, { error: notAVm }), { error: VMS })
    .min(1, { error: VMS }).max(MAX_VMS, { error: VMS }),
  timezone: TimeZoneField,
  timing: TimingField,
  missed: z.enum(MISSED_POLICIES, {
    error: () => t("missed must be one of {{policies}}", { policies: MISSED_POLICIES.join(", ") }),
  }).optional().meta({ description: "What a run missed while down does (default run-once)" }),
  enabled: z.boolean({ error: () => t("enabled must be true or false") }).optional(),
  options: OptionsField,
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t('Unknown field "{{key}}"', { key: issue.keys[0] })
      : t("Body must be a JSON object describing a scheduled job"),
}).superRefine((job, ctx) => {
  // The options a job takes depend on its operation.
  const options = optionsOf(job.operation).safeParse(job.options ?? {});
  if (options.success) return;
  const [first] = options.error.issues;
  ctx.addIssue({ code: "custom", path: ["options"], message: first.message, input: job.options });
});

const bad = (code: ApiErrorCode, message: string) => new AppError(code, message);

/**
 * Refuses a body's first problem: a timing's with timingCode's code, a field's with its code in
 * `fields`, the body's own (or an unnamed field's) with `code`.
 */
function refusal(fields: Partial<Record<string, ApiErrorCode>>, code: ApiErrorCode): IssueCodes {
  return {
    refuse: ({ path: [field, ...inside], message }) => {
      if (field === "timing") return bad(timingCode(inside), message);
      return bad((typeof field === "string" ? fields[field] : undefined) ?? code, message);
    },
  };
}

/** How ScheduleBody's problems are refused. */
export const SCHEDULE_CODES: IssueCodes = refusal({
  name: "INVALID_NAME",
  operation: "INVALID_OPERATION",
  vmIds: "INVALID_VMS",
  timezone: "INVALID_TIMEZONE",
  missed: "INVALID_POLICY",
  options: "INVALID_OPTIONS",
}, "BAD_REQUEST");

/**
 * A job body checked (ScheduleBody) and normalised: the name trimmed, VM ids lower-case and
 * unique, the zone as Intl spells it, the timing in that zone. `previousAt` is the stored job's
 * once time (on a replace): it may stay in the past only when it is unchanged; a new one must be
 * in the future (checked here: the body's schema has no clock).
 */
export function checkScheduleInput(
  input: unknown,
  { now, previousAt = null }: { now: number; previousAt?: string | null },
): CheckedSchedule {
  const b = validated(ScheduleBody, input, SCHEDULE_CODES);
  const timezone = checkTimeZone(b.timezone);
  const timing = checkTiming(b.timing, timezone);
  if (timing.kind === "once" && timing.at !== previousAt && Date.parse(timing.at) <= now) {
    throw bad(
      "INVALID_TIMING",
      t("timing.at ({{at}}) is in the past: pick a time in the future", { at: timing.at }),
    );
  }
  return {
    name: b.name,
    operation: b.operation,
    vmIds: [...new Set(b.vmIds.map((id) => id.toLowerCase()))],
    timing,
    timezone,
    missed: b.missed ?? "run-once",
    options: checkOptions(b.operation, b.options),
    enabled: b.enabled ?? true,
  };
}

/** A job's options by its operation (optionsOf), a backup's with its mode's default. */
function checkOptions(
  operation: ScheduleOperation,
  value: unknown,
): BackupOptions | Record<string, never> {
  const o = validated(optionsOf(operation), value ?? {}, { code: "INVALID_OPTIONS" });
  if (operation !== "backup") return {};
  const mode = o.mode ?? "auto";
  return {
    mode,
    ...o.keep == null ? {} : { keep: o.keep },
    ...o.repository == null ? {} : { repository: o.repository },
  };
}

/** A managed job as syncManaged stores it; 400 with the scheduler's codes when it is wrong. */
export interface CheckedManagedJob extends CheckedSchedule {
  owner: string;
}

/**
 * A policy's backup job checked like a job body, but with no limit on its VMs (a job with none
 * keeps its empty list). The name is trimmed of control characters and cut to fit a suffix.
 */
export function checkManagedJob(job: ManagedJob): CheckedManagedJob {
  if (typeof job.owner !== "string" || !job.owner) {
    throw bad("BAD_REQUEST", t("A managed job needs an owner"));
  }
  for (const id of job.vmIds) {
    if (typeof id !== "string" || !UUID.test(id)) {
      throw bad("INVALID_VMS", notAVmId(id));
    }
  }
  const timezone = checkTimeZone(job.timezone);
  // deno-lint-ignore no-control-regex
  const name = String(job.name ?? "").replace(/[\x00-\x1f\x7f]+/g, " ").trim()
    .slice(0, NAME_MAX - MANAGED_SUFFIX_ROOM).trim();
  return {
    owner: job.owner,
    name: name || "Backups",
    operation: "backup",
    vmIds: [...new Set(job.vmIds.map((id) => id.toLowerCase()))],
    timing: checkTiming(job.timing, timezone),
    timezone,
    missed: "run-once",
    options: checkOptions("backup", job.options) as BackupOptions,
    enabled: true,
  };
}

/** Room left in a managed job's name for " (99)". */
const MANAGED_SUFFIX_ROOM = 5;

/**
 * Names for the wanted ones, in order, none equal (case-insensitively) to a `taken` one nor to
 * each other: the wanted name, else "NAME (2)", "NAME (3)" …
 */
export function freeNames(wanted: string[], taken: Iterable<string>): string[] {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  return wanted.map((name) => {
    let free = name;
    for (let n = 2; used.has(free.toLowerCase()); n++) free = `${name} (${n})`;
    used.add(free.toLowerCase());
    return free;
  });
}

/**
 * The body of `POST /api/schedules/preview`: a timing and its zone. Other fields are ignored
 * (the form sends the whole job), and a body that is not an object lacks its timing.
 */
export const PreviewBody = z.object({ timezone: TimeZoneField, timing: TimingField }, {
  error: () =>
    t("timing must be an object with a kind: {{kinds}}", { kinds: TIMING_KINDS.join(", ") }),
});

/** How PreviewBody's problems are refused (a body that is no object lacks its timing). */
export const PREVIEW_CODES: IssueCodes = refusal(
  { timezone: "INVALID_TIMEZONE" },
  "INVALID_TIMING",
);

/**
 * The answer of POST /preview: the next `count` runs of a timing as ISO strings, and the zone
 * they were computed in (the host's when none was given).
 */
export function previewRuns(
  input: unknown,
  now: number,
  count = 5,
): { next: string[]; timezone: string } {
  const b = validated(PreviewBody, input, PREVIEW_CODES);
  const timezone = checkTimeZone(b.timezone);
  const timing = checkTiming(b.timing, timezone);
  const next = nextRunsAfter(timing, timezone, now, count).map((ms) => new Date(ms).toISOString());
  return { next, timezone };
}
