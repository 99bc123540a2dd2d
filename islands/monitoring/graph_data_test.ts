// Series → uPlot columns: max lines on rollups only, short gaps bridged, long gaps kept.

import { assertEquals } from "../../tests/support/assert.ts";
import type { HostMetricSeries, VmMetricSeries } from "../../shared/metrics.ts";
import {
  bridgeGaps,
  chartLines,
  columnMax,
  graphData,
  isEmpty,
  lastReading,
  pointLabel,
  readingInterval,
  timeLabel,
} from "./graph_data.ts";
import { HOST_GRAPHS, VM_GRAPHS } from "./graphs.ts";

const [CPU, MEMORY] = HOST_GRAPHS;
const NET = VM_GRAPHS[3];

function series(over: Partial<VmMetricSeries>): VmMetricSeries {
  const n = over.t?.length ?? 0;
  const empty = () => Array<number | null>(n).fill(null);
  return {
    vmId: "x",
    range: "1h",
    resolution: "raw",
    stepSeconds: 5,
    from: 0,
    to: 3_600_000,
    t: [],
    cpu: empty(),
    cpuMax: empty(),
    memUsedMb: empty(),
    memUsedMaxMb: empty(),
    memTotalMb: empty(),
    diskRead: empty(),
    diskReadMax: empty(),
    diskWrite: empty(),
    diskWriteMax: empty(),
    netRx: empty(),
    netRxMax: empty(),
    netTx: empty(),
    netTxMax: empty(),
    ...over,
  };
}

Deno.test("graph_data - rollups add a lighter max line where the graph has one", () => {
  assertEquals(chartLines(CPU, "raw"), [{ label: "CPU", color: "#0066cc", light: false }]);
  assertEquals(chartLines(CPU, "1m"), [
    { label: "CPU", color: "#0066cc", light: false },
    { label: "CPU max", color: "#0066cc", light: true },
  ]);
  assertEquals(chartLines(NET, "1h").map((l) => l.label), ["Receive", "Transmit"]);
});

Deno.test("graph_data - columns are seconds, then each line; maxima follow their average", () => {
  const s = series({
    resolution: "1m",
    stepSeconds: 60,
    t: [60_000, 120_000],
    cpu: [10, 20],
    cpuMax: [15, 40],
  });
  assertEquals(graphData(CPU, s), [[60, 120], [10, 20], [15, 40]]);
  assertEquals(graphData(CPU, { ...s, resolution: "raw" }), [[60, 120], [10, 20]]);
});

Deno.test("graph_data - short null runs are joined (undefined), long ones stay gaps", () => {
  const t = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80].map((s) => s * 1000);
  // One missed tick is joined; 30 s without readings on a 5 s step is a gap.
  const fast = [1, 2, null, 4, 5, null, null, null, null, null, 11, 12, 13, 14, 15, 16, 17];
  assertEquals(bridgeGaps(t, fast, 5000), [
    1,
    2,
    undefined,
    4,
    5,
    null,
    null,
    null,
    null,
    null,
    11,
    12,
    13,
    14,
    15,
    16,
    17,
  ]);
  // Memory read every 30 s: its own interval, not the 5 s step, decides.
  const slow = [1, null, null, null, null, null, 7, null, null, null, null, null, 13, null, null];
  assertEquals(readingInterval(t, slow), 30_000);
  assertEquals(bridgeGaps(t.slice(0, 15), slow, 5000), [
    1,
    ...Array(5).fill(undefined),
    7,
    ...Array(5).fill(undefined),
    13,
    null,
    null,
  ]);
  assertEquals(bridgeGaps([0, 1000], [null, null], 1000), [null, null]);
});

Deno.test("graph_data - empty when no graph has a reading; the legend's last reading", () => {
  const s = series({ t: [0, 5000, 10_000] });
  assertEquals(isEmpty(VM_GRAPHS, s), true);
  assertEquals(isEmpty(VM_GRAPHS, { ...s, netTx: [null, 3, null] }), false);
  // The host's total alone is no reading of a drawn line.
  assertEquals(isEmpty(HOST_GRAPHS, { ...s, memTotalMb: [1024, 1024, 1024] }), true);
  assertEquals(lastReading([[1, null, null], [null, 2, undefined]]), 1);
  assertEquals(lastReading([[null, undefined]]), null);
});

Deno.test("graph_data - memory's y top is the largest total", () => {
  const s: HostMetricSeries = series({ t: [0, 1], memTotalMb: [null, 2048] });
  assertEquals(MEMORY.top?.(s), 2048);
  assertEquals(columnMax([null, null]), null);
});

Deno.test("graph_data - time labels follow the window's length", () => {
  const at = new Date(2025, 2, 7, 9, 5, 3).getTime() / 1000;
  assertEquals(timeLabel(at, 300), "09:05:03");
  assertEquals(timeLabel(at, 3600), "09:05");
  assertEquals(timeLabel(at, 7 * 86400), "7 Mar 09:05");
  assertEquals(timeLabel(at, 30 * 86400), "7 Mar");
  assertEquals(pointLabel(at, 3600), "09:05:03");
  assertEquals(pointLabel(at, 30 * 86400), "7 Mar 09:05");
});
