// The JSON shapes of monitoring: metric history, retention, alerts and insights.
// Shared by lib/metrics, routes/api/metrics.ts and the islands that draw them.

/** The ranges a graph can ask for; "live" is the last five minutes of raw samples. */
export const METRIC_RANGES = ["live", "1h", "6h", "24h", "7d", "30d"] as const;
export type MetricRange = typeof METRIC_RANGES[number];

/** The ranges insights look back over. */
export const INSIGHT_RANGES = ["24h", "7d", "30d"] as const;
export type InsightRange = typeof INSIGHT_RANGES[number];

/** Raw collector samples, one-minute and one-hour rollups (average and maximum). */
export type MetricResolution = "raw" | "1m" | "1h";

/** What every metric series answers around its columns: its window and its buckets' times. */
export interface MetricSeriesFrame {
  range: MetricRange;
  resolution: MetricResolution;
  /** Bucket length: the sampling interval for raw (the collector's or the guest's), else 60 or 3600. */
  stepSeconds: number;
  /** The window asked for, Unix ms. */
  from: number;
  to: number;
  /** Bucket start, Unix ms, ascending. */
  t: number[];
}

/**
 * `GET /api/host/metrics?range=`: columns of equal length, one entry per stored bucket (buckets
 * without a row are left out, except that a gap longer than 2.5 steps gets one all-null entry so
 * lines break there). `null` also where a reading lacked the figure (the slower memory/disk group
 * was not read that tick).
 */
export interface HostMetricSeries extends MetricSeriesFrame {
  /** CPU % (of all vCPUs for a VM, of all host threads for the host): average and maximum. */
  cpu: (number | null)[];
  cpuMax: (number | null)[];
  memUsedMb: (number | null)[];
  memUsedMaxMb: (number | null)[];
  memTotalMb: (number | null)[];
}

/** `GET /api/vms/:id/metrics?range=`: the host's columns plus disk and network rates. */
export interface VmMetricSeries extends HostMetricSeries {
  vmId: string;
  /** Bytes per second, average and maximum over each bucket. */
  diskRead: (number | null)[];
  diskReadMax: (number | null)[];
  diskWrite: (number | null)[];
  diskWriteMax: (number | null)[];
  netRx: (number | null)[];
  netRxMax: (number | null)[];
  netTx: (number | null)[];
  netTxMax: (number | null)[];
}

/** How long history is kept, and when the daily clean-up runs. */
export interface RetentionPolicy {
  /** When false nothing is deleted automatically; "clean up now" still works. */
  enabled: boolean;
  /** Raw samples (one per tick), in hours: 1–72. */
  rawHours: number;
  /** One-minute rollups, in days: 1–90. */
  minuteDays: number;
  /** One-hour rollups, in days: 1–3650. */
  hourDays: number;
  /** Local hour of the daily clean-up: 0–23. */
  cleanupHour: number;
  /** ISO time of the last clean-up, automatic or manual; null before the first. */
  lastCleanupAt: string | null;
}

/** The editable part of RetentionPolicy (`PUT /api/settings/metrics/retention`, all optional). */
export type RetentionInput = Partial<Omit<RetentionPolicy, "lastCleanupAt">>;

/** Row counts per resolution. */
export interface MetricRowCounts {
  raw: number;
  minute: number;
  hour: number;
}

/** `GET /api/settings/metrics`. */
export interface MetricsSettings {
  policy: RetentionPolicy;
  /** Collector tick length in seconds (`--stats-interval`). */
  tickSeconds: number;
  /** Size of the metrics database file (with its WAL), bytes. */
  dbSizeBytes: number;
  rows: MetricRowCounts;
  /** Why graphs are kept in memory only (a damaged or unusable metrics.db), else null. */
  historyProblem?: string | null;
}

/** `POST /api/settings/metrics/cleanup`. */
export interface CleanupResult {
  deleted: MetricRowCounts;
  at: string;
  durationMs: number;
  dbSizeBytes: number;
}

export const ALERT_METRICS = ["cpu", "memory", "disk", "network"] as const;
/** cpu and memory are percents; disk (read + write) and network (rx + tx) are MiB/s. */
export type AlertMetric = typeof ALERT_METRICS[number];

export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;
export type AlertSeverity = typeof ALERT_SEVERITIES[number];

/** A threshold rule, checked at every collector reading of its metric. */
export interface AlertRule {
  id: string;
  name: string;
  metric: AlertMetric;
  /** Fires when the reading is above this (percent, or MiB/s for disk and network). */
  threshold: number;
  /** One VM's UUID, or null for every VM. */
  vmId: string | null;
  /** Readings in a row above the threshold before it fires (and below before it resolves). */
  consecutive: number;
  severity: AlertSeverity;
  enabled: boolean;
  /**
   * Where fired and resolved alerts are POSTed as JSON (no redirects followed); null for none,
   * and for callers other than admins, who get webhookOrigin instead (lib/auth/redact.ts).
   */
  webhookUrl: string | null;
  /** To non-admins only, when a webhook is set: its scheme and host (the URL is a secret). */
  webhookOrigin?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * `POST /api/alerts/rules` and `PUT /api/alerts/rules/:id`: name, metric and threshold are
 * required; vmId null, consecutive 3, severity "warning", enabled true, webhookUrl null by default.
 */
export type AlertRuleInput =
  & Pick<AlertRule, "name" | "metric" | "threshold">
  & Partial<Pick<AlertRule, "vmId" | "consecutive" | "severity" | "enabled" | "webhookUrl">>;

/** One firing of a rule for one VM: open until resolvedAt is set. */
export interface AlertEvent {
  id: number;
  ruleId: string;
  ruleName: string;
  metric: AlertMetric;
  severity: AlertSeverity;
  vmId: string;
  vmName: string;
  threshold: number;
  /** The reading that fired it, in the rule's unit. */
  value: number;
  firedAt: string;
  resolvedAt: string | null;
  /** Why it resolved: "below threshold", "VM stopped", "rule deleted", "rule changed". */
  resolvedReason: string | null;
  /**
   * The last webhook failure for this alert (a 3xx is one: redirects are not followed), or
   * null; "Webhook delivery failed" to non-admins and on the event stream, as the text may
   * name the URL.
   */
  webhookError: string | null;
}

export const INSIGHT_KINDS = [
  "idle-vm",
  "oversized-cpu",
  "oversized-memory",
  "cpu-saturation",
  "memory-pressure",
  "cpu-spikes",
  "host-cpu-saturation",
  "host-memory-pressure",
  "vcpu-overcommit",
] as const;
export type InsightKind = typeof INSIGHT_KINDS[number];

/** A suggestion drawn from history, with the numbers behind it. */
export interface Insight {
  kind: InsightKind;
  category: "cpu" | "memory" | "disk" | "network";
  severity: AlertSeverity;
  /** null for a host-wide insight. */
  vmId: string | null;
  vmName: string | null;
  /** One line, e.g. "web-1 looks idle". */
  title: string;
  /** What was seen and what to do, in words with the figures. */
  detail: string;
  /** The figures, e.g. {avgCpuPercent: 0.4, maxCpuPercent: 3, vcpus: 4, hours: 24}. */
  evidence: Record<string, number>;
}

/** `GET /api/insights?range=` and `GET /api/vms/:id/insights?range=`. */
export interface InsightReport {
  range: InsightRange;
  generatedAt: string;
  /** VMs with enough history in the range to judge. */
  analyzedVms: number;
  insights: Insight[];
}

/** The memory lines of a guest series, in MB (our agent's get_usage, as free(1) splits it). */
export const GUEST_MEMORY_COLUMNS = [
  "usedMb",
  "buffersMb",
  "cachedMb",
  "freeMb",
  "availableMb",
  "totalMb",
  "swapUsedMb",
  "swapTotalMb",
] as const;
export type GuestMemoryColumn = typeof GUEST_MEMORY_COLUMNS[number];

/** `GET /api/vms/:id/metrics/guest`: per-core CPU and memory detail from inside the guest. */
export interface GuestMetricSeries extends MetricSeriesFrame {
  vmId: string;
  /** Busy % of each guest CPU (index = the guest's cpuN, at most GUEST_CORES_MAX), averages. */
  cores: (number | null)[][];
  memory: Record<GuestMemoryColumn, (number | null)[]>;
  /**
   * Whether the host samples this VM now: "kvmm" (our agent answers; sampled while the page is
   * open), "qemu-only" (only QEMU's agent, which has no such figures), "none" (no agent
   * answered or the VM is not running).
   */
  source: "kvmm" | "qemu-only" | "none";
  /** Seconds between samples while someone watches. */
  sampleSeconds: number;
}

/** Guest CPUs stored per VM: cpu0 … cpu63; more are left out (and the graph says so). */
export const GUEST_CORES_MAX = 64;
