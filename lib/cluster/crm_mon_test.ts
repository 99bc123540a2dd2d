// crm_mon's XML read into the cluster view. The fixtures are crm_mon 2.1.5's real answers on the
// HA test bed (scripts/ha-bed.sh): three nodes online; one powered off and fenced while another
// is in standby and a third in maintenance; a node lost and not yet fenced; a lone node without
// quorum; and crm_mon on a host where Pacemaker does not run.

import { assert, assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { parseCrmMon } from "./crm_mon.ts";
import type { ClusterStatus } from "../../shared/cluster.ts";
import { AppError } from "../errors.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`./fixtures/${name}.xml`, import.meta.url));

function status(name: string, local = ["kvmm-ha1"]): ClusterStatus {
  const read = parseCrmMon(fixture(name), local, 1);
  if (!read.ok) throw new Error(`${name}: ${JSON.stringify(read.failure)}`);
  return read.status;
}

Deno.test("crm_mon - three nodes online with quorum, groups flattened, fencing device started", () => {
  const s = status("three_online");
  assertEquals(s.nodes.map((n) => [n.name, n.state, n.dc]), [
    ["kvmm-ha1", "online", false],
    ["kvmm-ha2", "online", true],
    ["kvmm-ha3", "online", false],
  ]);
  assertEquals([s.quorum, s.dc, s.localNode, s.maintenanceMode], [
    true,
    "kvmm-ha2",
    "kvmm-ha1",
    false,
  ]);
  assertEquals(s.version, "2.1.5-a3f44794f94");
  assertEquals(s.resources.map((r) => [r.id, r.kind, r.role, r.nodes, r.parent]), [
    ["bad", "vm", "Stopped", [], null],
    ["d1", "other", "Started", ["kvmm-ha2"], "g-web"],
    ["d2", "other", "Started", ["kvmm-ha2"], "g-web"],
  ]);
  assertEquals(s.fencing.devices.map((d) => [d.id, d.agent, d.role]), [
    ["fence-bed", "stonith:fence_kvmm_bed", "Started"],
  ]);
  assertEquals([s.fencing.enabled, s.fencing.unsafe], [true, null]);
  assertEquals(s.fenceHistory, []);
  // A VirtualDomain that failed to start on every node: one failure per node, in words.
  assertEquals(s.failures.length, 3);
  assertEquals(s.failures[0], {
    resource: "bad",
    node: "kvmm-ha2",
    operation: "start",
    reason: "not installed: environment is invalid, resource considered stopped",
  });
});

Deno.test("crm_mon - a fenced node, a node in standby and one in maintenance", () => {
  const s = status("fenced");
  assertEquals(s.nodes.map((n) => [n.name, n.state, n.online]), [
    ["kvmm-ha1", "maintenance", true],
    ["kvmm-ha2", "standby", true],
    ["kvmm-ha3", "fenced", false],
  ]);
  assertEquals(s.nodes[2].lastFenced, "2026-11-26T05:42:13.000Z");
  assertEquals(s.fenceHistory, [{
    target: "kvmm-ha3",
    action: "off",
    status: "success",
    delegate: "kvmm-ha1",
    completed: "2026-11-26T05:42:13.000Z",
  }]);
  assert(s.quorum);
});

Deno.test("crm_mon - a lost node not yet fenced is unclean; a lone node has no quorum", () => {
  const lost = status("unclean");
  assertEquals(lost.nodes.find((n) => n.name === "kvmm-ha3")?.state, "unclean");
  const alone = status("no_quorum");
  assertEquals(alone.quorum, false);
  assertEquals(alone.nodes.map((n) => n.state), ["maintenance", "unclean", "fenced"]);
});

Deno.test("crm_mon - the local node is found by full or short host name, or is none", () => {
  assertEquals(status("three_online", ["kvmm-ha3.example.org"]).localNode, "kvmm-ha3");
  assertEquals(status("three_online", ["elsewhere"]).localNode, null);
});

Deno.test("crm_mon - fencing off or without a device is unsafe, in words", () => {
  const xml = fixture("three_online");
  const off = parseCrmMon(xml.replace('stonith-enabled="true"', 'stonith-enabled="false"'), [], 1);
  assert(off.ok);
  assertEquals(off.status.fencing.enabled, false);
  assert(off.status.fencing.unsafe?.includes("stonith-enabled=false"));
  const none = parseCrmMon(xml.replace(/<resource id="fence-bed"[\s\S]*?<\/resource>/, ""), [], 1);
  assert(none.ok);
  assertEquals(none.status.fencing.devices, []);
  assert(none.status.fencing.unsafe?.startsWith("No fencing device is configured"));
  const stopped = status("three_online");
  assertEquals(stopped.fencing.unsafe, null);
});

Deno.test("crm_mon - where Pacemaker does not run: its status code and words, not a cluster", () => {
  const read = parseCrmMon(fixture("not_running"), [], 1);
  assertEquals(read, {
    ok: false,
    failure: {
      code: 102,
      message: "Not connected",
      errors: [
        "error: Could not connect to launcher: Connection refused",
        "crm_mon: Connection to cluster failed: Connection refused",
      ],
    },
  });
});

Deno.test("crm_mon - what is not crm_mon's XML is CLUSTER_UNREADABLE", () => {
  for (const bad of ["", "<html>no</html>", "<pacemaker-result"]) {
    const err = assertThrows(() => parseCrmMon(bad, [], 1), AppError);
    assertEquals(err.code, "CLUSTER_UNREADABLE");
  }
});
