// What the host and VM usage graphs draw: the host's CPU and memory, and a VM's disk and network
// rates besides. Titles and line names are keys, translated where shown.

import type { HostMetricSeries, VmMetricSeries } from "../../shared/metrics.ts";
import { formatMb, formatRate } from "../../shared/format.ts";
import { tKey } from "../../shared/i18n/t.ts";
import { columnMax, type GraphDef } from "./graph_data.ts";

const percent = (v: number) => `${Math.round(v)}%`;

const cpu: GraphDef<HostMetricSeries> = {
  title: tKey("CPU"),
  lines: [{ label: tKey("CPU"), color: "#0066cc", column: "cpu", maxColumn: "cpuMax" }],
  format: percent,
  max: 100,
};

const memory: GraphDef<HostMetricSeries> = {
  title: tKey("Memory used"),
  lines: [{
    label: tKey("Used"),
    color: "#5752d1",
    column: "memUsedMb",
    maxColumn: "memUsedMaxMb",
  }],
  format: formatMb,
  floor: 1024,
  binary: true,
  top: (s) => columnMax(s.memTotalMb),
};

export const HOST_GRAPHS: GraphDef<HostMetricSeries>[] = [cpu, memory];

/** A rate in bytes per second, one line each way: a VM's disk reads and writes, or its traffic. */
const rateGraph = (
  title: string,
  lines: GraphDef<VmMetricSeries>["lines"],
): GraphDef<VmMetricSeries> => ({ title, lines, format: formatRate, floor: 1024, binary: true });

export const VM_GRAPHS: GraphDef<VmMetricSeries>[] = [
  ...HOST_GRAPHS,
  rateGraph(tKey("Disk I/O"), [
    { label: tKey("Read"), color: "#3e8635", column: "diskRead" },
    { label: tKey("Write"), color: "#ec7a08", column: "diskWrite" },
  ]),
  rateGraph(tKey("Network"), [
    { label: tKey("Receive"), color: "#009596", column: "netRx" },
    { label: tKey("Transmit"), color: "#c9190b", column: "netTx" },
  ]),
];
