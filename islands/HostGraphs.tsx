// The host's CPU and memory graphs over a chosen range (/api/host/metrics), on the dashboard.

import { getHostMetrics } from "./monitoring/api.ts";
import { HOST_GRAPHS } from "./monitoring/graphs.ts";
import { MetricGraphs } from "./monitoring/MetricGraphs.tsx";

interface Props {
  /** The collector tick, how often the live range re-reads. */
  tickSeconds: number;
  [key: string]: unknown;
}

export default function HostGraphs({ tickSeconds }: Props) {
  return <MetricGraphs graphs={HOST_GRAPHS} load={getHostMetrics} tickSeconds={tickSeconds} />;
}
