// What the monitoring routes answer (routes/api/metrics.ts): metric history, its retention,
// alert rules and events, and insights.

import { z } from "zod";
import {
  ALERT_METRICS,
  ALERT_SEVERITIES,
  type AlertEvent as Event,
  type AlertRule as Rule,
  type CleanupResult as Cleanup,
  GUEST_MEMORY_COLUMNS,
  type GuestMetricSeries as GuestSeries,
  type HostMetricSeries as HostSeries,
  INSIGHT_KINDS,
  INSIGHT_RANGES,
  type InsightReport as Report,
  METRIC_RANGES,
  type MetricsSettings as Settings,
  type RetentionPolicy as Policy,
  type VmMetricSeries as VmSeries,
} from "../../../shared/metrics.ts";
import { describes } from "./describes.ts";

/** One column: a figure per bucket, null where there was none. */
const column = (description?: string) => {
  const c = z.array(z.number().nullable());
  return description ? c.meta({ description }) : c;
};

const series = {
  range: z.enum(METRIC_RANGES),
  resolution: z.enum(["raw", "1m", "1h"]).meta({
    description: "Raw collector samples, or one-minute or one-hour rollups",
  }),
  stepSeconds: z.number().meta({ description: "Bucket length: the tick for raw, else 60 or 3600" }),
  from: z.number().meta({ description: "The window asked for, Unix ms" }),
  to: z.number(),
  t: z.array(z.number()).meta({ description: "Bucket starts, Unix ms, ascending" }),
};

const hostColumns = {
  cpu: column("CPU %: average (of all vCPUs for a VM, of all host threads for the host)"),
  cpuMax: column(),
  memUsedMb: column(),
  memUsedMaxMb: column(),
  memTotalMb: column(),
};

export const HostMetricSeries = describes<HostSeries>()(
  z.object({ ...series, ...hostColumns }).meta({
    id: "HostMetricSeries",
    description:
      "Columns of equal length, one entry per stored bucket; a gap longer than 2.5 steps gets one all-null entry",
  }),
);

export const VmMetricSeries = describes<VmSeries>()(
  z.object({
    ...series,
    ...hostColumns,
    vmId: z.string(),
    diskRead: column("Bytes per second, average over each bucket"),
    diskReadMax: column(),
    diskWrite: column(),
    diskWriteMax: column(),
    netRx: column(),
    netRxMax: column(),
    netTx: column(),
    netTxMax: column(),
  }).meta({ id: "VmMetricSeries" }),
);

export const GuestMetricSeries = describes<GuestSeries>()(
  z.object({
    vmId: z.string(),
    ...series,
    stepSeconds: z.number().meta({
      description: "Bucket length: the guest sampling interval for raw, else 60 or 3600",
    }),
    cores: z.array(column()).meta({
      description: "Busy % of each guest CPU (index = the guest's cpuN), averages",
    }),
    memory: z.object(
      Object.fromEntries(GUEST_MEMORY_COLUMNS.map((k) => [k, column()])) as Record<
        typeof GUEST_MEMORY_COLUMNS[number],
        ReturnType<typeof column>
      >,
    ).meta({ description: "MB, as free(1) splits it" }),
    source: z.enum(["kvmm", "qemu-only", "none"]).meta({
      description:
        'Whether the host samples this VM now: "kvmm" (our agent), "qemu-only" (no such figures), "none"',
    }),
    sampleSeconds: z.number().meta({ description: "Seconds between samples while watched" }),
  }).meta({ id: "GuestMetricSeries" }),
);

export const RetentionPolicy = describes<Policy>()(
  z.object({
    enabled: z.boolean().meta({ description: "When false nothing is deleted automatically" }),
    rawHours: z.number().int(),
    minuteDays: z.number().int(),
    hourDays: z.number().int(),
    cleanupHour: z.number().int().meta({ description: "Local hour of the daily clean-up" }),
    lastCleanupAt: z.string().nullable().meta({ description: "ISO 8601; null before the first" }),
  }).meta({ id: "MetricsRetentionPolicy" }),
);

const RowCounts = z.object({
  raw: z.number().int(),
  minute: z.number().int(),
  hour: z.number().int(),
});

export const MetricsSettings = describes<Settings>()(
  z.object({
    policy: RetentionPolicy,
    tickSeconds: z.number().meta({ description: "Collector tick length (--stats-interval)" }),
    dbSizeBytes: z.number().int().meta({ description: "metrics.db with its WAL" }),
    rows: RowCounts,
    historyProblem: z.string().nullable().optional().meta({
      description: "Why graphs are kept in memory only (an unusable metrics.db), else null",
    }),
  }).meta({ id: "MetricsSettings" }),
);

export const MetricsCleanup = describes<Cleanup>()(
  z.object({
    deleted: RowCounts,
    at: z.string().meta({ description: "ISO 8601" }),
    durationMs: z.number(),
    dbSizeBytes: z.number().int(),
  }).meta({ id: "MetricsCleanup" }),
);

const severity = z.enum(ALERT_SEVERITIES);
const metric = z.enum(ALERT_METRICS).meta({
  description: "cpu and memory are percents; disk and network MiB/s",
});

export const AlertRule = describes<Rule>()(
  z.object({
    id: z.string(),
    name: z.string(),
    metric,
    threshold: z.number().meta({ description: "Fires when the reading is above this" }),
    vmId: z.string().nullable().meta({ description: "One VM's UUID, or null for every VM" }),
    consecutive: z.number().int().meta({
      description: "Readings in a row above the threshold before it fires (below: resolves)",
    }),
    severity,
    enabled: z.boolean(),
    webhookUrl: z.string().nullable().meta({
      description: "Where alerts are POSTed; null for none, and for callers other than admins",
    }),
    webhookOrigin: z.string().optional().meta({
      description: "To non-admins only, when a webhook is set: its scheme and host",
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  }).meta({ id: "AlertRule" }),
);

export const AlertRuleList = z.array(AlertRule);

export const AlertEvent = describes<Event>()(
  z.object({
    id: z.number().int(),
    ruleId: z.string(),
    ruleName: z.string(),
    metric,
    severity,
    vmId: z.string(),
    vmName: z.string(),
    threshold: z.number(),
    value: z.number().meta({ description: "The reading that fired it, in the rule's unit" }),
    firedAt: z.string(),
    resolvedAt: z.string().nullable().meta({ description: "null while it is firing" }),
    resolvedReason: z.string().nullable(),
    webhookError: z.string().nullable().meta({
      description: 'The last webhook failure, or null; "Webhook delivery failed" to non-admins',
    }),
  }).meta({ id: "AlertEvent" }),
);

export const AlertEventList = z.array(AlertEvent);

const Insight = z.object({
  kind: z.enum(INSIGHT_KINDS),
  category: z.enum(["cpu", "memory", "disk", "network"]),
  severity,
  vmId: z.string().nullable().meta({ description: "null for a host-wide insight" }),
  vmName: z.string().nullable(),
  title: z.string(),
  detail: z.string(),
  evidence: z.record(z.string(), z.number()).meta({
    description: "The figures, e.g. {avgCpuPercent: 0.4, maxCpuPercent: 3, vcpus: 4, hours: 24}",
  }),
});

export const InsightReport = describes<Report>()(
  z.object({
    range: z.enum(INSIGHT_RANGES),
    generatedAt: z.string(),
    analyzedVms: z.number().int().meta({
      description: "VMs with enough history in the range to judge",
    }),
    insights: z.array(Insight),
  }).meta({ id: "InsightReport" }),
);
