// /api/backup-repositories on the test driver with Debian's restic and a local folder: the
// password write-only, the body's checks in words, admins only, an update, jobs that end as
// tasks, and a forgotten repository's data left where it is. VM backups into repositories need
// libvirt's backup API: tests/qemu_restic_test.ts.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { Repository, ResticJob } from "../../shared/restic.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";
import { resticFeature } from "../../lib/restic/feature.ts";

const PASSWORD = "a password of some length";

Deno.test("restic API - repositories: write-only password, checks, admins only, jobs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-rs-api-" });
  try {
    await withTestApp(async ({ app, req, tokenFor, ctx }) => {
      // A feature is made on first use: building the app and its routes made no restic service.
      assert(!ctx.features.made.includes("restic"), "restic made before its first use");
      const body = { name: "offsite", kind: "local", location: `${dir}/repo`, password: PASSWORD };
      const made = await req("POST", "/api/backup-repositories", { ...body, keep: { daily: 7 } });
      assertEquals(made.status, 201);
      assert(ctx.features.made.includes("restic"), "the first request made it");
      const repo = await made.json() as Repository;
      assertEquals(repo.keep, { last: 0, daily: 7, weekly: 0, monthly: 0 });
      assertEquals([repo.hasPassword, repo.hasSecretKey, repo.kind], [true, false, "local"]);
      assert(!("password" in repo) && !("secretKey" in repo));
      for (const path of ["/api/backup-repositories", `/api/backup-repositories/${repo.id}`]) {
        const text = await (await req("GET", path)).text();
        assert(!text.includes(PASSWORD), `${path} never answers the password`);
      }

      // The same name again; bodies refused in words naming the field.
      const again = await req("POST", "/api/backup-repositories", body);
      assertEquals([again.status, (await again.json()).code], [409, "REPOSITORY_EXISTS"]);
      const refusals: [Record<string, unknown>, string][] = [
        [{ ...body, name: "bad name" }, "name"],
        [{ ...body, location: "relative/path" }, "location"],
        [{ ...body, kind: "sftp", location: "/no/host" }, "location"],
        // A user or host that ssh would read as an option (a program run as root).
        [{ ...body, kind: "sftp", location: "-oProxyCommand=reboot;@h:/r" }, "location"],
        [{ ...body, kind: "sftp", location: "u@-oProxyCommand=id:/r" }, "location"],
        [{ ...body, kind: "s3", location: "https://no-s3-prefix" }, "location"],
        [{ ...body, password: "short" }, "password"],
        [{ ...body, keep: { last: -1 } }, "keep"],
        [{ ...body, checkSchedule: "daily" }, "checkSchedule"],
        [{ ...body, keyFile: "relative" }, "keyFile"],
        [{ ...body, colour: "red" }, ""],
      ];
      for (const [bad, field] of refusals) {
        const res = await req("POST", "/api/backup-repositories", {
          ...bad,
          name: bad.name ?? "x",
        });
        const answer = await res.json();
        assertEquals(res.status, 400, JSON.stringify(answer));
        if (field) assertEquals(answer.field, field, JSON.stringify(answer));
      }

      // Only admins see or change repositories.
      for (const role of ["viewer", "operator"] as const) {
        const res = await app.request("http://localhost/api/backup-repositories", {
          headers: { authorization: `Bearer ${tokenFor(role)}` },
        });
        assertEquals(res.status, 403, role);
      }

      const changed = await req("PUT", `/api/backup-repositories/offsite`, {
        keep: { last: 3 },
        checkSchedule: "0 3 * * 0",
      });
      assertEquals(changed.status, 200);
      const after = await changed.json() as Repository;
      assertEquals([after.keep, after.checkSchedule], [
        { last: 3, daily: 7, weekly: 0, monthly: 0 },
        "0 3 * * 0",
      ]);

      const badCron = await req("PUT", `/api/backup-repositories/offsite`, {
        checkSchedule: "61 3 * * *",
      });
      assertEquals([badCron.status, (await badCron.json()).code], [400, "INVALID_CRON"]);

      // check runs as a job and a task; an unknown job is 404.
      const started = await req("POST", `/api/backup-repositories/${repo.id}/check`);
      assertEquals(started.status, 202);
      const job = await started.json() as ResticJob;
      const done = await ctx.features.get(resticFeature).waitFor(job.id);
      assertEquals([done.status, done.kind, done.result], ["succeeded", "check", { ok: true }]);
      const polled = await (await req("GET", `/api/backup-repositories/jobs/${job.id}`)).json();
      assertEquals(polled.status, "succeeded");
      const task = await (await req("GET", `/api/tasks/${job.taskId}`)).json();
      assertEquals([task.title, task.status], ["Check backup repository", "succeeded"]);
      const none = await req("GET", "/api/backup-repositories/jobs/nope");
      assertEquals(none.status, 404);
      const backups = await req("GET", `/api/backup-repositories/${repo.id}/backups`);
      assertEquals(await backups.json(), []);
      const vmBackup = await req("POST", "/api/vms/web/backups/restic", { repository: "none" });
      assertEquals((await vmBackup.json()).code, "REPOSITORY_NOT_FOUND");

      // Forgotten here, its data stays; attached again with its password.
      assertEquals((await req("DELETE", `/api/backup-repositories/${repo.id}`)).status, 204);
      await Deno.stat(`${dir}/repo/config`);
      const attached = await req("POST", "/api/backup-repositories", { ...body, existing: true });
      assertEquals(attached.status, 201);
      const exists = await req("POST", "/api/backup-repositories", { ...body, name: "twice" });
      const refusal = await exists.json();
      assertEquals([exists.status, refusal.code], [409, "RESTIC_REPO_EXISTS"]);
      assertMatch(refusal.message, /already exists at the location of twice/);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
