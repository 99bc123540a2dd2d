// uPlot set-up for the usage graphs: one small themed line chart per metric over a time window.

import uPlot from "uplot";
import { BINARY_INCRS, type ChartLine, pointLabel, timeLabel } from "./graph_data.ts";
import { t } from "../../shared/i18n/t.ts";

export interface ChartSpec {
  lines: ChartLine[];
  format: (value: number) => string;
  /** Fixed y range, e.g. 0–100 for a percentage; otherwise auto from 0. */
  max?: number;
  /** Smallest auto range top, so an idle VM's axis reads 0…1 KiB/s rather than 0…1 B/s. */
  floor?: number;
  /** y ticks at powers of two of a binary unit. */
  binary?: boolean;
}

/** What the axes show: the window asked for (Unix seconds) and an optional y top. */
export interface ChartView {
  from: number;
  to: number;
  top: number | null;
  /** The point whose values the legend shows when nothing is hovered. */
  legendIdx: number | null;
}

export type ChartData = [number[], ...(number | null | undefined)[][]];

const HEIGHT = 150;

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Draws `data` in `el` over `view`; the chart follows the element's width. */
export function createChart(el: HTMLElement, spec: ChartSpec, data: ChartData, view: ChartView) {
  let current = view;
  const text = themeColor("--text-muted", "#6a6e73");
  const grid = themeColor("--border", "#d2d2d2");
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  const span = () => current.to - current.from;
  const chart = new uPlot(
    {
      width: Math.max(el.clientWidth, 200),
      height: HEIGHT,
      cursor: { drag: { x: false, y: false } },
      hooks: {
        // uPlot shows dashes when nothing is hovered (also after its first draw, which runs
        // after the constructor returns); show the latest readings instead.
        setLegend: [(u) => {
          if (u.legend.idx == null && current.legendIdx != null) {
            u.setLegend({ idx: current.legendIdx }, false);
          }
        }],
      },
      scales: {
        x: { time: true, range: () => [current.from, current.to] },
        y: {
          range: (_u, _min, max) => [
            0,
            spec.max ?? current.top ?? Math.max((max ?? 0) * 1.1, spec.floor ?? 1),
          ],
        },
      },
      axes: [
        { ...axis, space: 80, values: (_u, ticks) => ticks.map((tick) => timeLabel(tick, span())) },
        {
          ...axis,
          size: 84,
          incrs: spec.binary ? BINARY_INCRS : undefined,
          values: (_u, ticks) => ticks.map((v) => spec.format(v)),
        },
      ],
      series: [
        // uPlot's own label for the x series would be English ("Time").
        {
          label: t("Time"),
          value: (_u: uPlot, v: number | null) => v == null ? "—" : pointLabel(v, span()),
        },
        ...spec.lines.map((l) => ({
          label: l.label,
          stroke: l.light ? `${l.color}80` : l.color,
          width: l.light ? 1 : 2,
          fill: l.light ? undefined : `${l.color}22`,
          value: (_u: uPlot, v: number | null) => v == null ? "—" : spec.format(v),
          // Gaps come from the data: see bridgeGaps in monitoring/graph_data.ts.
          spanGaps: false,
        })),
      ],
    },
    data as uPlot.AlignedData,
    el,
  );
  const showLegend = () => {
    if (current.legendIdx != null) chart.setLegend({ idx: current.legendIdx }, false);
  };
  const resize = new ResizeObserver(() => {
    chart.setSize({ width: Math.max(el.clientWidth, 200), height: HEIGHT });
  });
  resize.observe(el);
  return {
    setData: (d: ChartData, v: ChartView) => {
      current = v;
      chart.setData(d as uPlot.AlignedData);
      showLegend();
    },
    destroy: () => {
      resize.disconnect();
      chart.destroy();
    },
  };
}

export type Chart = ReturnType<typeof createChart>;
