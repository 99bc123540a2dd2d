// Insights for display: their words in the page's language, and grouped, the host-wide ones
// first, then each VM's, by VM name.

import type { Insight, InsightKind } from "../../shared/metrics.ts";
import { t } from "../../shared/i18n/t.ts";
import { formatNumber } from "../../shared/i18n/format.ts";

export interface InsightGroup {
  /** "host", or the VM's UUID. */
  key: string;
  title: string;
  insights: Insight[];
}

const RANK = { critical: 0, warning: 1, info: 2 } as const;

/** Groups in display order; inside a group the most severe come first, else as received. */
export function groupInsights(insights: Insight[]): InsightGroup[] {
  const groups = new Map<string, InsightGroup>();
  for (const i of insights) {
    const key = i.vmId ?? "host";
    const title = i.vmId === null ? t("Host") : i.vmName ?? i.vmId;
    const group = groups.get(key) ?? groups.set(key, { key, title, insights: [] }).get(key)!;
    group.insights.push(i);
  }
  const list = [...groups.values()];
  for (const g of list) g.insights.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return list.sort((a, b) =>
    a.key === "host" ? -1 : b.key === "host" ? 1 : a.title.localeCompare(b.title)
  );
}

/** A figure as the server writes it ("1234.5"), with the language's decimal sign. */
const fig = (n: number) => formatNumber(n, { maximumFractionDigits: 1, useGrouping: false });

type Words = { title: string; detail: string };
type Figures = Record<string, number>;

/**
 * Each kind's words from its figures, saying in the page's language what lib/metrics/insights.ts
 * says in English (the same English, word for word).
 */
const WORDS: Record<InsightKind, { needs: string[]; words: (e: Figures, name: string) => Words }> =
  {
    "idle-vm": {
      needs: ["hours", "avgCpuPercent", "maxCpuPercent", "avgIoBytesPerSecond"],
      words: (e, name) => ({
        title: t("{{name}} looks idle", { name }),
        detail: t(
          "Over {{hours}} CPU averaged {{avg}}% (peak {{peak}}%) with about {{io}} KiB/s of disk and network traffic. If nobody uses it, stopping it frees its CPU and memory for other VMs.",
          {
            hours: hours(e),
            avg: fig(e.avgCpuPercent),
            peak: fig(e.maxCpuPercent),
            io: fig(Math.round(e.avgIoBytesPerSecond / 1024)),
          },
        ),
      }),
    },
    "oversized-cpu": {
      needs: ["hours", "vcpus", "suggestedVcpus", "avgCpuPercent", "maxCpuPercent"],
      words: (e, name) => ({
        title: t("{{name}} has more vCPUs than it uses", { name }),
        detail: t(
          "CPU never went above {{peak}}% of its {{vcpus}} vCPUs in {{hours}} (average {{avg}}%). {{suggested}} would carry that peak.",
          {
            peak: fig(e.maxCpuPercent),
            vcpus: fig(e.vcpus),
            hours: hours(e),
            avg: fig(e.avgCpuPercent),
            suggested: vcpus(e.suggestedVcpus),
          },
        ),
      }),
    },
    "oversized-memory": {
      needs: ["hours", "memoryMb", "maxUsedMb", "suggestedMb"],
      words: (e, name) => ({
        title: t("{{name}} uses little of its memory", { name }),
        detail: t(
          "At most {{used}} MB of {{total}} MB was in use over {{hours}}. {{suggested}} MB would leave half again as much headroom.",
          {
            used: fig(e.maxUsedMb),
            total: fig(e.memoryMb),
            hours: hours(e),
            suggested: fig(e.suggestedMb),
          },
        ),
      }),
    },
    "memory-pressure": {
      needs: ["hours", "memoryMb", "avgUsedPercent"],
      words: (e, name) => ({
        title: t("{{name}} is short of memory", { name }),
        detail: t(
          "Memory in use averaged {{avg}}% of {{total}} MB over {{hours}}. Give it more memory before the guest starts swapping or killing processes.",
          { avg: fig(e.avgUsedPercent), total: fig(e.memoryMb), hours: hours(e) },
        ),
      }),
    },
    "cpu-saturation": {
      needs: ["hours", "vcpus", "avgCpuPercent"],
      words: (e, name) => ({
        title: t("{{name}} is CPU-bound", { name }),
        detail: t(
          "CPU averaged {{avg}}% of its {{vcpus}} over {{hours}}. More vCPUs (if the host has them free) would help.",
          { avg: fig(e.avgCpuPercent), vcpus: vcpus(e.vcpus), hours: hours(e) },
        ),
      }),
    },
    "cpu-spikes": {
      needs: ["hours", "avgCpuPercent", "maxCpuPercent"],
      words: (e, name) => ({
        title: t("{{name}} has CPU spikes", { name }),
        detail: t(
          "CPU averaged {{avg}}% but reached {{peak}}% over {{hours}}: short bursts (backups, cron jobs, builds). Spread them out if they slow the VM down.",
          { avg: fig(e.avgCpuPercent), peak: fig(e.maxCpuPercent), hours: hours(e) },
        ),
      }),
    },
    "host-cpu-saturation": {
      needs: ["hours", "avgCpuPercent"],
      words: (e) => ({
        title: t("The host's CPUs are busy"),
        detail: t(
          "Host CPU averaged {{avg}}% over {{hours}}. VMs compete for CPU time; move or stop some, or shrink the busiest.",
          { avg: fig(e.avgCpuPercent), hours: hours(e) },
        ),
      }),
    },
    "host-memory-pressure": {
      needs: ["hours", "memoryMb", "avgUsedPercent"],
      words: (e) => ({
        title: t("The host is short of memory"),
        detail: t(
          "Host memory in use averaged {{avg}}% of {{total}} MB over {{hours}}. New VMs may fail to start; shrink oversized VMs or stop idle ones.",
          { avg: fig(e.avgUsedPercent), total: fig(e.memoryMb), hours: hours(e) },
        ),
      }),
    },
    "vcpu-overcommit": {
      needs: ["vcpus", "hostThreads", "ratio"],
      words: (e) => ({
        title: t("vCPUs are heavily overcommitted"),
        detail: t(
          "The VMs that ran in this range have {{vcpus}} vCPUs on {{threads}} host threads ({{ratio}} per thread). Fine while they are mostly idle; busy VMs will slow each other down.",
          { vcpus: fig(e.vcpus), threads: fig(e.hostThreads), ratio: fig(e.ratio) },
        ),
      }),
    },
  };

function hours(e: Figures): string {
  return t("{{count}} hours", { count: e.hours });
}

function vcpus(n: number): string {
  return t("{{count}} vCPUs", { count: n });
}

/** An insight's title and detail in the page's language; as the server sent them otherwise. */
export function insightWords(i: Insight): Words {
  const kind = Object.hasOwn(WORDS, i.kind) ? WORDS[i.kind] : null;
  if (!kind || kind.needs.some((k) => typeof i.evidence[k] !== "number")) {
    return { title: i.title, detail: i.detail };
  }
  return kind.words(i.evidence, i.vmName ?? i.vmId ?? "");
}
