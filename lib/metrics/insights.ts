// Insights: suggestions drawn from the hourly history of each VM and of the host, each with the
// figures behind it. Pure: the summaries come from history.summarize().

import type { SourceSummary } from "./history_summary.ts";
import { HOST_SOURCE } from "./history.ts";
import type { Insight, InsightRange } from "../../shared/metrics.ts";
import { t } from "../../shared/i18n/t.ts";
import { formatNumber } from "../../shared/i18n/format.ts";

export const RANGE_HOURS: Record<InsightRange, number> = { "24h": 24, "7d": 168, "30d": 720 };

/** A quarter of the range (at least 6 hours) must be covered before anything is judged. */
export function minimumHours(range: InsightRange): number {
  return Math.max(6, Math.ceil(RANGE_HOURS[range] / 4));
}

// Thresholds, in one place so the README and the UI can quote them.
export const LIMITS = {
  idleCpuAvg: 2,
  idleCpuMax: 10,
  /** Bytes per second of disk plus network below which a VM counts as idle. */
  idleIo: 10 * 1024,
  oversizedCpuMax: 25,
  oversizedMemMaxRatio: 0.4,
  oversizedMemMinMb: 1024,
  saturationCpuAvg: 80,
  saturationCpuCritical: 95,
  memoryPressureAvg: 90,
  memoryPressureCritical: 97,
  spikeCpuMax: 90,
  spikeCpuAvg: 30,
  overcommitRatio: 2,
};

const one = (n: number) => Math.round(n * 10) / 10;

// The words are the request's language (islands/monitoring/insights.ts says the same from the
// figures in the page's): a figure with its decimal sign, hours and vCPUs counted.
const fig = (n: number) => formatNumber(n, { maximumFractionDigits: 1, useGrouping: false });
const hoursOf = (count: number) => t("{{count}} hours", { count });
const vcpusOf = (count: number) => t("{{count}} vCPUs", { count });

function vmInsights(s: SourceSummary): Insight[] {
  const out: Insight[] = [];
  const base = { vmId: s.uuid, vmName: s.name };
  const hours = s.hours;
  const avgCpu = s.avgCpu;
  const maxCpu = s.maxCpu;
  const io = (s.avgDisk ?? 0) + (s.avgNet ?? 0);
  const idle = avgCpu !== null && maxCpu !== null && avgCpu < LIMITS.idleCpuAvg &&
    maxCpu < LIMITS.idleCpuMax && io < LIMITS.idleIo;
  if (idle) {
    out.push({
      ...base,
      kind: "idle-vm",
      category: "cpu",
      severity: "info",
      title: t("{{name}} looks idle", { name: s.name }),
      detail: t(
        "Over {{hours}} CPU averaged {{avg}}% (peak {{peak}}%) with about {{io}} KiB/s of disk and network traffic. If nobody uses it, stopping it frees its CPU and memory for other VMs.",
        {
          hours: hoursOf(hours),
          avg: fig(one(avgCpu!)),
          peak: fig(one(maxCpu!)),
          io: fig(Math.round(io / 1024)),
        },
      ),
      evidence: {
        hours,
        avgCpuPercent: one(avgCpu!),
        maxCpuPercent: one(maxCpu!),
        avgIoBytesPerSecond: Math.round(io),
      },
    });
  }
  const vcpus = s.vcpus ?? 0;
  if (!idle && maxCpu !== null && vcpus >= 2 && maxCpu < LIMITS.oversizedCpuMax) {
    // Enough vCPUs to carry the peak at 70% load.
    const suggested = Math.max(1, Math.ceil(vcpus * maxCpu / 100 / 0.7));
    if (suggested < vcpus) {
      out.push({
        ...base,
        kind: "oversized-cpu",
        category: "cpu",
        severity: "info",
        title: t("{{name}} has more vCPUs than it uses", { name: s.name }),
        detail: t(
          "CPU never went above {{peak}}% of its {{vcpus}} vCPUs in {{hours}} (average {{avg}}%). {{suggested}} would carry that peak.",
          {
            peak: fig(one(maxCpu)),
            vcpus: fig(vcpus),
            hours: hoursOf(hours),
            avg: fig(one(avgCpu ?? 0)),
            suggested: vcpusOf(suggested),
          },
        ),
        evidence: {
          hours,
          vcpus,
          suggestedVcpus: suggested,
          avgCpuPercent: one(avgCpu ?? 0),
          maxCpuPercent: one(maxCpu),
        },
      });
    }
  }
  const total = s.memTotalMb;
  if (s.maxMemUsedMb !== null && s.avgMemUsedMb !== null && total) {
    const maxRatio = s.maxMemUsedMb / total;
    const avgPercent = s.avgMemUsedMb / total * 100;
    if (total >= LIMITS.oversizedMemMinMb && maxRatio < LIMITS.oversizedMemMaxRatio) {
      const suggestedMb = Math.max(512, Math.ceil(s.maxMemUsedMb * 1.5 / 256) * 256);
      if (suggestedMb < total) {
        out.push({
          ...base,
          kind: "oversized-memory",
          category: "memory",
          severity: "info",
          title: t("{{name}} uses little of its memory", { name: s.name }),
          detail: t(
            "At most {{used}} MB of {{total}} MB was in use over {{hours}}. {{suggested}} MB would leave half again as much headroom.",
            {
              used: fig(s.maxMemUsedMb),
              total: fig(total),
              hours: hoursOf(hours),
              suggested: fig(suggestedMb),
            },
          ),
          evidence: {
            hours,
            memoryMb: total,
            maxUsedMb: s.maxMemUsedMb,
            avgUsedPercent: one(avgPercent),
            suggestedMb,
          },
        });
      }
    }
    if (avgPercent >= LIMITS.memoryPressureAvg) {
      out.push({
        ...base,
        kind: "memory-pressure",
        category: "memory",
        severity: avgPercent >= LIMITS.memoryPressureCritical ? "critical" : "warning",
        title: t("{{name}} is short of memory", { name: s.name }),
        detail: t(
          "Memory in use averaged {{avg}}% of {{total}} MB over {{hours}}. Give it more memory before the guest starts swapping or killing processes.",
          { avg: fig(one(avgPercent)), total: fig(total), hours: hoursOf(hours) },
        ),
        evidence: { hours, memoryMb: total, avgUsedPercent: one(avgPercent) },
      });
    }
  }
  if (avgCpu !== null && avgCpu >= LIMITS.saturationCpuAvg) {
    out.push({
      ...base,
      kind: "cpu-saturation",
      category: "cpu",
      severity: avgCpu >= LIMITS.saturationCpuCritical ? "critical" : "warning",
      title: t("{{name}} is CPU-bound", { name: s.name }),
      detail: t(
        "CPU averaged {{avg}}% of its {{vcpus}} over {{hours}}. More vCPUs (if the host has them free) would help.",
        { avg: fig(one(avgCpu)), vcpus: vcpusOf(vcpus), hours: hoursOf(hours) },
      ),
      evidence: { hours, vcpus, avgCpuPercent: one(avgCpu), maxCpuPercent: one(maxCpu ?? avgCpu) },
    });
  } else if (
    avgCpu !== null && maxCpu !== null && maxCpu >= LIMITS.spikeCpuMax &&
    avgCpu < LIMITS.spikeCpuAvg
  ) {
    out.push({
      ...base,
      kind: "cpu-spikes",
      category: "cpu",
      severity: "info",
      title: t("{{name}} has CPU spikes", { name: s.name }),
      detail: t(
        "CPU averaged {{avg}}% but reached {{peak}}% over {{hours}}: short bursts (backups, cron jobs, builds). Spread them out if they slow the VM down.",
        { avg: fig(one(avgCpu)), peak: fig(one(maxCpu)), hours: hoursOf(hours) },
      ),
      evidence: { hours, avgCpuPercent: one(avgCpu), maxCpuPercent: one(maxCpu) },
    });
  }
  return out;
}

function hostInsights(host: SourceSummary, vms: SourceSummary[]): Insight[] {
  const out: Insight[] = [];
  const base = { vmId: null, vmName: null };
  const hours = host.hours;
  if (host.avgCpu !== null && host.avgCpu >= LIMITS.saturationCpuAvg) {
    out.push({
      ...base,
      kind: "host-cpu-saturation",
      category: "cpu",
      severity: host.avgCpu >= LIMITS.saturationCpuCritical ? "critical" : "warning",
      title: t("The host's CPUs are busy"),
      detail: t(
        "Host CPU averaged {{avg}}% over {{hours}}. VMs compete for CPU time; move or stop some, or shrink the busiest.",
        { avg: fig(one(host.avgCpu)), hours: hoursOf(hours) },
      ),
      evidence: {
        hours,
        avgCpuPercent: one(host.avgCpu),
        maxCpuPercent: one(host.maxCpu ?? host.avgCpu),
      },
    });
  }
  if (host.avgMemUsedMb !== null && host.memTotalMb) {
    const percent = host.avgMemUsedMb / host.memTotalMb * 100;
    if (percent >= LIMITS.memoryPressureAvg) {
      out.push({
        ...base,
        kind: "host-memory-pressure",
        category: "memory",
        severity: percent >= LIMITS.memoryPressureCritical ? "critical" : "warning",
        title: t("The host is short of memory"),
        detail: t(
          "Host memory in use averaged {{avg}}% of {{total}} MB over {{hours}}. New VMs may fail to start; shrink oversized VMs or stop idle ones.",
          { avg: fig(one(percent)), total: fig(host.memTotalMb), hours: hoursOf(hours) },
        ),
        evidence: { hours, memoryMb: host.memTotalMb, avgUsedPercent: one(percent) },
      });
    }
  }
  const threads = host.vcpus ?? 0;
  const vcpus = vms.reduce((sum, vm) => sum + (vm.vcpus ?? 0), 0);
  if (threads > 0 && vcpus > threads * LIMITS.overcommitRatio) {
    out.push({
      ...base,
      kind: "vcpu-overcommit",
      category: "cpu",
      severity: "info",
      title: t("vCPUs are heavily overcommitted"),
      detail: t(
        "The VMs that ran in this range have {{vcpus}} vCPUs on {{threads}} host threads ({{ratio}} per thread). Fine while they are mostly idle; busy VMs will slow each other down.",
        { vcpus: fig(vcpus), threads: fig(threads), ratio: fig(one(vcpus / threads)) },
      ),
      evidence: { vcpus, hostThreads: threads, ratio: one(vcpus / threads) },
    });
  }
  return out;
}

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 };

/** Insights for the summaries with enough history; host first, then by severity and name. */
export function insightsFrom(
  summaries: SourceSummary[],
  range: InsightRange,
): { analyzedVms: number; insights: Insight[] } {
  const enough = summaries.filter((s) => s.hours >= minimumHours(range));
  const host = enough.find((s) => s.uuid === HOST_SOURCE);
  const vms = enough.filter((s) => s.uuid !== HOST_SOURCE);
  const vmFindings = vms.flatMap(vmInsights).sort((a, b) =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.vmName ?? "").localeCompare(b.vmName ?? "")
  );
  return {
    analyzedVms: vms.length,
    insights: [...(host ? hostInsights(host, vms) : []), ...vmFindings],
  };
}
