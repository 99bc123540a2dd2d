// Words and units of monitoring figures: alert metrics and thresholds, scopes, insight evidence.

import type { AlertMetric, MetricRowCounts } from "../../shared/metrics.ts";

export const METRIC_LABELS: Record<AlertMetric, string> = {
  cpu: "CPU",
  memory: "Memory",
  disk: "Disk I/O",
  network: "Network",
};

/** The unit of a metric's threshold and readings: percent, or MiB/s for throughput. */
export const metricUnit = (metric: AlertMetric) =>
  metric === "cpu" || metric === "memory" ? "%" : "MiB/s";

const decimals = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

/** 1234.5678 → "1,234.57". */
export const formatNumber = (n: number) => decimals.format(n);

/** 90 for cpu → "90 %"; 12.5 for disk → "12.5 MiB/s". */
export const withUnit = (metric: AlertMetric, value: number) =>
  `${formatNumber(value)} ${metricUnit(metric)}`;

/** A rule's scope: "All VMs", the VM's name, or its UUID when the VM is gone. */
export function scopeLabel(vmId: string | null, vms: { id: string; name: string }[]): string {
  if (vmId === null) return "All VMs";
  return vms.find((v) => v.id === vmId)?.name ?? vmId;
}

/** "avgCpuPercent" → "Avg CPU percent"; "vcpus" → "vCPUs". */
export function evidenceLabel(key: string): string {
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
  `${formatNumber(rows.raw)} raw, ${formatNumber(rows.minute)} one-minute, ` +
  `${formatNumber(rows.hour)} one-hour`;

/** An ISO time in the browser's locale and time zone; "—" for none. */
export const formatTime = (iso: string | null) => iso ? new Date(iso).toLocaleString() : "—";
