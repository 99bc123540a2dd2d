// Insights grouped for display: the host-wide ones first, then each VM's, by VM name.

import type { Insight } from "../../shared/metrics.ts";

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
    const title = i.vmId === null ? "Host" : i.vmName ?? i.vmId;
    const group = groups.get(key) ?? groups.set(key, { key, title, insights: [] }).get(key)!;
    group.insights.push(i);
  }
  const list = [...groups.values()];
  for (const g of list) g.insights.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return list.sort((a, b) =>
    a.key === "host" ? -1 : b.key === "host" ? 1 : a.title.localeCompare(b.title)
  );
}
