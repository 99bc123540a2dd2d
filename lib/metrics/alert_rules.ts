// Alert rules: the checks on a rule as the API receives it, and their rows in the app store.

import { AppError } from "../errors.ts";
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

const invalid = (message: string) => new AppError("INVALID_ALERT_RULE", message);

export const ruleNotFound = (id: string) =>
  new AppError("ALERT_RULE_NOT_FOUND", `Alert rule not found: ${id}`);

const FIELDS = ["name", "metric", "threshold", "vmId", "consecutive", "severity", "enabled"];

/** A rule body with defaults filled in; 400 INVALID_ALERT_RULE naming the first bad field. */
export function checkAlertRuleInput(input: unknown): Required<AlertRuleInput> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw invalid("Body must be a JSON object describing an alert rule");
  }
  const b = input as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (!FIELDS.includes(key) && key !== "webhookUrl") {
      throw invalid(`Unknown field "${key}"`);
    }
  }
  const name = typeof b.name === "string" ? b.name.trim() : "";
  if (!name || name.length > 64) throw invalid("name is required (1–64 characters)");
  if (!ALERT_METRICS.includes(b.metric as AlertMetric)) {
    throw invalid(`metric must be one of ${ALERT_METRICS.join(", ")}`);
  }
  const metric = b.metric as AlertMetric;
  const threshold = b.threshold;
  const percent = metric === "cpu" || metric === "memory";
  if (
    typeof threshold !== "number" || !Number.isFinite(threshold) ||
    (percent ? threshold < 0 || threshold > 100 : threshold <= 0 || threshold > 1e6)
  ) {
    throw invalid(
      percent
        ? `threshold must be a number from 0 to 100 for ${metric} (percent)`
        : `threshold must be a number above 0 for ${metric} (MiB/s)`,
    );
  }
  const vmId = b.vmId ?? null;
  if (vmId !== null && (typeof vmId !== "string" || !UUID.test(vmId))) {
    throw invalid("vmId must be a VM's UUID, or null for every VM");
  }
  const consecutive = b.consecutive ?? 3;
  if (
    typeof consecutive !== "number" || !Number.isInteger(consecutive) || consecutive < 1 ||
    consecutive > 100
  ) {
    throw invalid("consecutive must be a whole number from 1 to 100");
  }
  const severity = b.severity ?? "warning";
  if (!ALERT_SEVERITIES.includes(severity as AlertSeverity)) {
    throw invalid(`severity must be one of ${ALERT_SEVERITIES.join(", ")}`);
  }
  const enabled = b.enabled ?? true;
  if (typeof enabled !== "boolean") throw invalid("enabled must be true or false");
  const webhookUrl = b.webhookUrl === "" ? null : b.webhookUrl ?? null;
  if (webhookUrl !== null) {
    let url: URL | null = null;
    try {
      url = typeof webhookUrl === "string" ? new URL(webhookUrl) : null;
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      throw invalid("webhookUrl must be an http:// or https:// URL");
    }
  }
  return {
    name,
    metric,
    threshold,
    vmId: vmId === null ? null : (vmId as string).toLowerCase(),
    consecutive,
    severity: severity as AlertSeverity,
    enabled,
    webhookUrl: webhookUrl as string | null,
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
      throw new AppError("ALREADY_EXISTS", `An alert rule named ${name} already exists`);
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
