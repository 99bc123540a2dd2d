// uPlot set-up for the live graphs: one small themed line chart per metric.

import uPlot from "uplot";

export interface ChartSpec {
  series: { label: string; color: string }[];
  format: (value: number) => string;
  /** Fixed y range, e.g. 0–100 for a percentage; otherwise auto from 0. */
  max?: number;
  /** Smallest auto range top, so an idle VM's axis reads 0…1 KiB/s rather than 0…1 B/s. */
  floor?: number;
}

/** Seconds of history on the x axis, so the axis does not jump while the first points arrive. */
const WINDOW_S = 120;

const HEIGHT = 150;

const clock = (seconds: number) =>
  new Date(seconds * 1000).toLocaleTimeString([], {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  });

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Draws an empty chart in `el` that follows the element's width. */
export function createChart(el: HTMLElement, spec: ChartSpec, data: uPlot.AlignedData) {
  const text = themeColor("--text-muted", "#6a6e73");
  const grid = themeColor("--border", "#d2d2d2");
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  const chart = new uPlot(
    {
      width: Math.max(el.clientWidth, 200),
      height: HEIGHT,
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: (_u, _min, max) => [max - WINDOW_S, max] },
        y: { range: (_u, _min, max) => [0, spec.max ?? Math.max(max * 1.1, spec.floor ?? 1)] },
      },
      axes: [
        { ...axis, space: 80, values: (_u, ticks) => ticks.map(clock) },
        { ...axis, size: 84, values: (_u, ticks) => ticks.map((v) => spec.format(v)) },
      ],
      series: [
        { value: (_u: uPlot, v: number | null) => v == null ? "—" : clock(v) },
        ...spec.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: `${s.color}22`,
          value: (_u: uPlot, v: number | null) => v == null ? "—" : spec.format(v),
          spanGaps: false,
        })),
      ],
    },
    data,
    el,
  );
  const resize = new ResizeObserver(() => {
    chart.setSize({ width: Math.max(el.clientWidth, 200), height: HEIGHT });
  });
  resize.observe(el);
  return {
    setData: (d: uPlot.AlignedData) => {
      chart.setData(d);
      // Without a hovered point the legend would show dashes; show the latest values instead.
      if (d[0].length) chart.setLegend({ idx: d[0].length - 1 });
    },
    destroy: () => {
      resize.disconnect();
      chart.destroy();
    },
  };
}
