// The network topology page's island: the host's interfaces, bridges, networks and VMs laid out
// left to right in the browser (dagre; the server only reads), kept live by the event stream —
// a VM's state changes its box in place, a created or removed VM or a changed network re-reads
// the graph — with a search that picks out nodes, zoom, and a download as SVG.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Topology as TopologyData } from "../shared/topology.ts";
import { hostTopologyPath } from "../shared/api_paths.ts";
import type { AppEvent } from "../shared/events.ts";
import { ErrorNotice, Notice } from "../components/kit/Notice.tsx";
import { Button } from "../components/kit/Button.tsx";
import { ToolbarInput } from "../components/kit/ToolbarInput.tsx";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useReload } from "../components/kit/use_reload.ts";
import { request } from "../components/client/api.ts";
import { subscribeEvents } from "../components/client/events.ts";
import type { TopologyLayout } from "./topology/layout.ts";
import { linkLabel } from "./topology/words.ts";
import { nodeElementId, TopologyGraph } from "./topology/TopologyGraph.tsx";
import { downloadSvg } from "./topology/export_svg.ts";
import { t } from "../shared/i18n/t.ts";

interface Props {
  /** The topology read on the server, or null to read it in the browser. */
  topology: TopologyData | null;
  error: string | null;
  [key: string]: unknown;
}

const ZOOMS = [0.25, 0.4, 0.55, 0.7, 0.85, 1, 1.25, 1.5];
/** The smallest size the first drawing shrinks to so that it fits: labels stay legible. */
const MIN_FIT_ZOOM = 0.7;

export default function Topology(props: Props) {
  const topology = useSignal<TopologyData | null>(props.topology);
  const search = useSignal("");
  const zoom = useSignal(1);
  const hydrated = useHydrated();
  const frame = useRef<HTMLDivElement>(null);
  const { reload, loadError } = useReload(async () => {
    topology.value = await request<TopologyData>("GET", hostTopologyPath());
  }, props.error);

  useEffect(() => {
    if (props.topology === null) reload();
    let libvirtDown = false;
    return subscribeEvents((e: AppEvent) => {
      if (e.type === "vm-state-changed") {
        const current = topology.value;
        const id = `vm:${e.id}`;
        if (!current?.nodes.some((n) => n.id === id)) return void reload();
        topology.value = {
          ...current,
          nodes: current.nodes.map((n) => n.id === id ? { ...n, state: e.state } : n),
        };
      } else if (
        e.type === "vm-created" || e.type === "vm-deleted" || e.type === "network-changed"
      ) {
        reload();
      } else if (e.type === "connection-status-changed") {
        if (e.status.connected && libvirtDown) reload();
        libvirtDown = !e.status.connected;
      }
    }, reload);
  }, []);

  // Laid out in the browser only: the server never spends its event loop on a layout, nor its
  // memory on the layout library (imported on first use).
  const layout = useSignal<TopologyLayout | null>(null);
  useEffect(() => {
    const data = topology.value;
    if (!hydrated.value || !data) return;
    let current = true;
    import("./topology/layout.ts").then(({ layoutTopology }) => {
      if (current) layout.value = layoutTopology(data, linkLabel);
    });
    return () => {
      current = false;
    };
  }, [hydrated.value, topology.value]);
  // Sized to the card's width when first drawn, down to a size still easy to read; the
  // buttons change it from there.
  const fitted = useRef(false);
  useEffect(() => {
    const width = frame.current?.clientWidth;
    if (!layout.value || !width || fitted.current) return;
    fitted.current = true;
    const fits = width / layout.value.width;
    zoom.value = [...ZOOMS].reverse().find((z) => z <= Math.min(1, fits)) ?? ZOOMS[0];
    if (zoom.value < MIN_FIT_ZOOM) zoom.value = MIN_FIT_ZOOM;
  }, [layout.value]);

  const needle = search.value.trim().toLowerCase();
  const matches = needle && topology.value
    ? new Set(
      topology.value.nodes.filter((n) => n.label.toLowerCase().includes(needle)).map((n) => n.id),
    )
    : null;

  // The first match scrolled into view as the search narrows.
  useEffect(() => {
    const first = matches && [...matches][0];
    if (!first) return;
    frame.current?.querySelector(`#${nodeElementId(first)}`)?.scrollIntoView({
      block: "center",
      inline: "center",
    });
  }, [needle]);

  const stepZoom = (step: number) => {
    const at = ZOOMS.findIndex((z) => z >= zoom.value);
    zoom.value = ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, at + step))];
  };
  const exportSvg = () => {
    const svg = frame.current?.querySelector("svg");
    if (svg) downloadSvg(svg, "topology.svg");
  };

  const data = topology.value;
  return (
    <div class="topology">
      <ErrorNotice message={loadError.value} />
      {data?.notes.map((note) => <Notice key={note} tone="info">{note}</Notice>)}
      <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <ToolbarInput
          label={t("Find")}
          disabled={!hydrated.value}
          value={search.value}
          placeholder={t("Name")}
          onValue={(v) => search.value = v}
        />
        <span class="muted" aria-live="polite">
          {matches ? t("Found: {{found}}", { found: matches.size }) : ""}
        </span>
        <span class="toolbar-end">
          <Button
            small
            disabled={!layout.value || zoom.value <= ZOOMS[0]}
            onClick={() => stepZoom(-1)}
            aria-label={t("Zoom out")}
          >
            −
          </Button>
          <span class="topo-zoom" aria-live="polite">{Math.round(zoom.value * 100)} %</span>
          <Button
            small
            disabled={!layout.value || zoom.value >= ZOOMS[ZOOMS.length - 1]}
            onClick={() => stepZoom(1)}
            aria-label={t("Zoom in")}
          >
            +
          </Button>
          <Button small disabled={!layout.value} onClick={exportSvg}>
            {t("Download SVG")}
          </Button>
        </span>
      </form>
      <div class="topo-frame" ref={frame} tabIndex={0} aria-label={t("Network topology")}>
        {layout.value
          ? <TopologyGraph layout={layout.value} zoom={zoom.value} matches={matches} />
          : <p class="muted topo-waiting">{data ? t("Laying out…") : t("Loading…")}</p>}
      </div>
    </div>
  );
}
