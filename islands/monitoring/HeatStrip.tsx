// Each guest CPU's busy share over time as a heat strip: a row per core, a cell per bucket,
// darker the busier; hovering a cell names the core, the time and the share. A canvas, so 64
// cores over a day's buckets stay one element.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../../shared/i18n/t.ts";
import { pointLabel, timeLabel } from "./graph_data.ts";

interface Props {
  /** Bucket starts, Unix ms. */
  t: number[];
  /** Busy % per core, per bucket; null where nothing was read. */
  cores: (number | null)[][];
  from: number;
  to: number;
  stepSeconds: number;
}

const LABEL_W = 44;
const AXIS_H = 18;
/** The cell colour: the graphs' CPU blue, more opaque the busier (reads on light and dark). */
const cellColor = (busy: number) => `rgba(0, 102, 204, ${0.08 + 0.92 * Math.min(1, busy / 100)})`;

/** Row height: a few cores get thick rows (2 of them 64 px), 64 still fit in 256 px. */
export const rowHeight = (cores: number) => Math.max(4, Math.min(32, Math.floor(256 / cores)));

export function HeatStrip({ t: times, cores, from, to, stepSeconds }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const readout = useSignal<string | null>(null);
  const width = useSignal(0);
  const row = rowHeight(Math.max(1, cores.length));
  const height = row * cores.length + AXIS_H;

  useEffect(() => {
    const el = canvas.current?.parentElement;
    if (!el) return;
    const resize = new ResizeObserver(() => width.value = el.clientWidth);
    resize.observe(el);
    return () => resize.disconnect();
  }, []);

  const plotW = Math.max(0, width.value - LABEL_W);
  const span = (to - from) / 1000;
  const xOf = (ms: number) => LABEL_W + (ms - from) / (to - from) * plotW;

  useEffect(() => {
    const c = canvas.current;
    if (!c || !width.value) return;
    const ratio = globalThis.devicePixelRatio ?? 1;
    c.width = width.value * ratio;
    c.height = height * ratio;
    const g = c.getContext("2d")!;
    g.scale(ratio, ratio);
    const style = getComputedStyle(c);
    const text = style.getPropertyValue("--text-muted").trim() || "#6a6e73";
    const border = style.getPropertyValue("--border").trim() || "#d2d2d2";
    g.clearRect(0, 0, width.value, height);
    g.font = "11px system-ui, sans-serif";
    g.textBaseline = "middle";
    g.fillStyle = text;
    const labelEvery = Math.ceil(12 / row);
    cores.forEach((values, core) => {
      const y = core * row;
      if (core % labelEvery === 0) g.fillText(`cpu${core}`, 2, y + row / 2);
      values.forEach((v, i) => {
        if (v == null) return;
        const x0 = xOf(times[i]);
        const x1 = xOf(times[i] + stepSeconds * 1000);
        g.fillStyle = cellColor(v);
        g.fillRect(x0, y, Math.max(1, x1 - x0), row - (row > 6 ? 1 : 0));
      });
      g.fillStyle = text;
    });
    g.strokeStyle = border;
    g.strokeRect(LABEL_W + 0.5, 0.5, plotW - 1, row * cores.length);
    g.fillStyle = text;
    g.textBaseline = "top";
    const y = row * cores.length + 4;
    g.fillText(timeLabel(from / 1000, span), LABEL_W, y);
    const end = timeLabel(to / 1000, span);
    g.fillText(end, width.value - g.measureText(end).width - 2, y);
  }, [times, cores, width.value, from, to]);

  const onMove = (e: MouseEvent) => {
    const x = e.offsetX, y = e.offsetY;
    const core = Math.floor(y / row);
    if (x < LABEL_W || core < 0 || core >= cores.length) return readout.value = null;
    const ms = from + (x - LABEL_W) / plotW * (to - from);
    let i = -1;
    for (let k = 0; k < times.length && times[k] <= ms; k++) i = k;
    const v = i >= 0 && ms < times[i] + stepSeconds * 1000 ? cores[core][i] : null;
    readout.value = t("cpu{{core}} at {{time}}: {{busy}}", {
      core,
      time: pointLabel(ms / 1000, span),
      busy: v == null ? "—" : `${Math.round(v)}%`,
    });
  };

  const last = cores.map((values) => values.findLast((v) => v != null) ?? null);
  return (
    <div class="heat-strip">
      <canvas
        ref={canvas}
        style={{ width: "100%", height: `${height}px` }}
        role="img"
        aria-label={t("Busy share of each guest CPU over time; latest: {{values}}", {
          values: last.map((v, i) => `cpu${i} ${v == null ? "—" : `${Math.round(v)}%`}`).join(", "),
        })}
        onMouseMove={onMove}
        onMouseLeave={() => readout.value = null}
      />
      <p class="muted heat-readout" aria-live="off">
        {readout.value ?? (cores.length <= 8
          ? last.map((v, i) => `cpu${i} ${v == null ? "—" : `${Math.round(v)}%`}`).join(" · ")
          : t("Darker is busier; point at a cell for its figure"))}
      </p>
    </div>
  );
}
