// Lays the topology out with dagre (a layered graph layout): the host on the left, then its
// interfaces and bridges, the networks, and the VMs in the last column, each link a polyline
// between them with its label (VLANs, port group, NAT) placed by dagre where it does not cover
// a node. Pure: the same topology lays out the same way.

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
}

/** `labelOf`: a link's words, or null for none (kept outside: they are translated). */
export function layoutTopology(
  topology: Topology,
  labelOf: (link: TopologyLink) => string | null,
): TopologyLayout {
  // Several NICs of one VM may sit on one network: a multigraph keeps each its own link.
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 14, ranksep: 64, edgesep: 8, marginx: 0, marginy: 0 });
  for (const node of topology.nodes) {
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
  for (const node of topology.nodes) {
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
  for (const node of topology.nodes) {
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

  const nodes = topology.nodes.map((node) => {
    const { x, y } = g.node(node.id);
    return { node, x: round(x - NODE_WIDTH / 2 + dx), y: round(y - NODE_HEIGHT / 2 + dy) };
  });
  const links = topology.links.map((link, i) => {
    const edge = edges[i];
    const points: { x: number; y: number }[] = edge.points ?? [];
    const path = points.map((p, j) => `${j === 0 ? "M" : "L"}${round(p.x + dx)},${round(p.y + dy)}`)
      .join(" ");
    return {
      link,
      path,
      label: labels[i],
      labelX: round((edge.x ?? 0) + dx),
      labelY: round((edge.y ?? 0) + dy),
    };
  });
  return {
    width: Math.max(0, ...xs) + dx + MARGIN,
    height: Math.max(0, ...ys) + dy + MARGIN,
    nodes,
    links,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
