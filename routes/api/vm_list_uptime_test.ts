import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { Vm, VmSummary } from "../../shared/vms.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

type Req = (method: string, path: string, body?: unknown) => Promise<Response>;

async function uptimes(req: Req): Promise<Record<string, number | undefined>> {
  const res = await req("GET", "/api/vms");
  assertEquals(res.status, 200);
  const vms = await res.json() as VmSummary[];
  return Object.fromEntries(vms.map((vm) => [vm.name, vm.uptimeSeconds]));
}

/** Lists until `cond` holds for `name`'s uptime, or fails after 2 s. */
async function listUntil(req: Req, name: string, cond: (s: number | undefined) => boolean) {
  const end = Date.now() + 2000;
  for (;;) {
    const age = (await uptimes(req))[name];
    if (cond(age)) return age;
    if (Date.now() > end) throw new Error(`${name}: uptime ${age}, still not as wanted`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

Deno.test("vm list uptime - the test driver's up VMs count from the connection, stopped have none", async () => {
  const before = Date.now();
  await withTestApp(async ({ req }) => {
    const ages = await uptimes(req);
    const most = Math.ceil((Date.now() - before) / 1000);
    // web runs, cache is paused (its QEMU still up), db is shut off.
    assertEquals(Object.keys(ages).sort(), ["cache", "db", "web"]);
    assertEquals(ages.db, undefined);
    for (const name of ["web", "cache"]) {
      const age = ages[name];
      assert(age !== undefined && age >= 0 && age <= most, `${name}: ${age} (at most ${most})`);
    }
    const rows = await (await req("GET", "/api/vms")).json() as VmSummary[];
    assertEquals(
      "uptimeSeconds" in rows.find((vm) => vm.name === "db")!,
      false,
      "absent, not null",
    );
  });
});

Deno.test("vm list uptime - a start begins the count, a stop ends it, the VM page says it too", async () => {
  await withTestApp(async ({ req }) => {
    const db = ((await (await req("GET", "/api/vms")).json()) as VmSummary[])
      .find((vm) => vm.name === "db")!;
    assertEquals((await req("POST", `/api/vms/${db.id}/start`)).status, 200);
    // The start's event reaches the server as the call returns or just after.
    assertEquals(await listUntil(req, "db", (s) => s !== undefined), 0, "just started");
    const page = await (await req("GET", `/api/vms/${db.id}`)).json() as Vm;
    assertEquals([page.state, page.uptimeSeconds], ["running", 0]);

    assertEquals((await req("POST", `/api/vms/${db.id}/force-stop`)).status, 200);
    await listUntil(req, "db", (s) => s === undefined);
    const stopped = await (await req("GET", `/api/vms/${db.id}`)).json() as Vm;
    assertEquals([stopped.state, "uptimeSeconds" in stopped], ["stopped", false]);
  });
});
