import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { SnapshotInfo, SnapshotList } from "../../shared/snapshots.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

// tests/support/test_node.ts numbers the default domains web (running), db (shut off) from 1.
const WEB = "6b5a6f1e-0000-4000-8000-000000000001";
const DB = "6b5a6f1e-0000-4000-8000-000000000002";
const snaps = (vm: string) => `/api/vms/${vm}/snapshots`;

async function call(t: TestApp, method: string, path: string, body?: unknown) {
  const res = await t.req(method, path, body);
  return { status: res.status, body: await res.json() };
}

async function list(t: TestApp, vm = WEB): Promise<SnapshotList> {
  const r = await call(t, "GET", snaps(vm));
  assertEquals(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

const changes = (t: TestApp) =>
  t.events.filter((e) => e.type === "snapshots-changed").map((e) => (e as { vmId: string }).vmId);

Deno.test("snapshots api - create, tree with branches, revert and delete on the test driver", async () => {
  await withTestApp(async (t) => {
    assertEquals(await list(t), { snapshots: [], current: null });

    const a = await call(t, "POST", snaps(WEB), { name: "a", description: "first & <b>" });
    assertEquals(a.status, 201, JSON.stringify(a.body));
    const made = a.body as SnapshotInfo;
    assertEquals(
      { ...made, createdAt: "" },
      {
        name: "a",
        description: "first & <b>",
        state: "running",
        createdAt: "",
        parent: null,
        children: [],
        depth: 0,
        current: true,
        memory: true,
        quiesced: false,
      },
    );
    assert(Math.abs(Date.parse(made.createdAt) - Date.now()) < 60_000, made.createdAt);
    assertEquals(changes(t), [WEB], "create announced with the VM's UUID");

    // a -> b; revert to a; a -> c; revert to b; b -> d. The VM is named, not only by UUID.
    assertEquals((await call(t, "POST", snaps("web"), { name: "b" })).status, 201);
    let r = await call(t, "POST", `${snaps(WEB)}/a/revert`);
    assertEquals([r.status, r.body], [200, { state: "running" }]);
    assertEquals((await call(t, "POST", snaps(WEB), { name: "c" })).body.parent, "a");
    assertEquals((await call(t, "POST", `${snaps(WEB)}/b/revert`)).status, 200);
    const d = await call(t, "POST", snaps(WEB), { name: "d", description: "" });
    assertEquals([d.body.parent, d.body.depth], ["b", 2]);

    const tree = await list(t);
    assertEquals(
      tree.snapshots.map((s) => [s.name, s.depth, s.parent, s.children, s.current]),
      [
        ["a", 0, null, ["b", "c"], false],
        ["b", 1, "a", ["d"], false],
        ["d", 2, "b", [], true],
        ["c", 1, "a", [], false],
      ],
    );
    assertEquals(tree.current, "d");
    assertEquals(tree.snapshots[0].description, "first & <b>");

    // Without children, d moves up to a; with children, the rest goes in tree order.
    r = await call(t, "DELETE", `${snaps(WEB)}/b`);
    assertEquals([r.status, r.body], [200, { deleted: ["b"] }]);
    const after = await list(t);
    assertEquals(after.snapshots.map((s) => [s.name, s.parent]), [
      ["a", null],
      ["c", "a"],
      ["d", "a"],
    ]);
    r = await call(t, "DELETE", `${snaps(WEB)}/a?children=true`);
    assertEquals([r.status, r.body], [200, { deleted: ["a", "c", "d"] }]);
    assertEquals(await list(t), { snapshots: [], current: null });
    assertEquals(changes(t).length, 8, "4 creates, 2 reverts and 2 deletes announced");
    assert(changes(t).every((id) => id === WEB));
  });
});

Deno.test("snapshots api - a stopped VM: disks only; revert returns the snapshot's state", async () => {
  await withTestApp(async (t) => {
    const off = await call(t, "POST", snaps(DB), { name: "off" });
    assertEquals(off.status, 201, JSON.stringify(off.body));
    assertEquals([off.body.state, off.body.memory], ["shutoff", false]);
    assertEquals((await call(t, "POST", `/api/vms/${DB}/start`)).status, 200);
    const on = await call(t, "POST", snaps(DB), { name: "on" });
    assertEquals([on.body.state, on.body.memory], ["running", true]);
    let r = await call(t, "POST", `${snaps(DB)}/off/revert`);
    assertEquals([r.status, r.body], [200, { state: "stopped" }]);
    r = await call(t, "POST", `${snaps(DB)}/on/revert`);
    assertEquals([r.status, r.body], [200, { state: "running" }]);
    assertEquals((await list(t, DB)).current, "on");
  });
});

Deno.test("snapshots api - generated names, renumbered when taken in the same second", async () => {
  await withTestApp(async (t) => {
    t.ctx.snapshots.deps.now = () => new Date("2024-05-01T02:03:04Z");
    const first = await t.req("POST", snaps(WEB));
    assertEquals(first.status, 201);
    assertEquals((await first.json()).name, "snap-20240501-020304");
    const second = await call(t, "POST", snaps(WEB), {});
    assertEquals(second.body.name, "snap-20240501-020304-2");
  });
});

Deno.test("snapshots api - every refusal in the API's words", async () => {
  await withTestApp(async (t) => {
    assertEquals((await call(t, "POST", snaps(WEB), { name: "a" })).status, 201);
    const cases: [string, string, unknown, number, string, string | RegExp][] = [
      ["GET", snaps("nope"), undefined, 404, "VM_NOT_FOUND", "VM not found: nope"],
      ["POST", snaps("nope"), { name: "x" }, 404, "VM_NOT_FOUND", "VM not found: nope"],
      ["POST", `${snaps("nope")}/a/revert`, undefined, 404, "VM_NOT_FOUND", "VM not found: nope"],
      ["DELETE", `${snaps("nope")}/a`, undefined, 404, "VM_NOT_FOUND", "VM not found: nope"],
      [
        "POST",
        `${snaps(WEB)}/zz/revert`,
        undefined,
        404,
        "SNAPSHOT_NOT_FOUND",
        "Snapshot not found: zz",
      ],
      [
        "DELETE",
        `${snaps(WEB)}/zz`,
        undefined,
        404,
        "SNAPSHOT_NOT_FOUND",
        "Snapshot not found: zz",
      ],
      ["POST", snaps(WEB), { name: "a" }, 409, "SNAPSHOT_EXISTS", "Snapshot already exists: a"],
      [
        "POST",
        snaps(WEB),
        { name: "no good" },
        400,
        "INVALID_NAME",
        "Invalid snapshot name: \"no good\" (1-64 letters, digits, '.', '_' or '-', " +
        "starting with a letter or digit)",
      ],
      ["POST", snaps(WEB), { name: "x".repeat(65) }, 400, "INVALID_NAME", /^Invalid snapshot name/],
      [
        "POST",
        snaps(WEB),
        { description: "d".repeat(1001) },
        400,
        "INVALID_DESCRIPTION",
        "Description is too long: 1001 characters (at most 1000)",
      ],
      ["POST", snaps(WEB), "{not json", 400, "BAD_REQUEST", "Malformed JSON body"],
      ["POST", snaps(WEB), { name: "x", size: 1 }, 400, "BAD_REQUEST", "Unknown field: size"],
      ["POST", snaps(WEB), { memory: "yes" }, 400, "BAD_REQUEST", "memory must be true or false"],
      [
        "DELETE",
        `${snaps(WEB)}/a?children=maybe`,
        undefined,
        400,
        "BAD_REQUEST",
        'children must be true or false, not "maybe"',
      ],
      [
        "POST",
        snaps(WEB),
        { memory: false },
        409,
        "SNAPSHOT_UNSUPPORTED",
        /^Cannot snapshot web without its memory while it is running: .*cannot revert\./,
      ],
      [
        "POST",
        snaps(DB),
        { memory: true },
        409,
        "SNAPSHOT_UNSUPPORTED",
        "Cannot include memory: VM db is not running",
      ],
      [
        "POST",
        snaps(WEB),
        { quiesce: true },
        409,
        "AGENT_UNAVAILABLE",
        /^Cannot quiesce: no guest agent answers in VM web/,
      ],
    ];
    for (const [method, path, body, status, code, words] of cases) {
      const r = await call(t, method, path, body);
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      assertEquals([r.status, r.body.code], [status, code], `${what}: ${JSON.stringify(r.body)}`);
      if (typeof words === "string") assertEquals(r.body.message, words, what);
      else assertMatch(r.body.message, words, what);
    }
    // Nothing refused left a trace; quiesce: false is simply not quiescing.
    assertEquals((await list(t)).snapshots.map((s) => s.name), ["a"]);
    const plain = await call(t, "POST", snaps(WEB), { name: "b", quiesce: false });
    assertEquals([plain.status, plain.body.quiesced], [201, false]);
  });
});
