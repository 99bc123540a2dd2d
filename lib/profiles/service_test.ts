// ProfileService over a real in-memory store, VMs stood in by a name table: what the routes'
// tests cannot reach (a store that refuses writes) and the plans the scheduler is handed.

import {
  assertEquals,
  assertMatch,
  assertRejects,
  assertThrows,
} from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { openStore } from "../store.ts";
import type { AppEvent } from "../../shared/events.ts";
import { ProfileService } from "./service.ts";

const VMS = new Map([
  ["11111111-1111-1111-1111-111111111111", "web"],
  ["22222222-2222-2222-2222-222222222222", "db"],
]);
const [WEB, DB] = [...VMS.keys()];

function service(changed: string[][] = [], events: AppEvent[] = []) {
  const store = openStore(null);
  const profiles = new ProfileService({
    store,
    emit: (e) => events.push(e),
    findVm: (id) => {
      for (const [uuid, name] of VMS) {
        if (uuid === id.toLowerCase() || name === id) return Promise.resolve({ uuid, name });
      }
      return Promise.reject(new AppError("VM_NOT_FOUND", `VM not found: ${id}`));
    },
    vmNames: () => Promise.resolve(VMS),
    onPolicyChanged: (ids) => changed.push(ids),
    now: () => new Date("2026-11-22T10:00:00Z"),
  });
  return { store, profiles };
}

Deno.test("profile service - a store that refuses writes is IoError 500, and nothing changes", async () => {
  const { store, profiles } = service();
  const p = await profiles.create({ name: "web", tags: ["a"] });
  store.db.exec("PRAGMA query_only = ON"); // as a read-only or failing disk answers
  for (
    const attempt of [
      () => profiles.create({ name: "other" }),
      () => Promise.resolve(profiles.update(p.id, { tags: ["b"] })),
      () => profiles.assign("web", { profileId: p.id }),
      () => profiles.addOverride("web", { kind: "tag", tag: "x" }),
    ]
  ) {
    const err = await assertRejects(attempt, AppError);
    assertEquals([err.status, err.code], [500, "IoError"]);
    assertMatch(err.message, /^Could not save to KVM Manager's store: .*readonly/);
  }
  const imported = assertThrows(
    () =>
      profiles.import(
        JSON.stringify({ format: "kvmm-profile", version: 1, profile: { name: "n" } }),
      ),
    AppError,
  );
  assertEquals(imported.code, "IoError");
  store.db.exec("PRAGMA query_only = OFF");
  assertEquals(profiles.list().map((s) => [s.name, s.vmCount]), [["web", 0]]);
  assertEquals((await profiles.get(p.id)).tags, ["a"]);
  store.close();
});

Deno.test("profile service - effective policy is recomputed after each change and hooks are told", async () => {
  const changed: string[][] = [];
  const events: AppEvent[] = [];
  const { store, profiles } = service(changed, events);
  const p = await profiles.create({ name: "web", tags: ["a"] });
  assertEquals(profiles.effectiveFor(WEB), null);
  await profiles.assign(WEB.toUpperCase(), { profileId: p.id });
  assertEquals(profiles.effectiveFor(WEB)?.tags, ["a"]);
  profiles.update(p.id, { tags: ["a", "b"] });
  assertEquals(profiles.effectiveFor(WEB)?.tags, ["a", "b"]);
  await profiles.addOverride("db", { kind: "tag", tag: "solo" });
  assertEquals(profiles.effectiveAll().size, 2);
  profiles.forgetVm(DB.toUpperCase());
  assertEquals(profiles.effectiveFor(DB), null);
  assertEquals(changed, [[WEB], [WEB], [DB], [DB]]);
  assertEquals(
    events.filter((e) => e.type === "policy-changed").length,
    4,
  );
  store.close();
});

Deno.test("profile service - backup plans: one per profile, a VM's own schedule apart", async () => {
  const { store, profiles } = service();
  const daily = { timing: { kind: "daily", time: "01:00" }, timezone: "UTC", keep: 3 };
  const p = await profiles.create({ name: "nightly", backup: daily });
  const retentionOnly = await profiles.create({ name: "keep", backup: { keep: 9 } });
  await profiles.assign("web", { profileId: p.id });
  await profiles.assign("db", { profileId: p.id });
  assertEquals(profiles.backupPlans().map((x) => [x.owner, x.vmIds.length]), [
    [`profile:${p.id}`, 2],
  ]);
  // db's own weekly schedule takes it out of the profile's job.
  const weekly = { timing: { kind: "weekly", days: [0], time: "03:00" }, keep: 4 };
  await profiles.addOverride("db", { kind: "backup", backup: weekly });
  const plans = profiles.backupPlans();
  assertEquals(plans.map((x) => [x.owner, x.profileName, x.vmIds, x.backup.keep]), [
    [`profile:${p.id}`, "nightly", [WEB], 3],
    [`vm:${DB}`, null, [DB], 4],
  ]);
  // A profile without a schedule keeps only retention: no job, but keep is effective.
  await profiles.unassign("web");
  await profiles.assign("web", { profileId: retentionOnly.id });
  assertEquals(profiles.backupPlans().map((x) => x.owner), [`vm:${DB}`]);
  assertEquals(profiles.effectiveFor(WEB)?.backup?.keep, 9);
  store.close();
});

Deno.test("profile service - names keep the shared rule on create, update and import", async () => {
  const { store, profiles } = service();
  const web = await profiles.create({ name: "web-01" });
  assertEquals((await profiles.create({ name: "Debian 12 (base)" })).name, "Debian 12 (base)");
  const rule = "must be 1-64 characters, not starting with '-' or '.', without '/', '<', '>', " +
    "invisible or control characters, nor a space at either end";
  for (const name of ["-x", ".x", "../x", "a/b", "</name>", "bell\x07", "rtl\u202etxt"]) {
    for (
      const [attempt, field] of [
        [() => profiles.create({ name }), "name"],
        [() => Promise.resolve(profiles.update(web.id, { name })), "name"],
        [() => Promise.resolve(profiles.import(exported("n"), name)), "renameTo"],
      ] as const
    ) {
      const err = await assertRejects(attempt, AppError);
      assertEquals([err.status, err.code, err.message], [400, "InvalidName", `${field} ${rule}`]);
    }
    // A file's own name is part of its format (lib/profiles/file.ts).
    const err = assertThrows(() => profiles.import(exported(name)), AppError);
    assertEquals([err.status, err.code], [400, "InvalidFormat"]);
  }
  assertEquals(profiles.list().map((s) => s.name).sort(), ["Debian 12 (base)", "web-01"]);
  store.close();
});

const exported = (name: string) =>
  JSON.stringify({ format: "kvmm-profile", version: 1, profile: { name } });
