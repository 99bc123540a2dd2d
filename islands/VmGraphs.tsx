// Live usage graphs (CPU, memory, disk and network rates), polling /api/vms/:id/stats.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { formatMb, formatRate } from "../components/format.ts";
import { errorMessage, getStats } from "./client/api.ts";
import { type ChartSpec, createChart } from "./client/charts.ts";
import { type Series, StatsSeries } from "./client/stats_series.ts";

const POLL_MS = 2000;
const POINTS = 60;

interface Graph extends ChartSpec {
  title: string;
  columns: (keyof Series)[];
}

const GRAPHS: Graph[] = [
  {
    title: "CPU",
    columns: ["cpu"],
    series: [{ label: "CPU", color: "#0066cc" }],
    format: (v) => `${Math.round(v)}%`,
    max: 100,
  },
  {
    title: "Memory used",
    columns: ["mem"],
    series: [{ label: "Used", color: "#5752d1" }],
    format: formatMb,
    floor: 1024,
  },
  {
    title: "Disk I/O",
    columns: ["diskRead", "diskWrite"],
    series: [{ label: "Read", color: "#3e8635" }, { label: "Write", color: "#ec7a08" }],
    format: formatRate,
    floor: 1024,
  },
  {
    title: "Network",
    columns: ["netRx", "netTx"],
    series: [{ label: "Receive", color: "#009596" }, { label: "Transmit", color: "#c9190b" }],
    format: formatRate,
    floor: 1024,
  },
];

export default function VmGraphs({ id }: { id: string; [key: string]: unknown }) {
  const boxes = useRef<(HTMLDivElement | null)[]>([]);
  const error = useSignal<string | null>(null);

  useEffect(() => {
    const series = new StatsSeries(POINTS);
    const columns = (g: Graph) => [series.data.t, ...g.columns.map((c) => series.data[c])];
    const charts = GRAPHS.map((g, i) => createChart(boxes.current[i]!, g, columns(g) as never));
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // Reschedule only after the previous poll finished, so a slow host never piles requests up.
    const poll = async () => {
      try {
        series.push(await getStats(id));
        charts.forEach((c, i) => c.setData(columns(GRAPHS[i]) as never));
        error.value = null;
      } catch (err) {
        error.value = `Cannot read statistics: ${errorMessage(err)}`;
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      charts.forEach((c) => c.destroy());
    };
  }, [id]);

  return (
    <div class="graphs">
      {error.value && <p class="notice notice-error">{error.value}</p>}
      <div class="graph-grid">
        {GRAPHS.map((g, i) => (
          <figure key={g.title} class="graph">
            <figcaption>{g.title}</figcaption>
            <div
              class="chart"
              ref={(el) => {
                boxes.current[i] = el;
              }}
            />
          </figure>
        ))}
      </div>
    </div>
  );
}
