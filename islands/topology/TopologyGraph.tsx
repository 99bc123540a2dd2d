// The laid-out topology as one SVG: a box per node (linked to its page where it has one, a dot
// for its state), a line per link with its label. Colours come from classes (static/
// topology.css), light and dark alike; export_svg.ts writes them into a downloaded copy.

import type { PlacedLink, PlacedNode, TopologyLayout } from "./layout.ts";
import { NODE_HEIGHT, NODE_WIDTH } from "./layout.ts";
import { linkTitle, nodeDetail } from "./words.ts";
import { t } from "../../shared/i18n/t.ts";

/** Longest label drawn in full in a box; longer ones end in "…" (the hover shows them whole). */
const LABEL_CHARS = 21;
const DETAIL_CHARS = 27;
const LABEL_CHAR_PX = 6.6;

const clip = (s: string, n: number) => s.length > n ? `${s.slice(0, n - 1)}…` : s;

/** The id of a node's element, for finding and scrolling to it. */
export const nodeElementId = (id: string) => `topo-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;

function NodeBox({ placed, match }: { placed: PlacedNode; match: boolean | null }) {
  const { node, x, y } = placed;
  const detail = nodeDetail(node);
  const classes = [
    "topo-node",
    `topo-${node.kind}`,
    `topo-state-${node.state}`,
    node.missing ? "topo-missing" : "",
    match === false ? "topo-dim" : "",
    match === true ? "topo-match" : "",
  ].filter(Boolean).join(" ");
  const body = (
    <>
      <title>{`${node.label} · ${detail}`}</title>
      <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx="6" />
      <circle class="topo-dot" cx="14" cy={NODE_HEIGHT / 2} r="5" />
      <text class="topo-label" x="26" y="19">{clip(node.label, LABEL_CHARS)}</text>
      <text class="topo-detail" x="26" y="36">{clip(detail, DETAIL_CHARS)}</text>
    </>
  );
  return (
    <g
      id={nodeElementId(node.id)}
      class={classes}
      transform={`translate(${x},${y})`}
      data-node={node.id}
    >
      {node.href ? <a href={node.href}>{body}</a> : body}
    </g>
  );
}

function LinkLine({ placed, names }: { placed: PlacedLink; names: Map<string, string> }) {
  const { link } = placed;
  const title = linkTitle(link, names.get(link.from) ?? link.from, names.get(link.to) ?? link.to);
  return (
    <g class={`topo-link topo-link-${link.kind}`} data-from={link.from} data-to={link.to}>
      <title>{title}</title>
      <path d={placed.path} />
    </g>
  );
}

function LinkLabel({ placed }: { placed: PlacedLink }) {
  if (!placed.label) return null;
  const width = placed.label.length * LABEL_CHAR_PX + 8;
  return (
    <g class="topo-link-label" transform={`translate(${placed.labelX},${placed.labelY})`}>
      <rect x={-width / 2} y="-8" width={width} height="16" rx="3" />
      <text text-anchor="middle" y="4">{placed.label}</text>
    </g>
  );
}

export function TopologyGraph(
  { layout, zoom, matches }: {
    layout: TopologyLayout;
    zoom: number;
    /** The ids a search found, or null when nothing is searched. */
    matches: Set<string> | null;
  },
) {
  const names = new Map(layout.nodes.map((p) => [p.node.id, p.node.label]));
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="topo-graph"
      width={Math.ceil(layout.width * zoom)}
      height={Math.ceil(layout.height * zoom)}
      viewBox={`0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`}
      role="group"
      aria-label={t("Network topology")}
    >
      <g class="topo-links">
        {layout.links.map((l, i) => <LinkLine key={i} placed={l} names={names} />)}
      </g>
      <g class="topo-labels">
        {layout.links.map((l, i) => <LinkLabel key={i} placed={l} />)}
      </g>
      {layout.apartY !== null && (
        <text
          class="topo-apart"
          x={layout.nodes.find((p) => p.y >= layout.apartY!)?.x ?? 0}
          y={layout.apartY - 12}
        >
          {t("Not connected to any network")}
        </text>
      )}
      <g class="topo-nodes">
        {layout.nodes.map((p) => (
          <NodeBox
            key={p.node.id}
            placed={p}
            match={matches === null ? null : matches.has(p.node.id)}
          />
        ))}
      </g>
    </svg>
  );
}
