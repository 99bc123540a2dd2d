// A VM's CPU, memory, disk and network graphs over a chosen range (/api/vms/:id/metrics), and
// below them each guest CPU and the guest's memory from our agent (/api/vms/:id/metrics/guest).

import { getVmMetrics } from "./monitoring/api.ts";
import { VM_GRAPHS } from "./monitoring/graphs.ts";
import { MetricGraphs } from "./monitoring/MetricGraphs.tsx";
import { GuestGraphs } from "./monitoring/GuestGraphs.tsx";

interface Props {
  id: string;
  /** The collector tick, how often the live range re-reads. */
  tickSeconds: number;
  [key: string]: unknown;
}

export default function VmGraphs({ id, tickSeconds }: Props) {
  return (
    <MetricGraphs
      graphs={VM_GRAPHS}
      load={(range) => getVmMetrics(id, range)}
      tickSeconds={tickSeconds}
      after={(range, refreshes) => <GuestGraphs vmId={id} range={range} refreshes={refreshes} />}
    />
  );
}
