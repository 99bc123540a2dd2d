// What the host and VM usage graphs draw: the host's CPU and memory, and a VM's disk and network
// rates besides.

import type { HostMetricSeries, VmMetricSeries } from "../../shared/metrics.ts";
import { formatMb, formatRate } from "../../components/format.ts";
import { columnMax, type GraphDef } from "./graph_data.ts";

const percent = (v: number) => `${Math.round(v)}%`;

const cpu: GraphDef<HostMetricSeries> = {
  title: "CPU",
  lines: [{ label: "CPU", color: "#0066cc", column: "cpu", maxColumn: "cpuMax" }],
  format: percent,
  max: 100,
};

const memory: GraphDef<HostMetricSeries> = {
  title: "Memory used",
  lines: [{ label: "Used", color: "#5752d1", column: "memUsedMb", maxColumn: "memUsedMaxMb" }],
  format: formatMb,
  floor: 1024,
  binary: true,
  top: (s) => columnMax(s.memTotalMb),
};

export const HOST_GRAPHS: GraphDef<HostMetricSeries>[] = [cpu, memory];

export const VM_GRAPHS: GraphDef<VmMetricSeries>[] = [
  ...HOST_GRAPHS,
  {
    title: "Disk I/O",
    lines: [
      { label: "Read", color: "#3e8635", column: "diskRead" },
      { label: "Write", color: "#ec7a08", column: "diskWrite" },
    ],
    format: formatRate,
    floor: 1024,
    binary: true,
  },
  {
    title: "Network",
    lines: [
      { label: "Receive", color: "#009596", column: "netRx" },
      { label: "Transmit", color: "#c9190b", column: "netTx" },
    ],
    format: formatRate,
    floor: 1024,
    binary: true,
  },
];
