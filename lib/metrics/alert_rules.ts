// Alert rules: the checks on a rule as the API receives it, and their rows in the app store.

import { z } from "zod";
import { AppError } from "../errors.ts";
import { validated } from "../validate.ts";
import type { Store } from "../store.ts";
import {
  ALERT_METRICS,
  ALERT_SEVERITIES,
  type AlertMetric,
  type AlertRule,
  type AlertRuleInput,
  type AlertSeverity,
} from "../../shared/metrics.ts";
import { UUID } from "../../ffi/libvirt/find_domain.ts";
import { t } from "../../shared/i18n/t.ts";
import { isValidName, NAME_MAX, nameRule } from "../../shared/names.ts";

export const ruleNotFound = (id: string) =>
  new AppError("ALERT_RULE_NOT_FOUND", t("Alert rule not found: {{id}}", { id }));

// The refusals' words are functions, so each says them in the language of the request checked.
const NAME = () => t("name is required: {{rule}}", { rule: nameRule(NAME_MAX) });
const VM_ID = () => t("vmId must be a VM's UUID, or null for every VM");
const CONSECUTIVE = () => t("consecutive must be a whole number from 1 to 100");
const WEBHOOK = () => t("webhookUrl must be an http:// or https:// URL");

const isPercent = (metric: AlertMetric) => metric === "cpu" || metric === "memory";

/** A threshold by its metric's unit: percent for cpu and memory, MiB/s (above 0) otherwise. */
const PERCENT = z.number().min(0).max(100);
const RATE = z.number().gt(0).max(1e6);

function thresholdFits(metric: AlertMetric, threshold: unknown): boolean {
  return (isPercent(metric) ? PERCENT : RATE).safeParse(threshold).success;
}

/** An http:// or https:// URL as the webhook's fetch reads it. */
function isWebUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * The body of `POST /api/alerts/rules` (and a replace), in the order it is checked. The
 * threshold's range depends on the metric: that check is the rule's own (after name and metric,
 * before the fields that follow), so its words name the metric.
 */
export const AlertRuleBody = z.strictObject({
  // The one name rule (shared/names.ts): a rule's name reaches webhooks, mails and the page.
  name: z.string({ error: NAME }).refine((n) => isValidName(n, NAME_MAX), {
    error: NAME,
  }).meta({ description: `${nameRule(NAME_MAX)}; unique (case-insensitively)` }),
  metric: z.enum(ALERT_METRICS, {
    error: () => t("metric must be one of {{metrics}}", { metrics: ALERT_METRICS.join(", ") }),
  }),
  // The widest range here; the metric's own (PERCENT or RATE) is the rule's check below.
  threshold: z.number().min(0).max(1e6).meta({
    description: "Percent from 0 to 100 for cpu and memory; MiB/s above 0 for the others",
  }),
  vmId: z.string({ error: VM_ID }).regex(UUID, { error: VM_ID }).nullable().optional().meta({
    description: "The VM's UUID; null or absent: every VM",
  }),
  consecutive: z.int({ error: CONSECUTIVE }).min(1, { error: CONSECUTIVE })
    .max(100, { error: CONSECUTIVE }).optional().meta({
      description: "Samples in a row over the threshold before it fires (default 3)",
    }),
  severity: z.enum(ALERT_SEVERITIES, {
    error: () =>
      t("severity must be one of {{severities}}", { severities: ALERT_SEVERITIES.join(", ") }),
  }).optional(),
  enabled: z.boolean({ error: () => t("enabled must be true or false") }).optional(),
  webhookUrl: z.union([
    z.literal(""),
    z.null(),
    z.string({ error: WEBHOOK }).refine(isWebUrl, { error: WEBHOOK }),
  ], { error: WEBHOOK }).optional().meta({
    description:
      'An http:// or https:// URL the alert is POSTed to when it fires and resolves; "" or null: none',
  }),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t('Unknown field "{{key}}"', { key: issue.keys[0] })
      : t("Body must be a JSON object describing an alert rule"),
}).refine((rule) => thresholdFits(rule.metric, rule.threshold), {
  // A problem with the whole body, so it comes before those of the fields after it; it is
  // looked at only once the body is an object whose name and metric are right.
  when: ({ issues }) =>
    !issues.some((i) => !i.path?.length || ["name", "metric"].includes(String(i.path[0]))),
  error: (issue) => {
    const metric = (issue.input as { metric: AlertMetric }).metric;
    return isPercent(metric)
      ? t("threshold must be a number from 0 to 100 for {{metric}} (percent)", { metric })
      : t("threshold must be a number above 0 for {{metric}} (MiB/s)", { metric });
  },
});

/** A rule body with defaults filled in; 400 INVALID_ALERT_RULE naming the first bad field. */
export function checkAlertRuleInput(input: unknown): Required<AlertRuleInput> {
  const b = validated(AlertRuleBody, input, { code: "INVALID_ALERT_RULE" });
  return {
    name: b.name,
    metric: b.metric,
    threshold: b.threshold,
    vmId: b.vmId ? b.vmId.toLowerCase() : null,
    consecutive: b.consecutive ?? 3,
    severity: b.severity ?? "warning",
    enabled: b.enabled ?? true,
    webhookUrl: b.webhookUrl || null,
  };
}

function ruleOf(row: Record<string, unknown>): AlertRule {
  return {
    id: String(row.id),
    name: String(row.name),
    metric: row.metric as AlertMetric,
    threshold: Number(row.threshold),
    vmId: row.vm_id === null ? null : String(row.vm_id),
    consecutive: Number(row.consecutive),
    severity: row.severity as AlertSeverity,
    enabled: Number(row.enabled) === 1,
    webhookUrl: row.webhook_url === null ? null : String(row.webhook_url),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/** The columns a rule's input sets, in the order of editableValues. */
const EDITABLE = [
  "name",
  "metric",
  "threshold",
  "vm_id",
  "consecutive",
  "severity",
  "enabled",
  "webhook_url",
];

function editableValues(r: Required<AlertRuleInput>) {
  return [
    r.name,
    r.metric,
    r.threshold,
    r.vmId,
    r.consecutive,
    r.severity,
    r.enabled ? 1 : 0,
    r.webhookUrl,
  ];
}

/** The alert_rules table. */
export class AlertRuleStore {
  constructor(readonly store: Store) {}

  list(): AlertRule[] {
    return this.store.db.prepare("SELECT * FROM alert_rules ORDER BY name COLLATE NOCASE").all()
      .map(ruleOf);
  }

  get(id: string): AlertRule {
    const row = this.store.db.prepare("SELECT * FROM alert_rules WHERE id = ?").get(id);
    if (!row) throw ruleNotFound(id);
    return ruleOf(row);
  }

  #nameTaken(name: string, exceptId: string | null) {
    const row = this.store.db.prepare(
      "SELECT id FROM alert_rules WHERE name = ? COLLATE NOCASE AND id IS NOT ?",
    ).get(name, exceptId);
    if (row) {
      throw new AppError(
        "ALREADY_EXISTS",
        t("An alert rule named {{name}} already exists", { name }),
      );
    }
  }

  create(input: Required<AlertRuleInput>, now: Date): AlertRule {
    return this.store.write(() => {
      this.#nameTaken(input.name, null);
      const id = crypto.randomUUID();
      this.store.db.prepare(
        `INSERT INTO alert_rules (${EDITABLE.join(", ")}, updated_at, id, created_at)
         VALUES (${EDITABLE.map(() => "?").join(", ")}, ?, ?, ?)`,
      ).run(...editableValues(input), now.toISOString(), id, now.toISOString());
      return this.get(id);
    });
  }

  replace(id: string, input: Required<AlertRuleInput>, now: Date): AlertRule {
    return this.store.write(() => {
      this.get(id);
      this.#nameTaken(input.name, id);
      this.store.db.prepare(
        `UPDATE alert_rules SET ${EDITABLE.map((c) => `${c} = ?`).join(", ")}, updated_at = ?
         WHERE id = ?`,
      ).run(...editableValues(input), now.toISOString(), id);
      return this.get(id);
    });
  }

  delete(id: string): void {
    this.store.write(() => {
      this.get(id);
      this.store.db.prepare("DELETE FROM alert_rules WHERE id = ?").run(id);
    });
  }
}
