// Metric series from /api/{vms/:id,host}/metrics as uPlot columns: which lines a graph draws at
// a resolution, short gaps bridged, long gaps kept, and the x axis labels for a window.

import type { HostMetricSeries, MetricResolution } from "../../shared/metrics.ts";
import { currentLanguage, t } from "../../shared/i18n/t.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";

/** A series column: an average or maximum per bucket, null where nothing was read. */
export type Column = (number | null)[];
/** The numeric columns of a series type (everything but `t` and the scalars). */
export type ColumnKey<S> = { [K in keyof S]: S[K] extends Column ? K : never }[keyof S];

/** `K`: the column names (a plain union, so a host line is also a VM line). */
export interface LineDef<K extends string> {
  /** A key (tKey), translated where the chart is made. */
  label: string;
  color: string;
  column: K;
  /** The bucket maxima, drawn as a lighter line beside the average on rollups. */
  maxColumn?: K;
}

/** A graph of series type `S`; `K` is its column names, kept apart so host graphs are VM graphs. */
export interface GraphDef<S, K extends string = ColumnKey<S> & string> {
  /** A key (tKey), translated where the graph is shown. */
  title: string;
  lines: LineDef<K>[];
  format: (value: number) => string;
  /** Fixed y top, e.g. 100 for a percentage. */
  max?: number;
  /** Smallest auto y top, so an idle VM's axis reads 0…1 KiB/s rather than 0…1 B/s. */
  floor?: number;
  /** A y top read from the series, e.g. the memory total; null when it has none. */
  top?: (series: S) => number | null;
  /** Sizes and rates: y ticks at powers of two (256 MiB, 1 GiB), not of ten (9.77 GiB). */
  binary?: boolean;
}

/** y tick steps for binary units: 1, 2, 4 … 512 of each of B, KiB, MiB … PiB. */
export const BINARY_INCRS = [0, 1, 2, 3, 4, 5].flatMap((k) =>
  [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => m * 1024 ** k)
);

/** One drawn line: an average, or (`light`) a maximum. */
export interface ChartLine {
  label: string;
  color: string;
  light: boolean;
}

/** Gaps up to this many buckets (or reading intervals) are bridged; longer ones show. */
const BRIDGE_STEPS = 3;

/** Raw samples are single readings: average and maximum are the same, so no max line. */
export const drawsMax = (resolution: MetricResolution) => resolution !== "raw";

/**
 * The lines `graph` draws at `resolution`, named in the page's language: each average, then
 * its maximum on rollups.
 */
export function chartLines<S>(graph: GraphDef<S>, resolution: MetricResolution): ChartLine[] {
  return graph.lines.flatMap((l) => [
    { label: t(l.label), color: l.color, light: false },
    ...(l.maxColumn && drawsMax(resolution)
      ? [{ label: t("{{line}} max", { line: t(l.label) }), color: l.color, light: true }]
      : []),
  ]);
}

/** The columns behind chartLines, in the same order. */
function lineColumns<S>(graph: GraphDef<S>, series: S, resolution: MetricResolution): Column[] {
  const col = (k: string) => series[k as keyof S] as Column;
  return graph.lines.flatMap((l) => [
    col(l.column),
    ...(l.maxColumn && drawsMax(resolution) ? [col(l.maxColumn)] : []),
  ]);
}

/** The usual spacing of a column's readings in ms: the median distance between non-nulls. */
export function readingInterval(t: number[], values: Column): number | null {
  const times = t.filter((_, i) => values[i] != null);
  const deltas = times.slice(1).map((x, i) => x - times[i]).sort((a, b) => a - b);
  return deltas.length ? deltas[Math.floor(deltas.length / 2)] : null;
}

/**
 * uPlot breaks a line at `null` and joins across `undefined`. Raw memory and disk columns are
 * null between the collector's slow ticks (every ~30 s), so a plain spanGaps: false would draw
 * them as dots, while spanGaps: true would also join across an hour the VM was off. So runs of
 * nulls between two readings at most BRIDGE_STEPS × max(step, the column's own reading
 * interval) apart become undefined (joined); longer runs stay null (a visible gap).
 */
export function bridgeGaps(
  t: number[],
  values: Column,
  stepMs: number,
): (number | null | undefined)[] {
  const limit = BRIDGE_STEPS * Math.max(stepMs, readingInterval(t, values) ?? 0);
  const out: (number | null | undefined)[] = [...values];
  let last = -1;
  values.forEach((v, i) => {
    if (v == null) return;
    if (last >= 0 && i - last > 1 && t[i] - t[last] <= limit) out.fill(undefined, last + 1, i);
    last = i;
  });
  return out;
}

/** The uPlot data of `graph`: time in seconds, then each line's column with short gaps bridged. */
export function graphData<S extends HostMetricSeries>(
  graph: GraphDef<S>,
  series: S,
): [number[], ...(number | null | undefined)[][]] {
  const step = series.stepSeconds * 1000;
  return [
    series.t.map((ms) => ms / 1000),
    ...lineColumns(graph, series, series.resolution).map((c) => bridgeGaps(series.t, c, step)),
  ];
}

/** Whether none of the graphs has a single reading in this series. */
export function isEmpty<S extends HostMetricSeries>(graphs: GraphDef<S>[], series: S): boolean {
  return graphs.every((g) =>
    lineColumns(g, series, series.resolution).every((c) => c.every((v) => v == null))
  );
}

/** The last index where any of `columns` has a reading, for the legend; null if none. */
export function lastReading(columns: (number | null | undefined)[][]): number | null {
  const n = columns[0]?.length ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    if (columns.some((c) => c[i] != null)) return i;
  }
  return null;
}

/** The largest reading of a column, or null when it has none. */
export function columnMax(values: Column): number | null {
  const nums = values.filter((v): v is number => v != null);
  return nums.length ? Math.max(...nums) : null;
}

const DAY_S = 24 * 3600;

/** "7 Mar" in English, "7. März" in German. */
function dayAndMonth(d: Date): string {
  return currentLanguage() === "en"
    ? `${d.getDate()} ${formatDateTime(d, { month: "short" })}`
    : formatDateTime(d, { day: "numeric", month: "short" });
}

/**
 * An x axis label for `seconds` on a window `spanSeconds` long: seconds for the live five
 * minutes, hours and minutes up to a day, then the date (in the page's language) with the hour.
 */
export function timeLabel(seconds: number, spanSeconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (spanSeconds <= 15 * 60) return `${hm}:${pad(d.getSeconds())}`;
  if (spanSeconds <= DAY_S) return hm;
  const day = dayAndMonth(d);
  return spanSeconds <= 8 * DAY_S ? `${day} ${hm}` : day;
}

/** The legend's time of one point: to the second within a day, else the date and minute. */
export function pointLabel(seconds: number, spanSeconds: number): string {
  return timeLabel(seconds, spanSeconds <= DAY_S ? 0 : 2 * DAY_S);
}
