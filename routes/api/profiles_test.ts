// The profiles API on a private test-driver node (web, db, cache): every command of the contract
// and every error code, with the effective policy read back after each change.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";
import type {
  ImportPreview,
  ProfileDetails,
  ProfileFile,
  ProfileSummary,
  VmPolicy,
} from "../../shared/profiles.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { vmSample } from "../../tests/support/vm_sample.ts";

type Req = (method: string, path: string, body?: unknown) => Promise<Response>;

/** The response's JSON after checking its status. */
async function ok<T>(res: Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = await r.json();
  assertEquals(r.status, status, JSON.stringify(body));
  return body as T;
}

/** The contract's error body after checking status and code; details is always an object. */
async function refused(
  res: Promise<Response>,
  status: number,
  code: string,
): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  const r = await res;
  const body = await r.json();
  assertEquals([r.status, body.code], [status, code], JSON.stringify(body));
  assert(typeof body.message === "string" && body.message.length > 0);
  assert(typeof body.details === "object" && body.details !== null, JSON.stringify(body));
  return body;
}

const WEB_POLICY = {
  agent: {
    allowedDirectories: ["/srv/www", "/var/log/nginx/"],
    allowedCommands: ["uptime", "/usr/sbin/nginx"],
    disallowedCommands: ["rm"],
  },
  alerts: [{ name: "cpu-high", metric: "cpu", threshold: 90, consecutive: 2 }],
  backup: { timing: { kind: "daily", time: "02:30" }, timezone: "UTC", mode: "auto", keep: 5 },
  tags: ["web", "prod"],
};

async function createWeb(req: Req, name = "Web servers"): Promise<ProfileDetails> {
  return await ok<ProfileDetails>(
    req("POST", "/api/profiles", { name, description: "Front ends", ...WEB_POLICY }),
    201,
  );
}

async function vmId(req: Req, name: string): Promise<string> {
  const vms = await ok<VmSummary[]>(req("GET", "/api/vms"));
  return vms.find((v) => v.name === name)!.id;
}

/** Waits (up to 2 s) until `cond` resolves true: managed jobs are synced just after a change. */
async function until(cond: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("condition not met in 2 s");
}

const policyOf = (req: Req, vm: string) => ok<VmPolicy>(req("GET", `/api/vms/${vm}/policy`));

Deno.test("profiles - create, list with counts, get with assigned VMs", async () => {
  await withTestApp(async ({ req }) => {
    const created = await createWeb(req);
    assertEquals(created.name, "Web servers");
    assertEquals(created.description, "Front ends");
    // Normalised: the trailing slash goes, defaults are filled in.
    assertEquals(created.agent!.allowedDirectories, ["/srv/www", "/var/log/nginx"]);
    assertEquals(created.alerts, [{
      name: "cpu-high",
      metric: "cpu",
      threshold: 90,
      consecutive: 2,
      severity: "warning",
      enabled: true,
      webhookUrl: null,
    }]);
    assertEquals(created.settingCount, 5); // agent, one rule, backup, two tags
    assertEquals([created.vmCount, created.assignedVms], [0, []]);

    await ok(req("POST", "/api/profiles", { name: "empty" }), 201);
    await ok(req("PUT", "/api/vms/web/profile", { profileId: created.id }));
    await ok(req("PUT", "/api/vms/db/profile", { profileId: created.id }));

    const list = await ok<ProfileSummary[]>(req("GET", "/api/profiles"));
    assertEquals(list.map((p) => [p.name, p.settingCount, p.vmCount]), [
      ["empty", 0, 0],
      ["Web servers", 5, 2],
    ]);
    const got = await ok<ProfileDetails>(req("GET", `/api/profiles/${created.id}`));
    assertEquals(
      got.assignedVms.map((v) => v.name).sort(),
      ["db", "web"],
    );
    assertEquals(got.assignedVms.find((v) => v.name === "web")!.id, await vmId(req, "web"));
  });
});

Deno.test("profiles - names: InvalidName, ProfileNameExists (any case), renames checked too", async () => {
  await withTestApp(async ({ req }) => {
    const a = await createWeb(req);
    for (const name of ["", "   ", "x".repeat(65), "tab\there", 7]) {
      const e = await refused(req("POST", "/api/profiles", { name }), 400, "InvalidName");
      assertEquals(e.details.field, "name");
    }
    await refused(req("POST", "/api/profiles", {}), 400, "InvalidName");
    const dup = await refused(
      req("POST", "/api/profiles", { name: "WEB SERVERS" }),
      409,
      "ProfileNameExists",
    );
    assertEquals(dup.details.existingProfileId, a.id);
    const b = await ok<ProfileDetails>(req("POST", "/api/profiles", { name: "db" }), 201);
    await refused(
      req("PATCH", `/api/profiles/${b.id}`, { name: "web servers" }),
      409,
      "ProfileNameExists",
    );
    await refused(req("PATCH", `/api/profiles/${b.id}`, { name: "" }), 400, "InvalidName");
    // Renaming a profile to its own name in another case is fine.
    const renamed = await ok<{ profile: ProfileSummary }>(
      req("PATCH", `/api/profiles/${a.id}`, { name: "web SERVERS" }),
    );
    assertEquals(renamed.profile.name, "web SERVERS");
  });
});

Deno.test("profiles - bad settings are InvalidFormat naming the field; nothing is saved", async () => {
  await withTestApp(async ({ req }) => {
    const cases: [unknown, RegExp][] = [
      [{ name: "p", alerts: [{ name: "a", metric: "cpu", threshold: 150 }] }, /alerts\[0\]/],
      [{ name: "p", alerts: [{ name: "a", metric: "cpu", threshold: 5, vmId: null }] }, /vmId/],
      [{
        name: "p",
        alerts: [{ name: "a", metric: "cpu", threshold: 5 }, {
          name: "A",
          metric: "memory",
          threshold: 5,
        }],
      }, /two rules are named/],
      [{ name: "p", agent: { allowedCommands: ["bash"] } }, /allowedCommands\[0\].*shell/],
      [{ name: "p", agent: { allowedDirectories: ["relative"] } }, /not absolute/],
      [{ name: "p", agent: { allowedDirectories: ["/srv/../etc"] } }, /'\.\.'/],
      [{ name: "p", agent: { allowedDirectories: ["/"] } }, /every file/],
      [{ name: "p", agent: { allowedCommands: ["a b"] } }, /program name/],
      [{ name: "p", agent: { other: [] } }, /unknown field "other"/],
      [{ name: "p", backup: { timing: { kind: "once", at: "2030-01-01T00:00:00Z" } } }, /repeats/],
      [{ name: "p", backup: { timing: { kind: "daily", time: "25:00" } } }, /backup/],
      [{ name: "p", backup: { keep: 0 } }, /backup\.keep/],
      [{ name: "p", backup: { timezone: "Mars/Olympus" } }, /time zone/],
      [{ name: "p", tags: ["has space"] }, /not a tag/],
      [{ name: "p", tags: "web" }, /tags/],
      [{ name: "p", colour: "blue" }, /unknown field "colour"/],
    ];
    for (const [body, words] of cases) {
      const e = await refused(req("POST", "/api/profiles", body), 400, "InvalidFormat");
      assertMatch(e.message, words);
      assert(typeof e.details.field === "string", JSON.stringify(e));
    }
    const r = await req("POST", "/api/profiles", "{not json");
    assertEquals((await r.json()).code, "InvalidFormat");
    assertEquals(await ok<ProfileSummary[]>(req("GET", "/api/profiles")), []);
  });
});

Deno.test("profiles - ProfileNotFound for every command that names a profile", async () => {
  await withTestApp(async ({ req }) => {
    const missing = crypto.randomUUID();
    await refused(req("GET", `/api/profiles/${missing}`), 404, "ProfileNotFound");
    await refused(req("PATCH", `/api/profiles/${missing}`, { tags: [] }), 404, "ProfileNotFound");
    await refused(req("DELETE", `/api/profiles/${missing}`), 404, "ProfileNotFound");
    await refused(req("GET", `/api/profiles/${missing}/export`), 404, "ProfileNotFound");
    const e = await refused(
      req("PUT", "/api/vms/web/profile", { profileId: missing }),
      404,
      "ProfileNotFound",
    );
    assertEquals(e.details.id, missing);
  });
});

Deno.test("profiles - assign and unassign: VmNotFound, VmAlreadyAssigned, NoProfileAssigned", async () => {
  await withTestApp(async ({ req, events }) => {
    const web = await createWeb(req);
    const other = await ok<ProfileDetails>(req("POST", "/api/profiles", { name: "other" }), 201);
    const webId = await vmId(req, "web");

    await refused(
      req("PUT", "/api/vms/no-such-vm/profile", { profileId: web.id }),
      404,
      "VmNotFound",
    );
    await refused(req("PUT", "/api/vms/web/profile", { profile: web.id }), 400, "InvalidFormat");

    const assigned = await ok<{ vmId: string; profileId: string; assignedAt: string }>(
      req("PUT", "/api/vms/web/profile", { profileId: web.id }),
    );
    assertEquals([assigned.vmId, assigned.profileId], [webId, web.id]);
    assert(!Number.isNaN(Date.parse(assigned.assignedAt)));
    assert(events.some((e) => e.type === "policy-changed" && e.vmIds.includes(webId)));

    // One profile per VM: the same or another profile is refused until unassigned.
    for (const id of [web.id, other.id]) {
      const e = await refused(
        req("PUT", `/api/vms/${webId}/profile`, { profileId: id }),
        409,
        "VmAlreadyAssigned",
      );
      assertEquals(e.details.profileId, web.id);
    }

    const policy = await policyOf(req, "web");
    assertEquals(policy.profile, { id: web.id, name: "Web servers" });
    assertEquals(policy.effective.tags, ["prod", "web"]);

    const un = await ok<{ vmId: string; unassignedAt: string }>(
      req("DELETE", "/api/vms/web/profile"),
    );
    assertEquals(un.vmId, webId);
    const after = await policyOf(req, "web");
    assertEquals([after.profile, after.settings], [null, []]);
    await refused(req("DELETE", "/api/vms/web/profile"), 409, "NoProfileAssigned");
    await refused(req("DELETE", "/api/vms/no-such-vm/profile"), 404, "VmNotFound");
    await refused(req("GET", "/api/vms/no-such-vm/policy"), 404, "VmNotFound");
    // Now another profile may be assigned.
    await ok(req("PUT", "/api/vms/web/profile", { profileId: other.id }));
  });
});

Deno.test("profiles - local overrides win over the profile and show their source", async () => {
  await withTestApp(async ({ req }) => {
    const web = await createWeb(req);
    await ok(req("PUT", "/api/vms/web/profile", { profileId: web.id }));

    const added = await ok<{ key: string }>(
      req("POST", "/api/vms/web/policy/overrides", {
        kind: "alert",
        alert: { name: "CPU-High", metric: "cpu", threshold: 50 },
      }),
      201,
    );
    assertEquals(added.key, "alert:cpu-high");
    await ok(req("POST", "/api/vms/web/policy/overrides", { kind: "tag", tag: "canary" }), 201);
    await refused(
      req("POST", "/api/vms/web/policy/overrides", { kind: "tag", tag: "canary" }),
      409,
      "OverrideExists",
    );
    await refused(
      req("POST", "/api/vms/web/policy/overrides", { kind: "colour", colour: "red" }),
      400,
      "InvalidFormat",
    );
    await refused(
      req("POST", "/api/vms/no-such-vm/policy/overrides", { kind: "tag", tag: "x" }),
      404,
      "VmNotFound",
    );

    const p = await policyOf(req, "web");
    const source = Object.fromEntries(
      p.settings.map((s) => [s.key, [s.source, s.overridesProfile]]),
    );
    assertEquals(source, {
      agent: ["profile", false],
      "alert:cpu-high": ["local", true],
      backup: ["profile", false],
      "tag:canary": ["local", false],
      "tag:prod": ["profile", false],
      "tag:web": ["profile", false],
    });
    assertEquals(
      p.profileSettings.filter((s) => s.overridden).map((s) => s.key),
      ["alert:cpu-high"],
    );
    assertEquals(p.effective.alerts.map((a) => [a.name, a.threshold]), [["CPU-High", 50]]);
    assertEquals(p.effective.tags, ["canary", "prod", "web"]);

    // A VM without a profile may have overrides too.
    await ok(req("POST", "/api/vms/db/policy/overrides", { kind: "tag", tag: "db" }), 201);
    assertEquals((await policyOf(req, "db")).effective.tags, ["db"]);

    const removed = await ok<{ removed: boolean }>(
      req("DELETE", `/api/vms/web/policy/overrides/${encodeURIComponent("alert:cpu-high")}`),
    );
    assertEquals(removed.removed, true);
    assertEquals((await policyOf(req, "web")).effective.alerts[0].threshold, 90);
    await refused(
      req("DELETE", `/api/vms/web/policy/overrides/${encodeURIComponent("alert:cpu-high")}`),
      404,
      "OverrideNotFound",
    );
    await refused(
      req("DELETE", "/api/vms/no-such-vm/policy/overrides/agent"),
      404,
      "VmNotFound",
    );

    // Effective tags reach the VM list.
    const vms = await ok<VmSummary[]>(req("GET", "/api/vms"));
    assertEquals(vms.find((v) => v.name === "web")!.tags, ["canary", "prod", "web"]);
    assertEquals(vms.find((v) => v.name === "db")!.tags, ["db"]);
    assertEquals(vms.find((v) => v.name === "cache")!.tags, undefined);
  });
});

Deno.test("profiles - update changes every assigned VM's effective policy and reports the sync", async () => {
  await withTestApp(async ({ req, ctx, events }) => {
    const web = await createWeb(req);
    await ok(req("PUT", "/api/vms/web/profile", { profileId: web.id }));
    await ok(req("PUT", "/api/vms/db/profile", { profileId: web.id }));
    const [webId, dbId] = [await vmId(req, "web"), await vmId(req, "db")];
    events.length = 0;

    const res = await ok<{
      profile: ProfileSummary;
      syncResult: { affectedVms: number; syncedAt: string };
    }>(req("PATCH", `/api/profiles/${web.id}`, {
      agent: { ...WEB_POLICY.agent, disallowedCommands: ["rm", "uptime"] },
      tags: ["web"],
    }));
    assertEquals(res.syncResult.affectedVms, 2);
    assert(!Number.isNaN(Date.parse(res.syncResult.syncedAt)));
    assertEquals([res.profile.settingCount, res.profile.vmCount], [4, 2]);
    // Fields not in the PATCH stay as they were.
    const got = await ok<ProfileDetails>(req("GET", `/api/profiles/${web.id}`));
    assertEquals([got.description, got.alerts.length, got.backup?.keep], ["Front ends", 1, 5]);

    for (const vm of ["web", "db"]) {
      const p = await policyOf(req, vm);
      assertEquals(p.effective.agent?.disallowedCommands, ["rm", "uptime"]);
      assertEquals(p.effective.tags, ["web"]);
    }
    // What the guest agent is handed for each of them.
    assertEquals(ctx.profiles.effectiveFor(webId)?.agent?.disallowedCommands, ["rm", "uptime"]);
    assertEquals(ctx.profiles.effectiveFor(dbId.toUpperCase())?.tags, ["web"]);
    const changed = events.find((e) => e.type === "policy-changed");
    assertEquals(changed?.type === "policy-changed" && changed.vmIds.sort(), [webId, dbId].sort());
  });
});

Deno.test("profiles - delete converts the profile's settings to local overrides, losing nothing", async () => {
  await withTestApp(async ({ req }) => {
    const web = await createWeb(req);
    await ok(req("PUT", "/api/vms/web/profile", { profileId: web.id }));
    await ok(req("PUT", "/api/vms/db/profile", { profileId: web.id }));
    // db already overrides the backup: its own stays, the rest is converted.
    const ownBackup = { timing: null, timezone: "UTC", mode: "full", keep: 2 };
    await ok(
      req("POST", "/api/vms/db/policy/overrides", { kind: "backup", backup: ownBackup }),
      201,
    );
    const before = { web: await policyOf(req, "web"), db: await policyOf(req, "db") };

    const del = await ok<{ deleted: boolean; convertedVms: number }>(
      req("DELETE", `/api/profiles/${web.id}`),
    );
    assertEquals(del, { deleted: true, convertedVms: 2 });
    assertEquals(await ok<ProfileSummary[]>(req("GET", "/api/profiles")), []);

    for (const vm of ["web", "db"] as const) {
      const after = await policyOf(req, vm);
      assertEquals(after.profile, null);
      assertEquals(after.effective, before[vm].effective);
      assertEquals(
        after.settings.map((s) => s.key),
        before[vm].settings.map((s) => s.key),
      );
      assert(after.settings.every((s) => s.source === "local"));
    }
    assertEquals((await policyOf(req, "db")).effective.backup?.keep, 2);
    // Converted settings are ordinary overrides now: removable one by one.
    await ok(req("DELETE", "/api/vms/web/policy/overrides/tag%3Aprod"));
    assertEquals((await policyOf(req, "web")).effective.tags, ["web"]);
  });
});

Deno.test("profiles - export then import round-trips; preview tells of the collision", async () => {
  await withTestApp(async ({ req }) => {
    const web = await createWeb(req);
    const res = await req("GET", `/api/profiles/${web.id}/export`);
    assertEquals(res.status, 200);
    assertEquals(
      res.headers.get("content-disposition"),
      'attachment; filename="Web-servers.kvmm-profile.json"',
    );
    const text = await res.text();
    const file = JSON.parse(text) as ProfileFile;
    assertEquals([file.format, file.version], ["kvmm-profile", 1]);

    const preview = await ok<ImportPreview>(req("POST", "/api/profiles/import/preview", text));
    assertEquals(preview, {
      name: "Web servers",
      description: "Front ends",
      version: 1,
      settingCount: 5,
      counts: { agent: 1, alerts: 1, backup: 1, tags: 2 },
      hasNameCollision: true,
      existingProfileId: web.id,
    });
    const clash = await refused(req("POST", "/api/profiles/import", text), 409, "NameCollision");
    assertEquals(clash.details.existingProfileId, web.id);
    await refused(
      req("POST", "/api/profiles/import?renameTo=WEB%20SERVERS", text),
      409,
      "NameCollision",
    );
    await refused(req("POST", "/api/profiles/import?renameTo=%20", text), 400, "InvalidName");

    const imported = await ok<{ profile: ProfileSummary; collisionResolved: boolean }>(
      req("POST", "/api/profiles/import?renameTo=Web%20copy", text),
      201,
    );
    assertEquals(imported.collisionResolved, true);
    assertEquals([imported.profile.name, imported.profile.settingCount], ["Web copy", 5]);
    const copy = await ok<ProfileDetails>(req("GET", `/api/profiles/${imported.profile.id}`));
    const strip = (p: ProfileDetails) => ({ ...p, id: "", name: "", createdAt: "", updatedAt: "" });
    assertEquals(strip(copy), strip({ ...web, assignedVms: [] }));

    // Into a host without that name: imported under its own name, no collision.
    await ok(req("DELETE", `/api/profiles/${web.id}`));
    const fresh = await ok<{ profile: ProfileSummary; collisionResolved: boolean }>(
      req("POST", "/api/profiles/import", text),
      201,
    );
    assertEquals([fresh.profile.name, fresh.collisionResolved], ["Web servers", false]);
  });
});

Deno.test("profiles - files of a newer version or a broken shape are refused with their code", async () => {
  await withTestApp(async ({ req }) => {
    const good = {
      format: "kvmm-profile",
      version: 1,
      exportedAt: "2026-11-01T00:00:00.000Z",
      profile: { name: "p", description: null, ...WEB_POLICY },
    };
    for (const path of ["/api/profiles/import/preview", "/api/profiles/import"]) {
      const newer = await refused(
        req("POST", path, { ...good, version: 2 }),
        422,
        "VersionUnsupported",
      );
      assertEquals(newer.details, { version: 2, supported: 1 });
      assertMatch(newer.message, /version 2.*up to version 1/);
      const broken: [unknown, RegExp][] = [
        ["not json at all", /not JSON/],
        [[1, 2], /not a JSON object/],
        [{ ...good, format: "tars-profile" }, /not a KVM Manager profile/],
        [{ ...good, version: "1" }, /version/],
        [{ ...good, profile: undefined }, /profile/],
        [{ ...good, profile: { ...good.profile, name: "" } }, /profile\.name/],
        [{ ...good, profile: { ...good.profile, alerts: {} } }, /alerts/],
        [{ ...good, profile: { ...good.profile, tags: ["a b"] } }, /tag/],
        [{ ...good, profile: { ...good.profile, extra: 1 } }, /unknown field "extra"/],
        [{ ...good, extra: 1 }, /unknown field "extra"/],
      ];
      for (const [body, words] of broken) {
        const e = await refused(req("POST", path, body), 400, "InvalidFormat");
        assertMatch(e.message, words);
      }
    }
    assertEquals(await ok<ProfileSummary[]>(req("GET", "/api/profiles")), []);
  });
});

Deno.test("profiles - an upload that cannot be read is IoError", async () => {
  await withTestApp(async ({ app }) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"format": "kvmm-'));
        controller.error(new Error("connection reset by peer"));
      },
    });
    const res = await app.request("http://localhost/api/profiles/import", {
      method: "POST",
      body,
      duplex: "half",
    } as RequestInit);
    const e = await res.json();
    assertEquals([res.status, e.code], [400, "IoError"]);
    assertMatch(e.message, /Could not read the uploaded file: connection reset by peer/);
    assertEquals(e.details, {});
  });
});

Deno.test("profiles - viewers read, only admins change", async () => {
  await withTestApp(async ({ app, req, tokenFor }) => {
    const web = await createWeb(req);
    const viewer = tokenFor("viewer");
    const as = (method: string, path: string, body?: unknown) =>
      app.request(`http://localhost${path}`, {
        method,
        headers: { authorization: `Bearer ${viewer}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    assertEquals((await as("GET", "/api/profiles")).status, 200);
    assertEquals((await as("GET", "/api/vms/web/policy")).status, 200);
    assertEquals((await as("POST", "/api/profiles", { name: "v" })).status, 403);
    assertEquals((await as("PUT", "/api/vms/web/profile", { profileId: web.id })).status, 403);
    assertEquals(
      (await as("POST", "/api/vms/web/policy/overrides", { kind: "tag", tag: "x" })).status,
      403,
    );
  });
});

Deno.test("profiles - a deleted VM's assignment and overrides go with it", async () => {
  await withTestApp(async ({ req, ctx }) => {
    const web = await createWeb(req);
    const dbId = await vmId(req, "db"); // shut off, so it may be deleted
    await ok(req("PUT", "/api/vms/db/profile", { profileId: web.id }));
    await ok(req("POST", "/api/vms/db/policy/overrides", { kind: "tag", tag: "tmp" }), 201);
    await ok(req("DELETE", "/api/vms/db"));
    const got = await ok<ProfileDetails>(req("GET", `/api/profiles/${web.id}`));
    assertEquals(got.assignedVms, []);
    // A new VM that happened to get the same UUID would start clean.
    await refused(req("DELETE", `/api/vms/${dbId}/profile`), 404, "VmNotFound");
    assertEquals(ctx.profiles.effectiveFor(dbId), null);
  });
});

Deno.test("profiles - alerts and backups follow the effective policy", async () => {
  await withTestApp(async ({ req, ctx, events }) => {
    const web = await createWeb(req);
    const [webId, dbId] = [await vmId(req, "web"), await vmId(req, "db")];
    const sample = (vmId: string, cpu: number) =>
      vmSample(vmId, vmId === webId ? "web" : "db", cpu);
    await ok(req("PUT", "/api/vms/web/profile", { profileId: web.id }));

    // The profile's rule (cpu > 90, 2 readings) fires for its VM only.
    ctx.monitoring.alerts.check(1_000, [sample(webId, 95), sample(dbId, 99)]);
    ctx.monitoring.alerts.check(2_000, [sample(webId, 95), sample(dbId, 99)]);
    const fired = events.filter((e) => e.type === "alert-fired");
    assertEquals(
      fired.map((e) => e.type === "alert-fired" && [e.alert.vmName, e.alert.ruleName]),
      [["web", "cpu-high"]],
    );
    // Raising the threshold in the profile resolves it ("policy changed").
    await ok(req("PATCH", `/api/profiles/${web.id}`, {
      alerts: [{ name: "cpu-high", metric: "cpu", threshold: 99, consecutive: 2 }],
    }));
    const resolved = events.find((e) => e.type === "alert-resolved");
    assertEquals(
      resolved?.type === "alert-resolved" && resolved.alert.resolvedReason,
      "policy changed",
    );

    // The profile's schedule is one managed backup job for its VMs.
    type Job = { id: string; name: string; managedBy: string | null; vmIds: string[] };
    const managed = async () =>
      (await ok<{ schedules: (Job & { options: unknown })[] }>(req("GET", "/api/schedules")))
        .schedules.filter((j) => j.managedBy !== null);
    await until(async () => (await managed()).length === 1);
    assertEquals(
      (await managed()).map((j) => [j.name, j.managedBy, j.vmIds, j.options]),
      [["Backups: profile Web servers", `profile:${web.id}`, [webId], { mode: "auto", keep: 5 }]],
    );
    // db's own schedule is a job of its own; web's manual backups keep the profile's 5.
    await ok(req("PUT", "/api/vms/db/profile", { profileId: web.id }));
    await ok(
      req("POST", "/api/vms/db/policy/overrides", {
        kind: "backup",
        backup: { timing: { kind: "weekly", days: [6], time: "04:00" }, keep: 2 },
      }),
      201,
    );
    await until(async () => (await managed()).length === 2);
    assertEquals(
      (await managed()).map((j) => [j.name, j.vmIds]).sort(),
      [["Backups: db (local policy)", [dbId]], ["Backups: profile Web servers", [webId]]],
    );
    // Through the API the job is the profile's to change.
    const job = (await managed()).find((j) => j.managedBy === `vm:${dbId}`)!;
    const del = await req("DELETE", `/api/schedules/${job.id}`);
    assertEquals([del.status, (await del.json()).code], [409, "MANAGED_BY_PROFILE"]);
    // Deleting the profile converts its schedule to web's and db keeps its own.
    await ok(req("DELETE", `/api/profiles/${web.id}`));
    await until(async () =>
      (await managed()).map((j) => j.managedBy).sort().join() ===
        [`vm:${dbId}`, `vm:${webId}`].sort().join()
    );
  });
});
