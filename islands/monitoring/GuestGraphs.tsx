// The VM usage card's inside view: each guest CPU (heat strip) and the guest's memory breakdown,
// from our agent (GET /api/vms/:id/metrics/guest) over the range the graphs above show. Reading
// it is what has the host sample the VM; QEMU's agent has no such figures, which is said.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { GuestMetricSeries, MetricRange } from "../../shared/metrics.ts";
import { formatMb } from "../../shared/format.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { errorMessage } from "../../components/client/api.ts";
import type { Chart, ChartSpec } from "./charts.ts";
import { bridgeGaps, columnMax, lastReading } from "./graph_data.ts";
import { getGuestMetrics } from "./api.ts";
import { HeatStrip } from "./HeatStrip.tsx";

const MEMORY_LINES = [
  { column: "usedMb", label: tKey("Used"), color: "#5752d1" },
  { column: "buffersMb", label: tKey("Buffers"), color: "#009596" },
  { column: "cachedMb", label: tKey("Cache"), color: "#3e8635" },
  { column: "swapUsedMb", label: tKey("Swap used"), color: "#c9190b" },
] as const;

interface Props {
  vmId: string;
  range: MetricRange;
  /** Bumped by the graphs' Refresh button. */
  refreshes: number;
}

/** Why there are no figures, in the user's words; null when our agent answers. */
function sourceNote(s: GuestMetricSeries): string | null {
  if (s.source === "kvmm") return null;
  return s.source === "qemu-only"
    ? t(
      "Per-core CPU and memory detail need the KVM Manager agent: only QEMU's guest agent answers, and it does not report them.",
    )
    : t(
      "Per-core CPU and memory detail come from the KVM Manager agent while this page is open; no agent answers now.",
    );
}

export function GuestGraphs({ vmId, range, refreshes }: Props) {
  const series = useSignal<GuestMetricSeries | null>(null);
  const error = useSignal<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);

  const drawMemory = async (s: GuestMetricSeries) => {
    if (!box.current) return;
    const { createChart } = await import("./charts.ts");
    const step = s.stepSeconds * 1000;
    const data: [number[], ...(number | null | undefined)[][]] = [
      s.t.map((ms) => ms / 1000),
      ...MEMORY_LINES.map((l) => bridgeGaps(s.t, s.memory[l.column], step)),
    ];
    const view = {
      from: s.from / 1000,
      to: s.to / 1000,
      top: columnMax(s.memory.totalMb),
      legendIdx: lastReading(data.slice(1)),
    };
    if (chart.current) return chart.current.setData(data, view);
    const spec: ChartSpec = {
      lines: MEMORY_LINES.map((l) => ({ label: t(l.label), color: l.color, light: false })),
      format: formatMb,
      floor: 1024,
      binary: true,
    };
    chart.current = createChart(box.current, spec, data, view);
  };

  useEffect(() => () => chart.current?.destroy(), []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const s = await getGuestMetrics(vmId, range);
        if (stopped) return;
        series.value = s;
        error.value = null;
        await drawMemory(s);
      } catch (err) {
        if (!stopped) {
          error.value = t("Cannot read the guest detail: {{error}}", { error: errorMessage(err) });
        }
      }
      // Live re-reads keep the VM watched, so the host goes on sampling it.
      if (!stopped && range === "live") {
        timer = setTimeout(read, Math.max(series.value?.sampleSeconds ?? 10, 5) * 1000);
      }
    };
    read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [vmId, range, refreshes]);

  const s = series.value;
  const note = s && sourceNote(s);
  const empty = s && !s.t.length;
  return (
    <section class="guest-graphs" aria-labelledby={`guest-graphs-${vmId}`}>
      <h3 id={`guest-graphs-${vmId}`} class="guest-graphs-title">{t("Inside the guest")}</h3>
      {error.value && <p class="notice notice-error" role="alert">{error.value}</p>}
      {note && <p class="muted guest-graphs-note" data-guest-source={s!.source}>{note}</p>}
      {s && empty && !note && (
        <p class="muted graph-empty" role="status">
          {t("Sampling every {{step}} s while this page is open; the first figures come shortly.", {
            step: s.sampleSeconds,
          })}
        </p>
      )}
      <div class="graph-grid" hidden={!s || !!empty}>
        <figure class="graph">
          <figcaption>
            {`${t("CPU per core")} (${s?.cores.length ?? 0})`}
          </figcaption>
          {s && (
            <HeatStrip
              t={s.t}
              cores={s.cores}
              from={s.from}
              to={s.to}
              stepSeconds={s.stepSeconds}
            />
          )}
        </figure>
        <figure class="graph">
          <figcaption>{t("Guest memory")}</figcaption>
          <div class="chart" ref={box} />
        </figure>
      </div>
    </section>
  );
}
