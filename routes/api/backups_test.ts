// /api/backups on libvirt's test driver: settings checks, every refusal with its code and
// words, and the stopped-VM path end to end (disk copy, list, retention, restore, delete). The
// test driver has no backup API, so a running VM's backup is refused with libvirt's words.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { BackupService, keepOf } from "../../lib/backups/service.ts";
import { BackupRecords } from "../../lib/backups/records.ts";
import type { Backup, BackupSettings } from "../../shared/backups.ts";
import { openStore } from "../../lib/store.ts";
import type { ApiError } from "../../shared/errors.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

async function refused(res: Response, status: number, code: string): Promise<string> {
  const body = await json<ApiError>(res, status);
  assertEquals(body.code, code, body.message);
  return body.message;
}

async function volumes(req: TestApp["req"]): Promise<string[]> {
  return (await json<{ name: string }[]>(await req("GET", "/api/pools/default/volumes"), 200))
    .map((v) => v.name);
}

const useDefaultPool = async (req: TestApp["req"]) =>
  await json<BackupSettings>(await req("PUT", "/api/backups/settings", { pool: "default" }), 200);

Deno.test("backups API - settings: defaults, pool choices, and checked changes", async () => {
  await withTestApp(async ({ req }) => {
    const first = await json<BackupSettings & { pools: unknown[] }>(
      await req("GET", "/api/backups/settings"),
      200,
    );
    assertEquals(first, {
      pool: null,
      defaultKeep: 7,
      pools: [{ name: "default", type: "dir", active: true }],
    });
    assertMatch(
      await refused(
        await req("PUT", "/api/backups/settings", { pool: "nope" }),
        404,
        "POOL_NOT_FOUND",
      ),
      /nope/,
    );
    assertEquals(
      await refused(
        await req("PUT", "/api/backups/settings", { defaultKeep: 0 }),
        400,
        "INVALID_OPTIONS",
      ),
      "defaultKeep must be a whole number from 1 to 100",
    );
    await refused(await req("PUT", "/api/backups/settings", { color: 1 }), 400, "INVALID_OPTIONS");
    await refused(await req("PUT", "/api/backups/settings", { pool: 3 }), 400, "INVALID_OPTIONS");
    await json(await req("POST", "/api/pools/default/stop"), 200);
    assertEquals(
      await refused(
        await req("PUT", "/api/backups/settings", { pool: "default" }),
        409,
        "INVALID_STATE",
      ),
      "Storage pool default is not active: start it first",
    );
    await json(await req("POST", "/api/pools/default/start"), 200);
    const saved = await json<BackupSettings>(
      await req("PUT", "/api/backups/settings", { pool: "default", defaultKeep: 3 }),
      200,
    );
    assertEquals(saved, { pool: "default", defaultKeep: 3 });
    const again = await json<BackupSettings>(await req("GET", "/api/backups/settings"), 200);
    assertEquals([again.pool, again.defaultKeep], ["default", 3]);
    assertEquals(
      await json(await req("PUT", "/api/backups/settings", { pool: null }), 200),
      { pool: null, defaultKeep: 3 },
    );
  });
});

Deno.test("backups API - refusals: no location, VM not found, bad options, no backup API", async () => {
  await withTestApp(async ({ req }) => {
    assertEquals(
      await refused(await req("POST", "/api/vms/db/backups"), 409, "NO_BACKUP_LOCATION"),
      "Choose a backup storage pool in Settings first",
    );
    await useDefaultPool(req);
    await refused(await req("POST", "/api/vms/nope/backups"), 404, "VM_NOT_FOUND");
    assertEquals(
      await refused(
        await req("POST", "/api/vms/db/backups", { mode: "weekly" }),
        400,
        "INVALID_OPTIONS",
      ),
      "mode must be auto, full or incremental",
    );
    await refused(await req("POST", "/api/vms/db/backups", { keep: 0 }), 400, "INVALID_OPTIONS");
    await refused(await req("POST", "/api/vms/db/backups", { when: 1 }), 400, "INVALID_OPTIONS");
    await refused(await req("POST", "/api/vms/db/backups", "[1]"), 400, "INVALID_OPTIONS");
    await refused(await req("POST", "/api/vms/db/backups", "{"), 400, "BAD_REQUEST");
    assertEquals(
      await refused(
        await req("POST", "/api/vms/db/backups", { mode: "incremental" }),
        409,
        "INCREMENTAL_UNAVAILABLE",
      ),
      "Cannot make an incremental backup of db: db is not running, and libvirt's backup API " +
        "(which counts changes) needs a running or paused VM",
    );
    // web runs: the test driver has no backup API, and says so in its own words.
    const before = await volumes(req);
    assertMatch(
      await refused(await req("POST", "/api/vms/web/backups"), 409, "BACKUP_UNSUPPORTED"),
      /^libvirt refused to back up web: .*not supported/,
    );
    assertEquals(await volumes(req), before, "the refused backup left no volume");
    assertEquals(await json(await req("GET", "/api/backups"), 200), []);
    await refused(await req("GET", "/api/backups/nope"), 404, "BACKUP_NOT_FOUND");
    await refused(await req("DELETE", "/api/backups/nope"), 404, "BACKUP_NOT_FOUND");
    await refused(await req("POST", "/api/backups/nope/cancel"), 404, "BACKUP_NOT_FOUND");
    await refused(
      await req("POST", "/api/backups/nope/restore", { name: "x1" }),
      404,
      "BACKUP_NOT_FOUND",
    );
  });
});

Deno.test("backups API - a German caller is refused in German, whole sentences with names", async () => {
  await withTestApp(async ({ app, req }) => {
    const de = (method: string, path: string, body?: unknown) =>
      app.request(`http://localhost${path}`, {
        method,
        headers: { "accept-language": "de", "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    assertEquals(
      await refused(await de("POST", "/api/vms/db/backups"), 409, "NO_BACKUP_LOCATION"),
      "Zuerst in den Einstellungen einen Backup-Speicherpool wählen",
    );
    await useDefaultPool(req);
    // A body's check says its words when the request is read, not when the module loaded.
    assertEquals(
      await refused(
        await de("POST", "/api/vms/db/backups", { mode: "weekly" }),
        400,
        "INVALID_OPTIONS",
      ),
      "mode muss auto, full oder incremental sein",
    );
    assertEquals(
      await refused(
        await de("POST", "/api/vms/db/backups", { mode: "incremental" }),
        409,
        "INCREMENTAL_UNAVAILABLE",
      ),
      "Von db kann kein inkrementelles Backup erstellt werden: db läuft nicht, und die " +
        "Backup-API von libvirt (die Änderungen zählt) braucht eine laufende oder angehaltene VM",
    );
    assertEquals(
      await refused(await de("GET", "/api/backups/nope"), 404, "BACKUP_NOT_FOUND"),
      "Backup nicht gefunden: nope",
    );
    // The same refusal without a language stays English.
    assertEquals(
      await refused(await req("GET", "/api/backups/nope"), 404, "BACKUP_NOT_FOUND"),
      "Backup not found: nope",
    );
  });
});

Deno.test("backups API - a stopped VM is copied: list, restore, retention, delete", async () => {
  await withTestApp(async ({ req, ctx, events }) => {
    await useDefaultPool(req);
    const started = await json<Backup>(await req("POST", "/api/vms/db/backups", { keep: 2 }), 202);
    assertEquals(
      [started.status, started.kind, started.method, started.vmName, started.keep],
      ["running", "full", "copy", "db", 2],
    );
    const done = await ctx.backups.waitFor(started.id);
    assertEquals([done.status, done.processedBytes, done.totalBytes], [
      "succeeded",
      2 * 1024 ** 3,
      2 * 1024 ** 3,
    ]);
    assertEquals(done.checkpoint, null);
    assertMatch(done.note ?? "", /no checkpoint, so its next backup is full/);
    const vol = done.disks[0];
    assertEquals([vol.target, vol.sourceFormat, vol.sourcePool], ["vda", "qcow2", "default"]);
    assert((await volumes(req)).includes(vol.volume), "the copy is a volume of the backup pool");
    const statuses = events.filter((e) => e.type === "backup-changed" && e.backupId === started.id)
      .map((e) => e.type === "backup-changed" && e.status);
    assertEquals([statuses[0], statuses.at(-1)], ["running", "succeeded"]);
    assertEquals(
      (await json<Backup[]>(await req("GET", "/api/backups?vm=db"), 200)).map((b) => b.id),
      [started.id],
    );
    assertEquals(await json(await req("GET", "/api/backups?vm=web"), 200), []);
    await refused(
      await req("POST", `/api/backups/${started.id}/cancel`),
      409,
      "INVALID_STATE",
    );

    // Restore: checked name, then a new stopped VM on a copy of the disk.
    assertEquals(
      await refused(
        await req("POST", `/api/backups/${started.id}/restore`, { name: "9lives" }),
        400,
        "INVALID_NAME",
      ),
      "Invalid VM name: cannot start with a number",
    );
    assertEquals(
      await refused(
        await req("POST", `/api/backups/${started.id}/restore`, { name: "web" }),
        409,
        "NAME_EXISTS",
      ),
      "VM name already exists: web",
    );
    await refused(
      await req("POST", `/api/backups/${started.id}/restore`, { name: "db2", pool: "nope" }),
      404,
      "POOL_NOT_FOUND",
    );
    const restored = await json<{ id: string; name: string }>(
      await req("POST", `/api/backups/${started.id}/restore`, { name: "db2" }),
      201,
    );
    assertEquals(restored.name, "db2");
    const vm = await json<{ state: string; disks: { path: string }[] }>(
      await req("GET", "/api/vms/db2"),
      200,
    );
    assertEquals(vm.state, "stopped");
    assertEquals(vm.disks.map((d) => d.path), ["/var/lib/kvmm-testdriver/pool/db2.qcow2"]);
    assert((await volumes(req)).includes("db2.qcow2"));

    // Retention keep=2: the third backup removes the first, volume and all.
    const second = await ctx.backups.waitFor((await ctx.backups.start("db", { keep: 2 })).id);
    const third = await ctx.backups.waitFor((await ctx.backups.start("db", { keep: 2 })).id);
    const left = await json<Backup[]>(await req("GET", "/api/backups?vm=db"), 200);
    assertEquals(left.map((b) => b.id), [third.id, second.id]);
    assert(!(await volumes(req)).includes(vol.volume), "the pruned backup's volume is gone");
    assert(
      events.some((e) =>
        e.type === "backup-changed" && e.backupId === started.id && e.status === "deleted"
      ),
    );

    const res = await req("DELETE", `/api/backups/${second.id}`);
    assertEquals(res.status, 204);
    assert(!(await volumes(req)).includes(second.disks[0].volume));
    assertEquals(
      (await json<Backup[]>(await req("GET", "/api/backups"), 200)).map((b) => b.id),
      [third.id],
    );
    await refused(await req("DELETE", `/api/backups/${second.id}`), 404, "BACKUP_NOT_FOUND");
  });
});

Deno.test("backups API - one backup per VM at a time", async () => {
  await withTestApp(async ({ req, ctx }) => {
    await useDefaultPool(req);
    const [first, second] = await Promise.allSettled([
      ctx.backups.start("db", {}),
      ctx.backups.start("db", {}),
    ]);
    assertEquals(first.status, "fulfilled");
    assertEquals(second.status, "rejected");
    const err = (second as PromiseRejectedResult).reason;
    assertEquals(err.code, "BACKUP_RUNNING");
    assertMatch(err.message, /^A backup of db is already running \(started /);
    await ctx.backups.waitFor((first as PromiseFulfilledResult<Backup>).value.id);
  });
});

Deno.test("backups - a backup left running by a crash is interrupted at start-up", () => {
  using store = openStore(null);
  const records = new BackupRecords(store);
  records.insert({
    id: "b1",
    vmId: "u1",
    vmName: "web",
    kind: "full",
    method: "backup",
    parentId: null,
    checkpoint: "kvmm-b1",
    status: "running",
    startedAt: Date.now(),
    processedBytes: 0,
    totalBytes: 10,
    sizeBytes: null,
    keep: 7,
    error: null,
    note: null,
    pool: "backups",
    disks: [],
    domainXml: "<domain/>",
  });
  const service = new BackupService({ client: null as never, store, emit: () => {} });
  const rec = service.get("b1");
  assertEquals(rec.status, "interrupted");
  assertMatch(rec.error ?? "", /stopped while this backup ran/);
  assert(rec.finishedAt !== null);
});

Deno.test("backups - a backup without its own keep keeps what the VM's policy says, else the default", async () => {
  await withTestApp(async ({ client }) => {
    const DB = "6b5a6f1e-0000-4000-8000-000000000002";
    using store = openStore(null);
    let policyKeep: number | null = 1;
    const asked: string[] = [];
    const service = new BackupService({
      client,
      store,
      emit: () => {},
      keepFor: (uuid) => (asked.push(uuid), uuid === DB ? policyKeep : null),
    });
    await service.updateSettings({ pool: "default" });
    const backUp = async (options: unknown) =>
      await service.waitFor((await service.start("db", options)).id);
    const first = await backUp({});
    const second = await backUp({ mode: "full" });
    assertEquals([first.keep, second.keep], [1, 1]);
    assertEquals(service.list("db").map((b) => b.id), [second.id], "the policy's keep pruned");
    assertEquals((await backUp({ keep: 3 })).keep, 3, "the backup's own keep wins");
    policyKeep = null;
    assertEquals((await backUp({})).keep, 7, "no policy: the settings' defaultKeep");
    assertEquals(asked, [DB, DB, DB, DB], "asked by UUID though started by name");
    await service.close();
  });
});

Deno.test("backups - keepOf: own keep, else the policy's, else the default", () => {
  assertEquals(keepOf(3, 5, 7), 3);
  assertEquals(keepOf(null, 5, 7), 5);
  assertEquals(keepOf(null, null, 7), 7);
});
