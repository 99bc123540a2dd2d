// PUT /api/vms/:id/protection on libvirt's test driver: a protected VM survives delete, delete
// with its disks and delete of chosen disks (409 VM_PROTECTED naming it), the mark lives in the
// domain's own metadata (so XML export and import carry it), an XML edit that leaves it out
// keeps it, and the list marks the VM.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { DeletePlan } from "../../shared/vm_delete.ts";
import type { Vm, VmSummary } from "../../shared/vms.ts";
import { TEST_POOL_PATH } from "../../tests/support/test_node.ts";
import { jsonOf, type TestApp, withTestApp } from "../test_app.ts";

const DB_DISK = `${TEST_POOL_PATH}/db.qcow2`;
const PROTECTED_WORDS = /^db is protected — remove the protection to delete it$/;

const protect = (t: TestApp, id: string, on: boolean) =>
  jsonOf(t, "PUT", `/api/vms/${id}/protection`, { protected: on });

const vmOf = async (t: TestApp, id: string) =>
  (await jsonOf(t, "GET", `/api/vms/${id}`)).body as Vm;

const diskExists = (t: TestApp, path: string) =>
  t.client.call("volumeAt", path).then(() => true, () => false);

Deno.test("vm protection - delete, with or without disks, is refused until it is removed", async () => {
  await withTestApp(async (t) => {
    assertEquals((await vmOf(t, "db")).protected, false);
    const set = await protect(t, "db", true);
    assertEquals(set.status, 200, JSON.stringify(set.body));
    assertEquals([set.body.name, set.body.protected], ["db", true]);
    assertEquals((await vmOf(t, "db")).protected, true);
    const plan = (await jsonOf(t, "GET", "/api/vms/db/delete-plan")).body as DeletePlan;
    assertEquals(plan.protected, true);

    const attempts: [string, unknown][] = [
      ["/api/vms/db", undefined],
      ["/api/vms/db?deleteDisks=true", undefined],
      ["/api/vms/db", { deleteDisks: true }],
      ["/api/vms/db", { volumes: [DB_DISK] }],
    ];
    for (const [path, body] of attempts) {
      const res = await jsonOf(t, "DELETE", path, body);
      assertEquals(res.status, 409, `${path} ${JSON.stringify(body)}`);
      assertEquals((res.body as ApiError).code, "VM_PROTECTED");
      assertMatch((res.body as ApiError).message, PROTECTED_WORDS);
    }
    assertEquals((await vmOf(t, "db")).name, "db");
    assert(await diskExists(t, DB_DISK), "the protected VM's disk was deleted");
    // Its disk alone cannot go either: the storage pages refuse a volume a VM uses.
    const vol = await jsonOf(t, "DELETE", "/api/pools/default/volumes/db.qcow2");
    assertEquals([vol.status, vol.body.code], [409, "VOLUME_IN_USE"]);

    // The list marks it once the background read has seen the definition change.
    const listed = async () =>
      ((await jsonOf(t, "GET", "/api/vms")).body as VmSummary[]).find((v) => v.name === "db");
    let row: VmSummary | undefined;
    const end = Date.now() + 5000;
    while (!(row = await listed())?.protected && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assertEquals(row?.protected, true);
    const others = ((await jsonOf(t, "GET", "/api/vms")).body as VmSummary[])
      .filter((v) => v.name !== "db");
    assert(others.every((v) => v.protected === undefined), JSON.stringify(others));

    // A clone is a new VM: unprotected, deleted like any other.
    const clone = await jsonOf(t, "POST", "/api/vms/db/clone", { name: "db-clone" });
    assertEquals(clone.status, 201, JSON.stringify(clone.body));
    assertEquals((await vmOf(t, "db-clone")).protected, false);
    assertEquals(
      (await jsonOf(t, "DELETE", "/api/vms/db-clone", { deleteDisks: true })).status,
      200,
    );

    // Protecting twice is fine; removing it lets the delete through, disks and all.
    assertEquals((await protect(t, "db", true)).status, 200);
    const off = await protect(t, "db", false);
    assertEquals([off.status, off.body.protected], [200, false]);
    assertEquals((await vmOf(t, "db")).protected, false);
    const del = await jsonOf(t, "DELETE", "/api/vms/db", { deleteDisks: true });
    assertEquals(del.status, 200, JSON.stringify(del.body));
    assertEquals(del.body.deletedDisks, [DB_DISK]);
  });
});

Deno.test("vm protection - the mark is in the definition: XML edits keep it, import carries it", async () => {
  await withTestApp(async (t) => {
    await protect(t, "db", true);
    const res = await t.req("GET", "/api/vms/db/xml");
    const xml = await res.text();
    assertMatch(xml, /<kvmm:vm xmlns:kvmm="https:\/\/github\.com\/kvm-manager\/xmlns\/vm\/1">/);
    assertMatch(xml, /<kvmm:protected\/>/);

    // An edit made from a copy without our metadata: the VM stays protected.
    const stripped = xml.replace(/<metadata>[\s\S]*<\/metadata>/, "")
      .replace(/<vcpu([^>]*)>\d+</, "<vcpu$1>3<");
    assert(!stripped.includes("kvmm:"), stripped);
    const put = await jsonOf(t, "PUT", "/api/vms/db/xml", { xml: stripped });
    assertEquals(put.status, 200, JSON.stringify(put.body));
    const edited = await vmOf(t, "db");
    assertEquals([edited.cpuCount, edited.protected], [3, true]);
    assertEquals((await jsonOf(t, "DELETE", "/api/vms/db")).body.code, "VM_PROTECTED");

    // Imported elsewhere (here: under a new name and UUID), the copy is protected too.
    const copy = xml.replace(/<name>db<\/name>/, "<name>db-copy</name>")
      .replace(/<uuid>[^<]*<\/uuid>/, "").replace(/<disk[\s\S]*?<\/disk>/g, "");
    const imported = await jsonOf(t, "POST", "/api/vms/import", { xml: copy });
    assertEquals(imported.status, 201, JSON.stringify(imported.body));
    assertEquals((await vmOf(t, "db-copy")).protected, true);
    const refused = await jsonOf(t, "DELETE", "/api/vms/db-copy");
    assertEquals(refused.body.code, "VM_PROTECTED");
    assertMatch(refused.body.message, /^db-copy is protected/);
  });
});

Deno.test("vm protection - a snapshot revert keeps the VM's protection as it is now", async () => {
  await withTestApp(async (t) => {
    const before = await jsonOf(t, "POST", "/api/vms/db/snapshots", { name: "before" });
    assertEquals(before.status, 201, JSON.stringify(before.body));
    await protect(t, "db", true);
    const revert = await jsonOf(t, "POST", "/api/vms/db/snapshots/before/revert");
    assertEquals(revert.status, 200, JSON.stringify(revert.body));
    assertEquals((await vmOf(t, "db")).protected, true, "the revert dropped the protection");
    assertEquals((await jsonOf(t, "DELETE", "/api/vms/db")).body.code, "VM_PROTECTED");
    // Taken while protected, a snapshot does not bring the mark back once it was removed.
    await jsonOf(t, "POST", "/api/vms/db/snapshots", { name: "protected" });
    await protect(t, "db", false);
    await jsonOf(t, "POST", "/api/vms/db/snapshots/protected/revert");
    assertEquals((await vmOf(t, "db")).protected, false);
  });
});

Deno.test("vm protection - a running VM keeps it for its definition; a bad body is 400", async () => {
  await withTestApp(async (t) => {
    const set = await protect(t, "web", true);
    assertEquals(set.status, 200, JSON.stringify(set.body));
    const web = await vmOf(t, "web");
    assertEquals([web.state, web.protected], ["running", true]);
    assertEquals(web.pending, []);
    const del = await jsonOf(t, "DELETE", "/api/vms/web");
    assertEquals([del.status, del.body.code], [409, "VM_PROTECTED"]);

    for (const body of [{ protected: "yes" }, {}, { protected: true, extra: 1 }, [true]]) {
      const bad = await jsonOf(t, "PUT", "/api/vms/db/protection", body);
      assertEquals(bad.status, 400, JSON.stringify(body));
    }
    assertEquals(
      (await jsonOf(t, "PUT", "/api/vms/nope/protection", { protected: true })).status,
      404,
    );
    assertEquals((await vmOf(t, "db")).protected, false);
    // What the API changed, the audit trail names.
    const audit = await jsonOf(t, "GET", "/api/audit?action=vm.protect");
    assertEquals(audit.status, 200, JSON.stringify(audit.body));
    const entries = audit.body.entries as { target: string; result: string }[];
    assert(entries.some((e) => e.target === "web" && e.result === "ok"), JSON.stringify(entries));
  });
});
