import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { BatchResult } from "../../shared/vms.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

const FIVE = [
  { name: "b1", runstate: 5 as const },
  { name: "b2", runstate: 5 as const },
  { name: "b3", runstate: 1 as const }, // already running: start is refused
  { name: "b4", runstate: 5 as const },
  { name: "b5", runstate: 5 as const },
];

Deno.test("batch - start over 5 VMs with one refused reports 4 successes and 1 clear error", async () => {
  await withTestApp(async ({ req, client }) => {
    const list = await (await req("GET", "/api/vms")).json() as { id: string; name: string }[];
    const ids = ["b1", "b2", "b3", "b4", "b5"].map((n) => list.find((vm) => vm.name === n)!.id);
    const res = await req("POST", "/api/vms/batch", { action: "start", ids });
    assertEquals(res.status, 200);
    const body = await res.json() as BatchResult;
    assertEquals(body.succeeded, 4);
    assertEquals(body.failed, 1);
    assertEquals(body.results.map((r) => r.name), ["b1", "b2", "b3", "b4", "b5"]);
    const bad = body.results[2];
    assert(!bad.ok);
    assertEquals(bad.error.code, "INVALID_STATE");
    assertEquals(bad.error.message, "VM is already running");
    // The four really started: libvirt says so, not just our answer.
    for (const name of ["b1", "b2", "b4", "b5"]) {
      assertEquals((await client.call("domainState", name)).state, 1, `${name} runs`);
    }
  }, FIVE);
});

Deno.test("batch - force stop and a deleted VM: the missing one gets VM_NOT_FOUND, others stop", async () => {
  await withTestApp(async ({ req, client }) => {
    const ids = ["web", "gone-vm", "cache"];
    const body = await (await req("POST", "/api/vms/batch", { action: "force-stop", ids }))
      .json() as BatchResult;
    assertEquals(body.results.map((r) => [r.name, r.ok]), [
      ["web", true],
      ["gone-vm", false],
      ["cache", true],
    ]);
    const missing = body.results[1];
    assert(!missing.ok);
    assertEquals(missing.error, { code: "VM_NOT_FOUND", message: "VM not found: gone-vm" });
    assertEquals((await client.call("domainState", "web")).state, 5);
    assertEquals((await client.call("domainState", "cache")).state, 5);
  });
});

Deno.test("batch - invalid requests answer 400 INVALID_BATCH and change nothing", async () => {
  await withTestApp(async ({ req, client }) => {
    const cases: [unknown, string][] = [
      [{ action: "explode", ids: ["web"] }, 'Invalid action "explode"'],
      [{ action: "start", ids: [] }, "ids must be a non-empty list of VM ids"],
      [{ action: "start", ids: ["db", "db"] }, "ids must not repeat a VM"],
      [{ action: "start", ids: [42] }, "Every id must be a VM's UUID or name"],
      [{ action: "start", ids: ["db"], snapshot: {} }, "snapshot options apply only"],
      [[1, 2], "Body must be a JSON object"],
    ];
    for (const [body, words] of cases) {
      const res = await req("POST", "/api/vms/batch", body);
      assertEquals(res.status, 400, JSON.stringify(body));
      const err = await res.json();
      assertEquals(err.code, "INVALID_BATCH");
      assert(err.message.startsWith(words), `${err.message} starts with ${words}`);
    }
    const malformed = await req("POST", "/api/vms/batch", "{not json");
    assertEquals(malformed.status, 400);
    assertEquals((await client.call("domainState", "db")).state, 5, "db still shut off");
  });
});

Deno.test("batch - snapshot of several VMs; again with the same name fails per VM with its words", async () => {
  await withTestApp(async ({ req, client }) => {
    const ids = ["web", "db", "cache"];
    const first = await (await req("POST", "/api/vms/batch", {
      action: "snapshot",
      ids,
      snapshot: { name: "before-upgrade", description: "batch" },
    })).json() as BatchResult;
    assertEquals([first.succeeded, first.failed], [3, 0]);
    for (const id of ids) {
      const snaps = await client.call("snapshotList", id);
      assertEquals(snaps.map((s) => s.name), ["before-upgrade"], `${id} has the snapshot`);
    }
    const again = await (await req("POST", "/api/vms/batch", {
      action: "snapshot",
      ids,
      snapshot: { name: "before-upgrade" },
    })).json() as BatchResult;
    assertEquals([again.succeeded, again.failed], [0, 3]);
    for (const r of again.results) {
      assert(!r.ok);
      assertEquals(r.error.code, "SNAPSHOT_EXISTS");
    }
  });
});
