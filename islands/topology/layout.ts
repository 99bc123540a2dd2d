// Lays the topology out with dagre (a layered graph layout): the host on the left, then its
// interfaces and bridges, the networks, and the VMs in the last column, each link with its label
// (VLANs, port group, NAT) placed by dagre where it does not cover a node. A link is drawn in
// right angles: across a column only at the height dagre kept free for it there, up or down only
// in the gaps between columns, so no line runs behind a box. VMs with no link at all are set
// apart below the rest. Pure: the same topology lays out the same way.

import dagre from "@dagrejs/dagre";
import {
  type Topology,
  TOPOLOGY_KINDS,
  type TopologyLink,
  type TopologyNode,
} from "../../shared/topology.ts";

/** A node's box, in the graph's own pixels. */
export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 46;
/** About how wide one character of a link label is (the page's small text). */
const LABEL_CHAR_PX = 6.6;
const LABEL_HEIGHT = 16;
const MARGIN = 16;

/** The columns from left to right; the host is the first column's anchor. */
const COLUMNS = TOPOLOGY_KINDS;
const anchor = (column: number) => column === 0 ? "host" : `\u0000column-${column}`;

export interface PlacedNode {
  node: TopologyNode;
  /** Top left corner. */
  x: number;
  y: number;
}

export interface PlacedLink {
  link: TopologyLink;
  /** An SVG path through dagre's bend points. */
  path: string;
  label: string | null;
  /** The label's centre. */
  labelX: number;
  labelY: number;
}

export interface TopologyLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  links: PlacedLink[];
  /** Where the VMs with no link begin (a caption goes above them); null when there are none. */
  apartY: number | null;
}

/** Room above the VMs set apart, for their caption. */
const APART_GAP = 40;

/** `labelOf`: a link's words, or null for none (kept outside: they are translated). */
export function layoutTopology(
  topology: Topology,
  labelOf: (link: TopologyLink) => string | null,
): TopologyLayout {
  // VMs without a link are not part of the graph: laid out among the others they would seem
  // wired to their neighbours.
  const linked = new Set(topology.links.flatMap((l) => [l.from, l.to]));
  const apart = topology.nodes.filter((n) => n.kind === "vm" && !linked.has(n.id));
  const graphNodes = topology.nodes.filter((n) => n.kind !== "vm" || linked.has(n.id));
  // Several NICs of one VM may sit on one network: a multigraph keeps each its own link.
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 14, ranksep: 64, edgesep: 8, marginx: 0, marginy: 0 });
  for (const node of graphNodes) {
    g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  // Each kind in its own column at the least (dagre ranks by links alone, and an isolated
  // network's VMs would sit beside the bridges): a chain of empty anchors, one per column, and
  // a weightless link from the column before each node's own. Links to the right still push a
  // node further (a bond's members, a bridge on a bond).
  for (let column = 1; column < COLUMNS.length - 1; column++) {
    g.setNode(anchor(column), { width: 0, height: 0 });
    g.setEdge(anchor(column - 1), anchor(column), { weight: 0 }, "anchor");
  }
  for (const node of graphNodes) {
    const column = COLUMNS.indexOf(node.kind);
    if (column > 0) g.setEdge(anchor(column - 1), node.id, { weight: 0 }, "anchor");
  }
  const labels = topology.links.map(labelOf);
  topology.links.forEach((link, i) => {
    const label = labels[i];
    g.setEdge(
      link.from,
      link.to,
      {
        ...(label
          ? { width: label.length * LABEL_CHAR_PX + 8, height: LABEL_HEIGHT, labelpos: "c" }
          : { width: 0, height: 0 }),
        // The host's own wiring kept short: an interface a VM's macvtap port hangs from stays
        // beside the host, not pulled over to the VMs.
        weight: link.kind === "nic" ? 1 : 4,
      },
      String(i),
    );
  });
  dagre.layout(g);

  // dagre may bend a link above or left of every box (a label's place in its own rank): the
  // drawing is everything's bounding box, moved to start at the margin.
  const edges = topology.links.map((link, i) =>
    g.edge({ v: link.from, w: link.to, name: String(i) })
  );
  const xs: number[] = [];
  const ys: number[] = [];
  for (const node of graphNodes) {
    const { x, y } = g.node(node.id);
    xs.push(x - NODE_WIDTH / 2, x + NODE_WIDTH / 2);
    ys.push(y - NODE_HEIGHT / 2, y + NODE_HEIGHT / 2);
  }
  edges.forEach((edge, i) => {
    for (const p of edge.points ?? []) xs.push(p.x), ys.push(p.y);
    if (labels[i]) {
      xs.push(edge.x - edge.width / 2, edge.x + edge.width / 2);
      ys.push(edge.y - LABEL_HEIGHT / 2, edge.y + LABEL_HEIGHT / 2);
    }
  });
  const dx = MARGIN - Math.min(0, ...xs);
  const dy = MARGIN - Math.min(0, ...ys);

  const centre = new Map(graphNodes.map((node) => [node.id, g.node(node.id)]));
  const placed = graphNodes.map((node) => {
    const { x, y } = centre.get(node.id)!;
    return { node, x: round(x - NODE_WIDTH / 2 + dx), y: round(y - NODE_HEIGHT / 2 + dy) };
  });
  const columnOf = columnSpans(placed);
  const links = topology.links.map((link, i) => {
    const edge = edges[i];
    const from = centre.get(link.from)!;
    const to = centre.get(link.to)!;
    const points = rightAngles(
      { x: from.x + NODE_WIDTH / 2 + dx, y: from.y + dy },
      (edge.points ?? []).slice(1, -1).map((p: { x: number; y: number }) => ({
        x: p.x + dx,
        y: p.y + dy,
      })),
      { x: to.x - NODE_WIDTH / 2 + dx, y: to.y + dy },
      columnOf,
    );
    const path = points.map((p, j) => `${j === 0 ? "M" : "L"}${round(p.x)},${round(p.y)}`)
      .join(" ");
    return {
      link,
      path,
      label: labels[i],
      labelX: round((edge.x ?? 0) + dx),
      labelY: round((edge.y ?? 0) + dy),
    };
  });
  const graphHeight = Math.max(0, ...ys) + dy;
  // The VMs set apart: in the VMs' column (or the first one when none is linked), one under the
  // other below the graph, after room for their caption.
  const vmX = placed.find((p) => p.node.kind === "vm")?.x ?? MARGIN;
  const apartY = apart.length ? round(graphHeight + APART_GAP) : null;
  const nodes = [
    ...placed,
    ...apart.map((node, i) => ({
      node,
      x: vmX,
      y: round(apartY! + i * (NODE_HEIGHT + 14)),
    })),
  ];
  return {
    width: Math.max(Math.max(0, ...xs) + dx, apart.length ? vmX + NODE_WIDTH : 0) + MARGIN,
    height: (apart.length ? apartY! + apart.length * (NODE_HEIGHT + 14) - 14 : graphHeight) +
      MARGIN,
    nodes,
    links,
    apartY,
  };
}

/** Each column's x range (boxes of one kind share it), to tell a column from a gap. */
function columnSpans(placed: PlacedNode[]): { from: number; to: number }[] {
  const starts = [...new Set(placed.map((p) => p.x))].sort((a, b) => a - b);
  return starts.map((x) => ({ from: x, to: x + NODE_WIDTH }));
}

/**
 * A link from `start` (its source's right side) to `end` (its target's left side) through
 * dagre's points between them, in right angles: it crosses a column only at the height of a
 * point dagre placed in that column (a place it kept free), and goes up or down only in a gap.
 */
function rightAngles(
  start: { x: number; y: number },
  between: { x: number; y: number }[],
  end: { x: number; y: number },
  columns: { from: number; to: number }[],
): { x: number; y: number }[] {
  // Two boxes of one column (a bond and its member): dagre's own line between them.
  if (end.x <= start.x) return [start, ...between, end];
  const inColumn = (x: number) => columns.some((c) => x > c.from - 0.5 && x < c.to + 0.5);
  // The heights to hold while crossing each column in between, then the target's.
  const holds = [...between.filter((p) => inColumn(p.x)).map((p) => p.y), end.y];
  // Where to turn: a gap point of dagre's, else the middle of the gap before the next column.
  const gaps = between.filter((p) => !inColumn(p.x)).map((p) => p.x);
  const out = [start];
  let y = start.y;
  let x = start.x;
  for (const hold of holds) {
    const next = columns.find((c) => c.from > x + 0.5);
    const gapEnd = next ? next.from : end.x;
    const turn = gaps.find((g) => g > x && g < gapEnd) ?? (x + gapEnd) / 2;
    if (hold !== y) out.push({ x: turn, y }, { x: turn, y: hold });
    y = hold;
    x = next && next.from < end.x ? next.to : end.x;
    if (x < end.x) out.push({ x, y });
  }
  out.push(end);
  return out.filter((p, i) => i === 0 || p.x !== out[i - 1].x || p.y !== out[i - 1].y);
}

const round = (n: number) => Math.round(n * 10) / 10;
