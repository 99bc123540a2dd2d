// Usage graphs over a chosen range, shared by the host and VM islands: "live" re-reads the last
// five minutes every collector tick, other ranges are read once (and on Refresh).

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { ComponentChildren } from "preact";
import {
  type HostMetricSeries,
  METRIC_RANGES,
  type MetricRange,
  type MetricResolution,
} from "../../shared/metrics.ts";
import { t } from "../../shared/i18n/t.ts";
import { errorMessage } from "../../components/client/api.ts";
import type { Chart, createChart } from "./charts.ts";
import {
  chartLines,
  drawsMax,
  graphData,
  type GraphDef,
  isEmpty,
  lastReading,
} from "./graph_data.ts";
import { RangeSelector } from "./RangeSelector.tsx";

// uPlot is loaded when the first graph is drawn, so the server, which renders this island
// without graphs, never loads it (about 6 MiB of the server's resident memory). The island
// bundle still carries it.
let chartModule: Promise<typeof createChart> | undefined;
const chartMaker = () => chartModule ??= import("./charts.ts").then((m) => m.createChart);

interface Props<S extends HostMetricSeries> {
  graphs: GraphDef<S>[];
  load: (range: MetricRange) => Promise<S>;
  /** The collector tick: how often "live" re-reads. */
  tickSeconds: number;
  /** More graphs below, following the chosen range and Refresh (a VM's guest detail). */
  after?: (range: MetricRange, refreshes: number) => ComponentChildren;
}

function resolutionNote(resolution: MetricResolution, stepSeconds: number, live: boolean) {
  if (resolution === "raw") {
    return live
      ? t("Samples every {{step}} s, updated as they arrive", { step: stepSeconds })
      : t("Samples every {{step}} s", { step: stepSeconds });
  }
  return resolution === "1m"
    ? t("1-minute averages, lighter lines the maxima")
    : t("1-hour averages, lighter lines the maxima");
}

export function MetricGraphs<S extends HostMetricSeries>(
  { graphs, load, tickSeconds, after }: Props<S>,
) {
  const range = useSignal<MetricRange>("live");
  const refreshes = useSignal(0);
  const series = useSignal<S | null>(null);
  const loading = useSignal(false);
  const error = useSignal<string | null>(null);
  const boxes = useRef<(HTMLDivElement | null)[]>([]);
  // Rollups add max lines, so the charts are rebuilt when the resolution kind changes.
  const charts = useRef<{ withMax: boolean; list: Chart[] } | null>(null);

  const draw = (s: S, make: typeof createChart) => {
    const withMax = drawsMax(s.resolution);
    if (charts.current?.withMax !== withMax) {
      charts.current?.list.forEach((c) => c.destroy());
      charts.current = { withMax, list: [] };
    }
    const list = charts.current.list;
    graphs.forEach((g, i) => {
      const data = graphData(g, s);
      const view = {
        from: s.from / 1000,
        to: s.to / 1000,
        top: g.top?.(s) ?? null,
        legendIdx: lastReading(data.slice(1)),
      };
      if (list[i]) list[i].setData(data, view);
      else {
        const spec = { ...g, lines: chartLines(g, s.resolution) };
        list[i] = make(boxes.current[i]!, spec, data, view);
      }
    });
  };

  useEffect(() => () => charts.current?.list.forEach((c) => c.destroy()), []);

  useEffect(() => {
    const r = range.value;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Reschedule only after the previous read finished, so a slow host never piles requests up.
    const read = async () => {
      loading.value = true;
      try {
        const [s, make] = await Promise.all([load(r), chartMaker()]);
        if (stopped) return;
        series.value = s;
        error.value = null;
        draw(s, make);
      } catch (err) {
        if (stopped) return;
        error.value = t("Cannot read the usage history: {{error}}", { error: errorMessage(err) });
      } finally {
        if (!stopped) loading.value = false;
      }
      if (!stopped && r === "live") timer = setTimeout(read, Math.max(tickSeconds, 1) * 1000);
    };
    read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [range.value, refreshes.value]);

  // The last series read, while the chosen range loads the next.
  const s = series.value;
  const live = range.value === "live";
  const current = s?.range === range.value;
  return (
    <div class="graphs" aria-busy={loading.value}>
      <div class="graph-toolbar">
        <RangeSelector
          ranges={METRIC_RANGES}
          value={range.value}
          onChange={(r) => range.value = r}
        />
        {!live && (
          <button
            type="button"
            class="button button-small"
            disabled={loading.value}
            onClick={() => refreshes.value++}
          >
            {t("Refresh")}
          </button>
        )}
        {current && (
          <span class="muted graph-note">{resolutionNote(s.resolution, s.stepSeconds, live)}</span>
        )}
      </div>
      {error.value && <p class="notice notice-error" role="alert">{error.value}</p>}
      {current && !error.value && isEmpty(graphs, s) && (
        <p class="muted graph-empty" role="status">{t("No data for this range yet")}</p>
      )}
      <div class="graph-grid">
        {graphs.map((g, i) => (
          <figure key={g.title} class="graph">
            <figcaption>{t(g.title)}</figcaption>
            <div
              class="chart"
              ref={(el) => {
                boxes.current[i] = el;
              }}
            />
          </figure>
        ))}
      </div>
      {after?.(range.value, refreshes.value)}
    </div>
  );
}
