// PUT /api/vms/:id/protection on libvirt's test driver: a protected VM survives delete, delete
// with its disks and delete of chosen disks (409 VM_PROTECTED naming it), the mark lives in the
// domain's own metadata (so XML export and import carry it), an XML edit that leaves it out
// keeps it, and the list marks the VM.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { DeletePlan } from "../../shared/vm_delete.ts";
import type { Vm, VmSummary } from "../../shared/vms.ts";
import { TEST_POOL_PATH } from "../../tests/support/test_node.ts";
import { jsonOf, type TestApp, withTestApp } from "../../tests/harness/test_app.ts";
import { keepStoredProtection } from "../../lib/vms/protection.ts";

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

const NS = "https://github.com/kvm-manager/xmlns/vm/1";
const DISKS_PROTECTED = /^db is protected — remove the protection to remove its disks$/;

/** The VM's definition with its `<metadata>` content replaced by `metadata`. */
const withMetadata = (xml: string, metadata: string) =>
  xml.replace(/<metadata>[\s\S]*<\/metadata>/, `<metadata>${metadata}</metadata>`);

Deno.test("vm protection - an XML edit cannot leave a mark libvirt drops in place of ours", async () => {
  await withTestApp(async (t) => {
    await protect(t, "db", true);
    const xml = await (await t.req("GET", "/api/vms/db/xml")).text();
    const variants = [
      // Without a namespace: libvirt drops it when it stores the definition.
      "<vm><protected/></vm>",
      // Two of our namespace: libvirt keeps the first, empty one.
      `<kvmm:vm xmlns:kvmm="${NS}"/><kvmm:vm xmlns:kvmm="${NS}"><kvmm:protected/></kvmm:vm>`,
      // Another element of ours first.
      `<kvmm:other xmlns:kvmm="${NS}"/><kvmm:vm xmlns:kvmm="${NS}"><kvmm:protected/></kvmm:vm>`,
      // Another program's namespace.
      '<x:vm xmlns:x="urn:other"><x:protected/></x:vm>',
      // Nothing at all.
      "",
    ];
    for (const metadata of variants) {
      const put = await jsonOf(t, "PUT", "/api/vms/db/xml", { xml: withMetadata(xml, metadata) });
      assertEquals(put.status, 200, `${metadata}: ${JSON.stringify(put.body)}`);
      assertEquals((await vmOf(t, "db")).protected, true, metadata);
      const stored = await (await t.req("GET", "/api/vms/db/xml")).text();
      assertMatch(stored, /<kvmm:protected\/>/, metadata);
      const del = await jsonOf(t, "DELETE", "/api/vms/db", { deleteDisks: true });
      assertEquals([del.status, del.body.code], [409, "VM_PROTECTED"], metadata);
    }
    // Our namespace declared on <metadata> is ours all the same; only the API clears the mark.
    const declared = xml.replace(
      /<metadata>[\s\S]*<\/metadata>/,
      () => `<metadata xmlns:k="${NS}"><k:vm><k:protected/></k:vm></metadata>`,
    );
    assertEquals((await jsonOf(t, "PUT", "/api/vms/db/xml", { xml: declared })).status, 200);
    assertEquals((await vmOf(t, "db")).protected, true);
    assertEquals((await protect(t, "db", false)).body.protected, false);
    assertEquals((await vmOf(t, "db")).protected, false);
    // Unprotected, a mark libvirt drops does not count either.
    const dropped = withMetadata(xml, variants[1]);
    assertEquals((await jsonOf(t, "PUT", "/api/vms/db/xml", { xml: dropped })).status, 200);
    assertEquals((await vmOf(t, "db")).protected, false);
    assertEquals((await jsonOf(t, "DELETE", "/api/vms/db")).status, 200);
  });
});

Deno.test("vm protection - its data disks cannot be detached or edited out", async () => {
  await withTestApp(async (t) => {
    await protect(t, "db", true);
    // Refused before libvirt is asked (the test driver cannot detach at all).
    const detach = await jsonOf(t, "DELETE", "/api/vms/db/disks/vda");
    assertEquals([detach.status, detach.body.code], [409, "VM_PROTECTED"]);
    assertMatch(detach.body.message, DISKS_PROTECTED);

    const xml = await (await t.req("GET", "/api/vms/db/xml")).text();
    assert(xml.includes(DB_DISK), xml);
    const edits = {
      "without its disk": xml.replace(/<disk[\s\S]*?<\/disk>/, ""),
      "its disk on another volume": xml.replace(DB_DISK, `${TEST_POOL_PATH}/web.qcow2`),
      "its disk made a CD-ROM": xml.replace("device='disk'", "device='cdrom'")
        .replace('device="disk"', 'device="cdrom"'),
    };
    for (const [what, edited] of Object.entries(edits)) {
      assert(edited !== xml, what);
      const put = await jsonOf(t, "PUT", "/api/vms/db/xml", { xml: edited });
      assertEquals([put.status, put.body.code], [409, "VM_PROTECTED"], what);
      assertMatch(put.body.message, DISKS_PROTECTED);
    }
    const vm = await vmOf(t, "db");
    assertEquals(vm.disks.map((d) => [d.target, d.path]), [["vda", DB_DISK]]);
    const vol = await jsonOf(t, "DELETE", "/api/pools/default/volumes/db.qcow2");
    assertEquals(vol.status, 409, JSON.stringify(vol.body));

    // Other changes go through: the disk on another bus, a CD-ROM drive added.
    const cdrom = "<disk type='file' device='cdrom'><target dev='sdb' bus='sata'/>" +
      "<readonly/></disk>";
    const moved = xml.replace(/bus=["']virtio["']/, "bus='sata'").replace(
      /dev=["']vda["']/,
      "dev='sda'",
    )
      .replace("</devices>", `${cdrom}</devices>`);
    const put = await jsonOf(t, "PUT", "/api/vms/db/xml", { xml: moved });
    assertEquals(put.status, 200, JSON.stringify(put.body));
    const after = await vmOf(t, "db");
    assertEquals(after.disks.map((d) => d.target).sort(), ["sda", "sdb"]);
    // The CD-ROM drive may go again; the protection removed, the disk may too.
    const back = await jsonOf(t, "PUT", "/api/vms/db/xml", { xml: moved.replace(cdrom, "") });
    assertEquals(back.status, 200, JSON.stringify(back.body));
    await protect(t, "db", false);
    const gone = await jsonOf(t, "PUT", "/api/vms/db/xml", { xml: edits["without its disk"] });
    assertEquals(gone.status, 200, JSON.stringify(gone.body));
    assertEquals((await vmOf(t, "db")).disks, []);
  });
});

Deno.test("vm protection - a mark the stored definition lost after an edit is set again", async () => {
  await withTestApp(async (t) => {
    await protect(t, "db", true);
    const marked = await (await t.req("GET", "/api/vms/db/xml")).text();
    // As if libvirt had dropped it while storing the edit.
    await t.client.call("domainDefine", withMetadata(marked, ""), 0);
    assertEquals((await vmOf(t, "db")).protected, false);
    const uuid = (await vmOf(t, "db")).id;
    await keepStoredProtection({ client: t.client, currentXml: marked, uuid, failed: "x" });
    assertEquals((await vmOf(t, "db")).protected, true);
  });
});
