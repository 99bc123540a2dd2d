// Maintenance mode over the API on the test driver: the plan by free memory or as chosen, the
// bounds of its bodies, and a host in maintenance refusing new VMs (create, import, clone,
// restore of a backup, migrate in; the services themselves, not only the routes) with 409
// HOST_IN_MAINTENANCE until it leaves, while starts go on. Real moves: tests/qemu_maintenance_test.ts.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { type TestDomainSpec, writeTestNode } from "../../tests/support/test_node.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";
import type { HostStatus } from "../../shared/hosts.ts";
import type { MaintenancePlan, MaintenanceStatus } from "../../shared/maintenance.ts";

const DOMAINS: TestDomainSpec[] = [
  { name: "web", runstate: 1, vcpus: 2, memoryMb: 1024, disk: true },
  { name: "db", runstate: 5, vcpus: 4, memoryMb: 2048, disk: true },
];

async function call(t: TestApp, method: string, path: string, body?: unknown) {
  const res = await t.req(method, path, body);
  return { status: res.status, body: await res.json() };
}

async function withSecondHost(t: TestApp): Promise<() => Promise<void>> {
  const node = await writeTestNode([{ name: "b-web", runstate: 1, vcpus: 1, memoryMb: 256 }]);
  assertEquals((await t.req("POST", "/api/hosts", { name: "Rack B", uri: node.uri })).status, 201);
  for (let i = 0; i < 300; i++) {
    const hosts: HostStatus[] = await (await t.req("GET", "/api/hosts")).json();
    if (hosts.find((h) => h.id === "rack-b")?.connected) return () => node.remove();
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("Rack B did not connect");
}

Deno.test("maintenance - bodies are checked, within bounds, in {code, message}", async () => {
  await withTestApp(async (t) => {
    const bad = async (path: string, body: unknown, status: number, code: string) => {
      const r = await call(t, "POST", path, body);
      assertEquals([r.status, r.body.code], [status, code], JSON.stringify(r.body));
      assert(typeof r.body.message === "string" && r.body.message.length > 0);
      return r.body.message as string;
    };
    const enter = "/api/hosts/local/maintenance/enter";
    assertMatch(await bad(enter, { parallel: 3 }, 400, "BAD_REQUEST"), /parallel must be 1 or 2/);
    assertMatch(await bad(enter, { parallel: 0 }, 400, "BAD_REQUEST"), /parallel must be 1 or 2/);
    assertMatch(await bad(enter, { stopped: "go" }, 400, "BAD_REQUEST"), /stopped must be/);
    assertMatch(
      await bad(enter, { when: 1 }, 400, "BAD_REQUEST"),
      /^Unknown field when; maintenance takes targets, only, stopped and parallel$/,
    );
    assertMatch(await bad(enter, { targets: { web: "" } }, 400, "BAD_REQUEST"), /host id/);
    assertMatch(await bad(enter, [], 400, "BAD_REQUEST"), /JSON object/);
    assertMatch(
      await bad(enter, { targets: { nope: "local" } }, 404, "VM_NOT_FOUND"),
      /No VM "nope"/,
    );
    await bad(enter, { targets: { web: "local" } }, 400, "BAD_REQUEST");
    assertMatch(await bad(enter, { only: [] }, 400, "BAD_REQUEST"), /at least one VM/);
    assertMatch(await bad(enter, { only: "web" }, 400, "BAD_REQUEST"), /only must list/);
    await bad(enter, { only: ["nope"] }, 404, "VM_NOT_FOUND");
    const many = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`vm${i}`, "local"]));
    assertMatch(await bad(enter, { targets: many }, 400, "BAD_REQUEST"), /At most 500 targets/);
    const leave = "/api/hosts/local/maintenance/leave";
    assertMatch(await bad(leave, { bringBack: "yes" }, 400, "BAD_REQUEST"), /bringBack/);
    await bad(leave, {}, 409, "NOT_IN_MAINTENANCE");
    await bad("/api/hosts/local/maintenance/cancel", undefined, 409, "MAINTENANCE_RUNNING");
    const unknown = await call(t, "GET", "/api/hosts/nowhere/maintenance");
    assertEquals([unknown.status, unknown.body.code], [404, "HOST_NOT_FOUND"]);
    // Alone, the running VM has nowhere to go: nothing is marked.
    await bad(enter, {}, 409, "MAINTENANCE_NO_ROOM");
    const s: MaintenanceStatus = (await call(t, "GET", "/api/hosts/local/maintenance")).body;
    assertEquals([s.inMaintenance, s.run], [false, null]);
  }, DOMAINS);
});

Deno.test("maintenance - the plan sends running VMs by free memory or as chosen", async () => {
  await withTestApp(async (t) => {
    const remove = await withSecondHost(t);
    try {
      const plan: MaintenancePlan =
        (await call(t, "POST", "/api/hosts/local/maintenance/plan", {})).body;
      assertEquals(plan.ok, true, JSON.stringify(plan));
      const byName = Object.fromEntries(plan.moves.map((m) => [m.name, m]));
      assertEquals([byName.web.kind, byName.web.to, byName.web.chosen], ["live", "rack-b", false]);
      assertEquals([byName.db.kind, byName.db.to], ["stay", null]);
      const rackB = plan.hosts.find((h) => h.id === "rack-b")!;
      assert(rackB.connected && (rackB.memoryFreeMb ?? 0) > 0, JSON.stringify(rackB));
      assertEquals(rackB.runningVcpus, 1);

      const moving: MaintenancePlan = (await call(t, "POST", "/api/hosts/local/maintenance/plan", {
        stopped: "move",
        targets: { db: "rack-b" },
      })).body;
      const db = moving.moves.find((m) => m.name === "db")!;
      assertEquals([db.kind, db.to, db.chosen], ["offline", "rack-b", true]);
    } finally {
      await remove();
    }
  }, DOMAINS);
});

Deno.test("maintenance - a host in maintenance refuses new VMs until it leaves", async () => {
  await withTestApp(async (t) => {
    const remove = await withSecondHost(t);
    try {
      // Nothing runs here, so entering moves nothing; the stopped VM stays.
      assertEquals((await t.req("POST", "/api/vms/web/force-stop")).status, 200);
      const entered = await call(t, "POST", "/api/hosts/local/maintenance/enter", {});
      assertEquals(entered.status, 202, JSON.stringify(entered.body));
      assertEquals(entered.body.inMaintenance, true);
      const again = await call(t, "POST", "/api/hosts/local/maintenance/enter", {});
      assertEquals([again.status, again.body.code], [409, "HOST_IN_MAINTENANCE"]);
      const hostName = t.ctx.hosts.get("local").name;

      const refused = async (path: string, body: unknown) => {
        const r = await call(t, "POST", path, body);
        assertEquals([r.status, r.body.code], [409, "HOST_IN_MAINTENANCE"], path);
        assertEquals(
          r.body.message,
          `Host "${hostName}" is in maintenance: it takes no new VMs until it leaves maintenance`,
        );
      };
      await refused("/api/vms", { name: "new", cpuCount: 1, memoryMb: 256, diskSizeGb: 1 });
      await refused("/api/vms/db/clone", { name: "db-copy" });
      await refused("/api/vms/import", { xml: "<domain/>" });
      // A migration in from the other host names this host too.
      await refused("/api/vms/b-web/migrate?host=rack-b", { to: "local" });
      // Other hosts take VMs as before: not refused for maintenance.
      const other = await call(t, "POST", "/api/vms/b-web/clone?host=rack-b", { name: "x" });
      assert(other.body.code !== "HOST_IN_MAINTENANCE", JSON.stringify(other.body));

      const s: MaintenanceStatus = (await call(t, "GET", "/api/hosts/local/maintenance")).body;
      assertEquals([s.inMaintenance, s.by, s.run?.state, s.run?.total], [
        true,
        "root",
        "completed",
        0,
      ]);

      const left = await call(t, "POST", "/api/hosts/local/maintenance/leave", {});
      assertEquals([left.status, left.body.inMaintenance], [202, false]);
      const clone = await call(t, "POST", "/api/vms/db/clone", { name: "db-copy" });
      assertEquals(clone.status, 201, JSON.stringify(clone.body));
    } finally {
      await remove();
    }
  }, DOMAINS);
});

Deno.test("maintenance - a restore, and create, import and clone asked of the services, are refused too; starts are not", async () => {
  await withTestApp(async (t) => {
    const remove = await withSecondHost(t);
    try {
      // A backup of the stopped VM, made before maintenance (the test driver copies its disk).
      const settings = await call(t, "PUT", "/api/backups/settings", { pool: "default" });
      assertEquals(settings.status, 200, JSON.stringify(settings.body));
      const backup = await call(t, "POST", "/api/vms/db/backups", {});
      assertEquals(backup.status, 202, JSON.stringify(backup.body));
      assertEquals((await t.ctx.backups.waitFor(backup.body.id)).status, "succeeded");

      assertEquals((await t.req("POST", "/api/vms/web/force-stop")).status, 200);
      const entered = await call(t, "POST", "/api/hosts/local/maintenance/enter", {});
      assertEquals(entered.status, 202, JSON.stringify(entered.body));
      const message = `Host "${
        t.ctx.hosts.get("local").name
      }" is in maintenance: it takes no new VMs until it leaves maintenance`;

      const restore = await call(t, "POST", `/api/backups/${backup.body.id}/restore`, {
        name: "db-restored",
      });
      assertEquals([restore.status, restore.body.code], [409, "HOST_IN_MAINTENANCE"]);
      assertEquals(restore.body.message, message);
      assertEquals((await t.req("GET", "/api/vms/db-restored")).status, 404, "nothing defined");

      // The services refuse whoever asks them, not only the routes' paths.
      const vms = t.ctx.vms;
      for (
        const attempt of [
          () => vms.createVm({ name: "svc-new", cpuCount: 1, memoryMb: 256, diskSizeGb: 1 }),
          () => vms.importVm("<domain type='test'><name>svc-import</name></domain>"),
          () => vms.cloneVm("db", "svc-clone"),
        ]
      ) {
        const err = await attempt().then(() => null, (e) => e);
        assertEquals([err?.code, err?.message], ["HOST_IN_MAINTENANCE", message]);
      }

      // Starting a VM that is here already is allowed in maintenance.
      const start = await call(t, "POST", "/api/vms/db/start");
      assertEquals(start.status, 200, JSON.stringify(start.body));

      await call(t, "POST", "/api/hosts/local/maintenance/leave", {});
      const after = await call(t, "POST", `/api/backups/${backup.body.id}/restore`, {
        name: "db-restored",
      });
      assertEquals(after.status, 201, JSON.stringify(after.body));
    } finally {
      await remove();
    }
  }, DOMAINS);
});
