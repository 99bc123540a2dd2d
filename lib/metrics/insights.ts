// Insights: suggestions drawn from the hourly history of each VM and of the host, each with the
// figures behind it. Pure: the summaries come from history.summarize().

import type { SourceSummary } from "./history.ts";
import { HOST_SOURCE } from "./history.ts";
import type { Insight, InsightRange } from "../../shared/metrics.ts";

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
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

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
      title: `${s.name} looks idle`,
      detail:
        `Over ${plural(hours, "hour")} CPU averaged ${one(avgCpu!)}% (peak ${
          one(maxCpu!)
        }%) with about ${Math.round(io / 1024)} KiB/s of disk and network traffic. ` +
        "If nobody uses it, stopping it frees its CPU and memory for other VMs.",
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
        title: `${s.name} has more vCPUs than it uses`,
        detail: `CPU never went above ${one(maxCpu)}% of its ${vcpus} vCPUs in ${
          plural(hours, "hour")
        } (average ${one(avgCpu ?? 0)}%). ${plural(suggested, "vCPU")} would carry that peak.`,
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
          title: `${s.name} uses little of its memory`,
          detail: `At most ${s.maxMemUsedMb} MB of ${total} MB was in use over ${
            plural(hours, "hour")
          }. ${suggestedMb} MB would leave half again as much headroom.`,
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
        title: `${s.name} is short of memory`,
        detail: `Memory in use averaged ${one(avgPercent)}% of ${total} MB over ${
          plural(hours, "hour")
        }. Give it more memory before the guest starts swapping or killing processes.`,
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
      title: `${s.name} is CPU-bound`,
      detail: `CPU averaged ${one(avgCpu)}% of its ${plural(vcpus, "vCPU")} over ${
        plural(hours, "hour")
      }. More vCPUs (if the host has them free) would help.`,
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
      title: `${s.name} has CPU spikes`,
      detail: `CPU averaged ${one(avgCpu)}% but reached ${one(maxCpu)}% over ${
        plural(hours, "hour")
      }: short bursts (backups, cron jobs, builds). Spread them out if they slow the VM down.`,
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
      title: "The host's CPUs are busy",
      detail: `Host CPU averaged ${one(host.avgCpu)}% over ${plural(hours, "hour")}. ` +
        "VMs compete for CPU time; move or stop some, or shrink the busiest.",
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
        title: "The host is short of memory",
        detail: `Host memory in use averaged ${one(percent)}% of ${host.memTotalMb} MB over ${
          plural(hours, "hour")
        }. New VMs may fail to start; shrink oversized VMs or stop idle ones.`,
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
      title: "vCPUs are heavily overcommitted",
      detail: `The VMs that ran in this range have ${vcpus} vCPUs on ${threads} host threads ` +
        `(${one(vcpus / threads)} per thread). Fine while they are mostly idle; busy VMs will ` +
        "slow each other down.",
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
