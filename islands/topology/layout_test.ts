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
