// The parts of a profile's policy as zod schemas (guest-agent permissions, alert rules, backup,
// tags), the same for a profile, a local override and an imported file. Each refusal carries
// the contract's words after the field it names (lib/profiles/input.ts adds the field): a
// container's own problem (not an object, an unknown field, a list too long) is checked before
// its parts, as a guard in front of the typed schema the document shows.

import { z } from "zod";
import { AppError } from "../errors.ts";
import { isJsonObject, unknownKey } from "../validate.ts";
import { checkAlertRuleInput } from "../metrics/alert_rules.ts";
import { checkTimeZone, checkTiming, TimeZoneField } from "../scheduler/timing.ts";
import { BACKUP_MODES, TIMING_KINDS } from "../../shared/scheduler.ts";
import { ALERT_METRICS, ALERT_SEVERITIES } from "../../shared/metrics.ts";
import { DEFAULT_KEEP, MAX_KEEP } from "../backups/settings.ts";
import {
  checkCommandName,
  checkDir,
  checkServicePattern,
  ConfigError,
  runsAnything,
} from "../../agent/config.ts";
import { normalize } from "../../agent/path_lexical.ts";
import type {
  AgentPermissions,
  BackupPolicy,
  PolicyAlertRule as AlertRule,
} from "../../shared/profiles.ts";
import { t } from "../../shared/i18n/t.ts";
import { NAME_MAX, nameRule } from "../../shared/names.ts";

const LIST_MAX = 64;
const ALERTS_MAX = 50;
const TAGS_MAX = 32;
const TAG = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,31}$/;

type Json = Record<string, unknown>;

/** Inside a guard or transform: a problem of the value it looks at (at `path` inside it). */
export function addProblem(
  ctx: z.RefinementCtx,
  input: unknown,
  message: string,
  path: PropertyKey[] = [],
) {
  ctx.addIssue({ code: "custom", message, input, path });
}

/**
 * How an object refuses itself: not one at all, or a field it does not know (said when a value is
 * checked, so in the request's language).
 */
export interface ObjectWords {
  notAnObject(): string;
  unknown(key: string, known: string[]): string;
}

/** A policy part's words: an example of the object it wants; an unknown field lists the known. */
export const partWords = (example: string): ObjectWords => ({
  notAnObject: () => t("must be a JSON object like {{example}}", { example }),
  unknown: (key, known) =>
    t('unknown field "{{key}}" (expected {{known}})', { key, known: known.join(", ") }),
});

/**
 * An object with these fields and no others, refused in `words` before any of its fields is
 * looked at. `more` checks what the fields alone cannot say and gives the value the fields read
 * (or nothing after a refusal).
 */
export function closedPart<T extends z.core.$ZodLooseShape>(
  shape: T,
  words: ObjectWords,
  more: (o: Json, ctx: z.RefinementCtx) => Json | undefined = (o) => o,
) {
  const known = Object.keys(shape);
  return z.preprocess((value, ctx) => {
    if (!isJsonObject(value)) return addProblem(ctx, value, words.notAnObject());
    const key = unknownKey(value, known);
    if (key !== undefined) return addProblem(ctx, value, words.unknown(key, known));
    return more(value, ctx) ?? value;
  }, z.strictObject(shape));
}

/**
 * The guest agent's own check of a list entry (agent/config.ts): what it gives, or its refusal
 * in its words without the entry's name (the agent words one `${where}: …`; ours puts the
 * entry's full name in front).
 */
function agentChecked<T>(check: (where: string) => T): { value: T } | { problem: string } {
  const where = "\0";
  try {
    return { value: check(where) };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { problem: err.message.replace(`${where}: `, "") };
  }
}

/**
 * A list of strings, trimmed and without repeats, each then checked as `entry` (so a refusal
 * names its place in that list); absent: empty.
 */
function stringList(entry: z.ZodType<string, string>, description: string) {
  return checkedList(entry).default([]).meta({ description });
}

function checkedList(entry: z.ZodType<string, string>) {
  return z.preprocess((value, ctx) => {
    if (!Array.isArray(value) || !value.every((s) => typeof s === "string")) {
      return addProblem(ctx, value, t("must be a list of strings"));
    }
    if (value.length > LIST_MAX) {
      return addProblem(ctx, value, t("at most {{max}} entries", { max: LIST_MAX }));
    }
    return [...new Set(value.map((s: string) => s.trim()))];
  }, z.array(entry).max(LIST_MAX));
}

/** An absolute directory (made normal), not "/". */
const Directory = z.string().transform((dir, ctx) => {
  const checked = agentChecked((where) => checkDir(dir, where));
  if ("value" in checked) return checked.value;
  addProblem(ctx, dir, checked.problem);
  return z.NEVER;
});

/** A program name or an absolute path to one (made normal). */
const command = (allowed: boolean) =>
  z.string().transform((cmd, ctx) => {
    const checked = agentChecked((where) => checkCommandName(cmd, where));
    if ("problem" in checked) {
      addProblem(ctx, cmd, checked.problem);
      return z.NEVER;
    }
    const clean = cmd.includes("/") ? normalize(cmd) : cmd;
    if (allowed && runsAnything(clean)) {
      addProblem(
        ctx,
        cmd,
        t(
          '"{{command}}" is a shell, an interpreter or a program that runs other programs; allowing it would allow any command (the guest agent refuses it too)',
          { command: cmd },
        ),
      );
      return z.NEVER;
    }
    return clean;
  });

/** A systemd service name or pattern ("nginx", "app-*"), with ".service" added when missing. */
const ServicePattern = z.string().transform((pattern, ctx) => {
  const checked = agentChecked((where) => checkServicePattern(pattern, where));
  if ("value" in checked) return checked.value;
  addProblem(ctx, pattern, checked.problem);
  return z.NEVER;
});

/** Guest-agent permissions; shells and interpreters are refused as the agent refuses them. */
export const AgentField: z.ZodType<AgentPermissions, unknown> = closedPart(
  {
    allowedDirectories: stringList(
      Directory,
      `Absolute directories file reads and writes stay inside (not "/"; at most ${LIST_MAX})`,
    ),
    allowedCommands: stringList(
      command(true),
      "Program names or absolute paths exec may run (no shells or interpreters)",
    ),
    disallowedCommands: stringList(command(false), "Refused even when allowed"),
    // Optional, not defaulted: settings saved before it existed read back the same.
    allowedServices: checkedList(ServicePattern).optional().meta({
      description: 'systemd services that may be started, stopped and restarted ("*" for any ' +
        "characters); absent or empty: none",
    }),
    allowAgentUpdate: z.boolean({ error: () => t("must be true or false") }).optional().meta({
      description: "An admin may update the guest's agent from this server; absent: no",
    }),
  },
  partWords(
    '{"allowedDirectories": ["/srv/data"], "allowedCommands": ["uptime"], "disallowedCommands": []}',
  ),
).meta({ description: "What the guest agent may do in the VM" });

const ALERT_EXAMPLE = '{"name": "cpu-high", "metric": "cpu", "threshold": 90}';

/**
 * An alert rule of a policy: the alert rules' own checks (lib/metrics/alert_rules.ts), whose
 * words name the rule rather than its field, without a VM (the policy's VMs).
 */
export const PolicyAlertField: z.ZodType<AlertRule, unknown> = z.preprocess(
  (value, ctx) => {
    if (!isJsonObject(value)) {
      return addProblem(ctx, value, partWords(ALERT_EXAMPLE).notAnObject());
    }
    if (value.vmId !== undefined) {
      return addProblem(
        ctx,
        value,
        t("a policy's alert rule applies to the policy's VMs: drop vmId"),
      );
    }
    try {
      const { vmId: _, ...rule } = checkAlertRuleInput(value);
      return rule;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return addProblem(ctx, value, err.message);
    }
  },
  z.strictObject({
    // The rule as checkAlertRuleInput gives it, its defaults filled in (what the document shows).
    name: z.string().meta({
      description: `Unique in the policy, in any case: ${nameRule(NAME_MAX)} (trimmed)`,
    }),
    metric: z.enum(ALERT_METRICS),
    threshold: z.number().meta({
      description: "Percent from 0 to 100 for cpu and memory; MiB/s above 0 for the others",
    }),
    consecutive: z.int().min(1).max(100).meta({ description: "Samples in a row (default 3)" }),
    severity: z.enum(ALERT_SEVERITIES).meta({ description: "Default warning" }),
    enabled: z.boolean().meta({ description: "Default true" }),
    webhookUrl: z.string().nullable().meta({ description: "An http(s) URL told when it fires" }),
  }).partial({ consecutive: true, severity: true, enabled: true, webhookUrl: true }),
)
  .transform((rule) => rule as AlertRule);

/** A policy's alert rules: each checked in turn, then its name against those before it. */
export const AlertList = z.preprocess((value, ctx) => {
  if (!Array.isArray(value)) return addProblem(ctx, value, t("must be a list of alert rules"));
  if (value.length > ALERTS_MAX) {
    return addProblem(ctx, value, t("at most {{max}} rules", { max: ALERTS_MAX }));
  }
  const seen = new Set<string>();
  for (const [i, v] of value.entries()) {
    const rule = PolicyAlertField.safeParse(v);
    // A rule's own problem is the list's first: the list below refuses it.
    if (!rule.success) break;
    const lower = rule.data.name.toLowerCase();
    if (seen.has(lower)) {
      return addProblem(ctx, v, t("two rules are named {{name}}", { name: rule.data.name }), [i]);
    }
    seen.add(lower);
  }
  return value;
}, z.array(PolicyAlertField).max(ALERTS_MAX));

const MODE = () => t("must be one of {{list}}", { list: BACKUP_MODES.join(", ") });
const KEEP = () => t("must be a whole number from 1 to {{max}}", { max: MAX_KEEP });
const REPOSITORY = () => t("must name a backup repository");
const TIME = z.string().meta({ description: "HH:MM (24-hour)" });

/** A timing that repeats (a policy has no once backups), as checkTiming gives it. */
const RepeatingTiming = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("daily"), time: TIME }),
  z.strictObject({
    kind: z.literal("weekly"),
    days: z.array(z.int().min(0).max(6)).meta({ description: "0 (Sunday) to 6 (Saturday)" }),
    time: TIME,
  }),
  z.strictObject({ kind: z.literal("monthly"), day: z.int().min(1).max(31), time: TIME }),
  z.strictObject({
    kind: z.literal("cron"),
    expression: z.string().meta({ description: "Five fields: minute hour day month weekday" }),
  }),
]);

/**
 * When backups run (or null: retention only), in which zone, which mode, how many kept. The zone
 * and the timing (read in that zone) are the scheduler's own checks (lib/scheduler/timing.ts),
 * refused naming the backup itself.
 */
export const BackupField: z.ZodType<BackupPolicy, unknown> = closedPart(
  {
    timing: RepeatingTiming.nullable().optional().meta({
      description: `When backups run: {kind: ${
        TIMING_KINDS.filter((k) => k !== "once").join(" | ")
      }}; null or absent: none (retention only)`,
    }),
    timezone: TimeZoneField,
    mode: z.enum(BACKUP_MODES, { error: MODE }).nullish().meta({ description: "Default auto" }),
    keep: z.int({ error: KEEP }).min(1, { error: KEEP }).max(MAX_KEEP, { error: KEEP }).nullish()
      .meta({ description: `Backups kept per VM (default ${DEFAULT_KEEP})` }),
    repository: z.string({ error: REPOSITORY }).min(1, { error: REPOSITORY })
      .max(64, { error: REPOSITORY }).nullish().meta({
        description: "A restic repository (id or name) the backups go into; absent: the pool",
      }),
  },
  partWords('{"timing": {"kind": "daily", "time": "02:00"}, "timezone": "UTC", "keep": 7}'),
  (o, ctx) => {
    try {
      const timezone = checkTimeZone(o.timezone);
      const timing = o.timing === undefined || o.timing === null
        ? null
        : checkTiming(o.timing, timezone);
      if (timing?.kind === "once") {
        addProblem(ctx, o, t("a policy repeats: use daily, weekly, monthly or cron"), ["timing"]);
        return;
      }
      return { ...o, timing, timezone };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      addProblem(ctx, o, err.message);
    }
  },
).transform((b) => ({
  timing: b.timing ?? null,
  timezone: b.timezone as string,
  mode: b.mode ?? "auto",
  keep: b.keep ?? DEFAULT_KEEP,
  ...b.repository ? { repository: b.repository } : {},
})).meta({ description: "When backups run and how many are kept" });

const notATag = (issue: { input?: unknown }) =>
  t(
    "{{value}} is not a tag: 1 to 32 letters, digits, . _ : / - (no spaces), starting with a letter or digit",
    { value: String(JSON.stringify(issue.input)) },
  );

export const TagField = z.string({ error: notATag }).regex(TAG, { error: notATag });

/** A policy's tags, without repeats. */
export const TagList = z.preprocess((value, ctx) => {
  if (!Array.isArray(value)) return addProblem(ctx, value, t("must be a list of tags"));
  if (value.length > TAGS_MAX) {
    return addProblem(ctx, value, t("at most {{max}} tags", { max: TAGS_MAX }));
  }
  return value;
}, z.array(TagField).max(TAGS_MAX).transform((tags) => [...new Set(tags)]));
