import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { Topology, TopologyNode } from "../../shared/topology.ts";
import { layoutTopology, NODE_HEIGHT, NODE_WIDTH } from "./layout.ts";

const node = (id: string, kind: TopologyNode["kind"]): TopologyNode => ({
  id,
  kind,
  label: id,
  state: "up",
  href: null,
});
const link = (from: string, to: string) => ({
  from,
  to,
  kind: "nic" as const,
  vlan: null,
  portgroup: null,
  mac: null,
  via: null,
});

/** A host with two bridges, four networks and `vms` VMs with two NICs each. */
function wide(vms: number): Topology {
  const nodes = [node("host", "host"), node("if:eth0", "interface"), node("if:br0", "bridge")];
  const links = [link("host", "if:eth0"), link("if:eth0", "if:br0")];
  for (let n = 0; n < 4; n++) {
    nodes.push(node(`net:${n}`, "network"));
    links.push(link(n === 0 ? "if:br0" : "host", `net:${n}`));
  }
  for (let v = 0; v < vms; v++) {
    nodes.push(node(`vm:${v}`, "vm"));
    links.push(link(`net:${v % 4}`, `vm:${v}`), link(`net:${(v + 1) % 4}`, `vm:${v}`));
  }
  return { nodes, links, notes: [] };
}

const overlap = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  a.x < b.x + NODE_WIDTH && b.x < a.x + NODE_WIDTH && a.y < b.y + NODE_HEIGHT &&
  b.y < a.y + NODE_HEIGHT;

Deno.test("topology layout - left to right from the host to the VMs, nothing on top of another", () => {
  const layout = layoutTopology(wide(200), (l) => l.to === "vm:0" ? "VLAN 42" : null);
  const at = new Map(layout.nodes.map((p) => [p.node.id, p]));
  // Columns in order: host, interface, bridge, networks, VMs.
  const x = (id: string) => at.get(id)!.x;
  assert(x("host") < x("if:eth0") && x("if:eth0") < x("if:br0") && x("if:br0") < x("net:0"));
  assert(x("net:1") < x("vm:0"));
  const vmColumns = new Set(layout.nodes.filter((p) => p.node.kind === "vm").map((p) => p.x));
  assertEquals(vmColumns.size, 1);
  // No two of 207 boxes overlap, and every box is inside the drawing.
  for (let i = 0; i < layout.nodes.length; i++) {
    const a = layout.nodes[i];
    assert(a.x >= 0 && a.y >= 0, `${a.node.id} outside`);
    assert(
      a.x + NODE_WIDTH <= layout.width && a.y + NODE_HEIGHT <= layout.height,
      `${a.node.id} past ${layout.width}x${layout.height}`,
    );
    for (let j = i + 1; j < layout.nodes.length; j++) {
      assert(!overlap(a, layout.nodes[j]), `${a.node.id} overlaps ${layout.nodes[j].node.id}`);
    }
  }
  // Every link is drawn, two VMs' NICs each; the one label sits where dagre put it.
  assertEquals(layout.links.length, 2 + 4 + 400);
  const bad = layout.links.find((l) => !/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/.test(l.path));
  assertEquals(bad, undefined);
  const labelled = layout.links.filter((l) => l.label);
  assertEquals(labelled.map((l) => l.label), ["VLAN 42", "VLAN 42"]);
  assert(labelled.every((l) => l.labelX > x("net:0") && l.labelX < x("vm:0")));
});

Deno.test("topology layout - the same topology lays out the same way", () => {
  const a = layoutTopology(wide(20), () => null);
  const b = layoutTopology(wide(20), () => null);
  assertEquals(a, b);
});

/** Whether the segment from `p` to `q` enters `box` (its inside, a pixel in from each side). */
function crosses(
  p: { x: number; y: number },
  q: { x: number; y: number },
  box: { x: number; y: number },
): boolean {
  const [left, right] = [box.x + 1, box.x + NODE_WIDTH - 1];
  const [top, bottom] = [box.y + 1, box.y + NODE_HEIGHT - 1];
  // Right angles only: a horizontal or a vertical piece.
  if (p.y === q.y) {
    return p.y > top && p.y < bottom && Math.max(p.x, q.x) > left && Math.min(p.x, q.x) < right;
  }
  assertEquals(p.x, q.x, "a piece is horizontal or vertical");
  return p.x > left && p.x < right && Math.max(p.y, q.y) > top && Math.min(p.y, q.y) < bottom;
}

/** Interfaces, a bridge, networks, VMs on one or two networks, one straight on an interface
 * (macvtap), and every fourth VM with no network card. */
function mixed(): Topology {
  const nodes = [
    node("host", "host"),
    node("if:eth0", "interface"),
    node("if:eth1", "interface"),
    node("if:br0", "bridge"),
  ];
  const links = [link("host", "if:eth0"), link("host", "if:eth1"), link("if:eth0", "if:br0")];
  for (let n = 0; n < 3; n++) {
    nodes.push(node(`net:${n}`, "network"));
    links.push(link(n === 0 ? "if:br0" : "host", `net:${n}`));
  }
  for (let v = 0; v < 24; v++) {
    nodes.push(node(`vm:${v}`, "vm"));
    if (v % 4 === 3) continue;
    links.push(link(`net:${v % 3}`, `vm:${v}`));
    if (v % 5 === 0) links.push(link("if:eth1", `vm:${v}`));
  }
  return { nodes, links, notes: [] };
}

Deno.test("topology layout - no line runs behind a box; VMs without a network card stand apart", () => {
  const layout = layoutTopology(mixed(), (l) => l.to === "vm:0" ? "VLAN 7" : null);
  const crossings: string[] = [];
  for (const placed of layout.links) {
    const points = [...placed.path.matchAll(/[ML]([\d.]+),([\d.]+)/g)]
      .map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
    for (let i = 0; i + 1 < points.length; i++) {
      for (const box of layout.nodes) {
        if (box.node.id === placed.link.from || box.node.id === placed.link.to) continue;
        if (crosses(points[i], points[i + 1], box)) {
          crossings.push(`${placed.link.from} → ${placed.link.to} through ${box.node.id}`);
        }
      }
    }
  }
  assertEquals(crossings, []);
  // The six VMs with no link: below everything else, one column, under the caption's room.
  const apart = layout.nodes.filter((p) =>
    ["3", "7", "11", "15", "19", "23"].includes(p.node.id.slice(3))
  );
  assert(layout.apartY !== null);
  const lowestLinked = Math.max(
    ...layout.nodes.filter((p) => !apart.includes(p)).map((p) => p.y + NODE_HEIGHT),
  );
  assert(apart.every((p) => p.y >= layout.apartY! && layout.apartY! > lowestLinked), "set apart");
  assertEquals(new Set(apart.map((p) => p.x)).size, 1);
  assert(apart.every((p) => p.y + NODE_HEIGHT <= layout.height), "inside the drawing");
  assertEquals(layoutTopology(wide(3), () => null).apartY, null, "none set apart: no caption");
});
