// The retention policy of metric history: validated, kept in the app store, and when the
// daily clean-up is due.

import { z } from "zod";
import { type IssueCodes, validated } from "../validate.ts";
import type { Store } from "../store.ts";
import { readSetting, writeSetting } from "../store_settings.ts";
import type { RetentionInput, RetentionPolicy } from "../../shared/metrics.ts";
import { t } from "../../shared/i18n/t.ts";

const KEY = "metrics.retention";

export const DEFAULT_RETENTION: RetentionPolicy = {
  enabled: true,
  rawHours: 2,
  minuteDays: 3,
  hourDays: 365,
  cleanupHour: 3,
  lastCleanupAt: null,
};

const whole = (key: string, min: number, max: number) => {
  const error = () =>
    t("{{field}} must be a whole number from {{min}} to {{max}}", { field: key, min, max });
  return z.int({ error }).min(min, { error }).max(max, { error }).optional();
};

/** The body of `PUT /api/settings/metrics/retention`: any subset of the editable fields. */
export const RetentionBody = z.strictObject({
  enabled: z.boolean({ error: () => t("enabled must be true or false") }).optional(),
  rawHours: whole("rawHours", 1, 72),
  minuteDays: whole("minuteDays", 1, 90),
  hourDays: whole("hourDays", 1, 3650),
  cleanupHour: whole("cleanupHour", 0, 23),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t(
        'Unknown setting "{{key}}": expected enabled, rawHours, minuteDays, hourDays, cleanupHour',
        { key: issue.keys[0] },
      )
      : t("Body must be a JSON object of retention settings"),
});

export const RETENTION_CODES: IssueCodes = { code: "INVALID_SETTING" };

/** Checks a `PUT /api/settings/metrics/retention` body; any subset of the editable fields. */
export function checkRetentionInput(input: unknown): RetentionInput {
  return validated(RetentionBody, input, RETENTION_CODES);
}

/** The stored policy (defaults until first saved). */
export function readRetention(store: Store): RetentionPolicy {
  return { ...DEFAULT_RETENTION, ...readSetting<Partial<RetentionPolicy>>(store, KEY, {}) };
}

/** Saves the policy with `change` applied and returns it. */
export function writeRetention(store: Store, change: Partial<RetentionPolicy>): RetentionPolicy {
  return store.write(() => {
    const policy = { ...readRetention(store), ...change };
    writeSetting(store, KEY, policy);
    return policy;
  });
}

/**
 * The time today's clean-up is due: `cleanupHour` o'clock local time on the day of `nowMs`.
 * A clean-up is due when that time has passed and the last one was before it, so after
 * downtime it runs once when the server is back, never once per missed day.
 */
export function cleanupDue(policy: RetentionPolicy, nowMs: number): boolean {
  if (!policy.enabled) return false;
  const slot = new Date(nowMs);
  slot.setHours(policy.cleanupHour, 0, 0, 0);
  if (nowMs < slot.getTime()) return false;
  const last = policy.lastCleanupAt ? Date.parse(policy.lastCleanupAt) : -Infinity;
  return last < slot.getTime();
}
