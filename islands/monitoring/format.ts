// Words and units of monitoring figures: alert metrics and thresholds, scopes, insight evidence.

import type { AlertMetric, AlertSeverity, MetricRowCounts } from "../../shared/metrics.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { formatDateTime, formatNumber as formatLocal } from "../../shared/i18n/format.ts";
import { NUMERIC_DATE_TIME } from "../../shared/zoned_time.ts";

/** Each metric's name, as a key: shown through t(), or metricLabel(). */
export const METRIC_LABELS: Record<AlertMetric, string> = {
  cpu: tKey("CPU"),
  memory: tKey("Memory"),
  disk: tKey("Disk I/O"),
  network: tKey("Network"),
};

/** A metric's name in the page's language. */
export const metricLabel = (metric: AlertMetric) => t(METRIC_LABELS[metric]);

/** An alert rule's severity as the forms and lists say it (lower case, unlike the badges). */
export const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  info: tKey("info"),
  warning: tKey("warning"),
  critical: tKey("critical"),
};

/** The unit of a metric's threshold and readings: percent, or MiB/s for throughput. */
export const metricUnit = (metric: AlertMetric) =>
  metric === "cpu" || metric === "memory" ? "%" : "MiB/s";

/** 1234.5678 → "1,234.57" ("1.234,57" in German). */
export const formatNumber = (n: number) => formatLocal(n, { maximumFractionDigits: 2 });

/** 90 for cpu → "90 %"; 12.5 for disk → "12.5 MiB/s". */
export const withUnit = (metric: AlertMetric, value: number) =>
  `${formatNumber(value)} ${metricUnit(metric)}`;

/** A rule's scope: "All VMs", the VM's name, or its UUID when the VM is gone. */
export function scopeLabel(vmId: string | null, vms: { id: string; name: string }[]): string {
  if (vmId === null) return t("All VMs");
  return vms.find((v) => v.id === vmId)?.name ?? vmId;
}

/** The insights' evidence keys (lib/metrics/insights.ts) in words. */
const EVIDENCE_LABELS: Record<string, string> = {
  hours: tKey("Hours"),
  avgCpuPercent: tKey("Avg CPU percent"),
  maxCpuPercent: tKey("Max CPU percent"),
  avgIoBytesPerSecond: tKey("Avg I/O bytes per second"),
  vcpus: tKey("vCPUs"),
  suggestedVcpus: tKey("Suggested vCPUs"),
  memoryMb: tKey("Memory MB"),
  maxUsedMb: tKey("Max used MB"),
  avgUsedPercent: tKey("Avg used percent"),
  suggestedMb: tKey("Suggested MB"),
  hostThreads: tKey("Host threads"),
  ratio: tKey("Ratio"),
};

/**
 * "avgCpuPercent" → "Avg CPU percent"; "vcpus" → "vCPUs": the known keys in the page's
 * language, any other spelled out from its name.
 */
export function evidenceLabel(key: string): string {
  if (Object.hasOwn(EVIDENCE_LABELS, key)) return t(EVIDENCE_LABELS[key]);
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(" ");
  const named: Record<string, string> = {
    cpu: "CPU",
    vcpus: "vCPUs",
    vcpu: "vCPU",
    mb: "MB",
    io: "I/O",
  };
  const text = words.map((w) => named[w] ?? w).join(" ");
  return text.startsWith("vCPU") ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** Row counts per resolution in words: "12 raw, 3 one-minute, 0 one-hour". */
export const rowCounts = (rows: MetricRowCounts) =>
  t("{{raw}} raw, {{minute}} one-minute, {{hour}} one-hour", {
    raw: formatNumber(rows.raw),
    minute: formatNumber(rows.minute),
    hour: formatNumber(rows.hour),
  });

/** An ISO time in the page's language and the browser's time zone; "—" for none. */
export const formatTime = (iso: string | null) =>
  iso ? formatDateTime(iso, NUMERIC_DATE_TIME) : "—";
