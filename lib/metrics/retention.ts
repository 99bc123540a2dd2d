// The retention policy of metric history: validated, kept in the app store, and when the
// daily clean-up is due.

import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
import type { RetentionInput, RetentionPolicy } from "../../shared/metrics.ts";

const KEY = "metrics.retention";

export const DEFAULT_RETENTION: RetentionPolicy = {
  enabled: true,
  rawHours: 2,
  minuteDays: 3,
  hourDays: 365,
  cleanupHour: 3,
  lastCleanupAt: null,
};

const LIMITS: Record<"rawHours" | "minuteDays" | "hourDays" | "cleanupHour", [number, number]> = {
  rawHours: [1, 72],
  minuteDays: [1, 90],
  hourDays: [1, 3650],
  cleanupHour: [0, 23],
};

const invalid = (message: string) => new AppError("INVALID_SETTING", message);

/** Checks a `PUT /api/settings/metrics/retention` body; any subset of the editable fields. */
export function checkRetentionInput(input: unknown): RetentionInput {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw invalid("Body must be a JSON object of retention settings");
  }
  const body = input as Record<string, unknown>;
  const out: RetentionInput = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "enabled") {
      if (typeof value !== "boolean") throw invalid("enabled must be true or false");
      out.enabled = value;
    } else if (Object.hasOwn(LIMITS, key)) {
      // hasOwn, not `in`: "__proto__" and "constructor" are data here, not LIMITS' prototype.
      const [min, max] = LIMITS[key as keyof typeof LIMITS];
      if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw invalid(`${key} must be a whole number from ${min} to ${max}`);
      }
      out[key as keyof typeof LIMITS] = value;
    } else {
      throw invalid(
        `Unknown setting "${key}": expected enabled, rawHours, minuteDays, hourDays, cleanupHour`,
      );
    }
  }
  return out;
}

/** The stored policy (defaults until first saved). */
export function readRetention(store: Store): RetentionPolicy {
  const row = store.db.prepare("SELECT value FROM settings WHERE key = ?").get(KEY);
  if (!row) return { ...DEFAULT_RETENTION };
  return { ...DEFAULT_RETENTION, ...JSON.parse(String(row.value)) };
}

/** Saves the policy with `change` applied and returns it. */
export function writeRetention(store: Store, change: Partial<RetentionPolicy>): RetentionPolicy {
  return store.write(() => {
    const policy = { ...readRetention(store), ...change };
    store.db.prepare(
      `INSERT INTO settings (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(KEY, JSON.stringify(policy));
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
