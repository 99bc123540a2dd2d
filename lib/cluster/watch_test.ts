// What the cluster did on its own, found by comparing two reads: a failover (A lost, the VM on
// B, even with a read between in which it ran nowhere), a planned move, a restart in place, a
// node fenced; and nothing for a stop and start someone asked for.

import { assertEquals } from "../../tests/support/assert.ts";
import type { ClusterNode, ClusterResource, ClusterStatus } from "../../shared/cluster.ts";
import { clusterChanges, ClusterWatch, describe, type LastNodes } from "./watch.ts";

const node = (name: string, online = true): ClusterNode => ({
  name,
  id: name,
  state: online ? "online" : "fenced",
  online,
  dc: false,
  resourcesRunning: 0,
  lastFenced: null,
});

const vm = (nodes: string[], more: Partial<ClusterResource> = {}): ClusterResource => ({
  id: "web",
  agent: "ocf:heartbeat:VirtualDomain",
  kind: "vm",
  role: nodes.length ? "Started" : "Stopped",
  targetRole: "Started",
  nodes,
  managed: true,
  failed: false,
  parent: null,
  domain: "web",
  domainUuid: "6b5a6f1e-0000-4000-8000-00000000000a",
  ours: true,
  ...more,
});

const status = (
  resources: ClusterResource[],
  lost: string[] = [],
  fenced: ClusterStatus["fenceHistory"] = [],
): ClusterStatus => ({
  present: true,
  localNode: "a",
  dc: "a",
  quorum: true,
  version: "2.1.5",
  maintenanceMode: false,
  nodes: ["a", "b", "c"].map((n) => node(n, !lost.includes(n))),
  resources,
  fencing: { enabled: true, devices: [], unsafe: null },
  fenceHistory: fenced,
  failures: [],
  readAt: 0,
});

Deno.test("cluster watch - a VM on A, then nowhere while A is fenced, then on B is one failover", () => {
  const last: LastNodes = new Map();
  const fence = {
    target: "a",
    action: "off",
    status: "success",
    delegate: "b",
    completed: "2026-11-26T10:00:00.000Z",
  };
  assertEquals(clusterChanges(status([vm(["a"])]), status([vm([])], ["a"]), last), []);
  const changes = clusterChanges(
    status([vm([])], ["a"]),
    status([vm(["b"])], ["a"], [fence]),
    last,
  );
  assertEquals(changes, [
    {
      kind: "vm-moved",
      resource: "web",
      domain: "web",
      domainUuid: "6b5a6f1e-0000-4000-8000-00000000000a",
      from: "a",
      to: "b",
      failover: true,
    },
    { kind: "node-fenced", node: "a", action: "off", by: "b", at: fence.completed },
  ]);
  assertEquals(describe(changes[0]).action, "cluster.vm-failover");
  assertEquals(describe(changes[0]).notify?.kind, "cluster-recovered");
  assertEquals(describe(changes[1]).notify?.severity, "critical");
});

Deno.test("cluster watch - a standby's live move is told in the task log, without a notification", () => {
  const [moved] = clusterChanges(status([vm(["a"])]), status([vm(["b"])]), new Map());
  assertEquals(moved.kind === "vm-moved" && moved.failover, false);
  assertEquals(describe(moved).action, "cluster.vm-moved");
  assertEquals(describe(moved).notify, null);
});

Deno.test("cluster watch - a restart in place is told; a stop and start someone asked for is not", () => {
  const last: LastNodes = new Map([["web", "a"]]);
  const [restarted] = clusterChanges(status([vm([])]), status([vm(["a"])]), last);
  assertEquals(restarted.kind, "vm-restarted");
  const asked = clusterChanges(
    status([vm([], { targetRole: "Stopped" })]),
    status([vm(["a"])]),
    new Map([["web", "a"]]),
  );
  assertEquals(asked, []);
});

Deno.test("cluster watch - each change becomes a finished task and, for a failover, a notification", async () => {
  const reads = [status([vm(["a"])]), status([vm(["b"])], ["a"])];
  const tasks: { action: string; message: string | null }[] = [];
  const published: string[] = [];
  const watch = new ClusterWatch({
    cluster: { view: () => Promise.resolve(reads.shift()!) },
    tasks: {
      start: (t) =>
        ({
          succeed: (message: string | null) => tasks.push({ action: t.action, message }),
        }) as never,
    },
    publish: (e) => published.push(`${e.kind}: ${e.title}`),
  });
  assertEquals(await watch.check(), [], "the first read is where things are");
  assertEquals((await watch.check()).length, 1);
  assertEquals(tasks, [{
    action: "cluster.vm-failover",
    message: "a was lost: Pacemaker started web on b (resource web).",
  }]);
  assertEquals(published, ["cluster-recovered: web failed over to b"]);
});
