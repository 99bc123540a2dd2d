// Real restic backups of a TCG guest on qemu:///system (issue 47): one running guest with a
// qcow2 disk (16 MiB of random data at 8 MiB, markers the guest writes itself in the zeros
// around it, so a change touches few chunks) backed up twice into a local-folder repository (the second adds a fraction of the first: restic's data_added),
// once over SFTP to a loopback sshd with a throwaway account; restored into a new VM that boots
// and holds the marker; one disk restored into a volume; prune keeps what the policy says;
// check passes, then fails visibly on a damaged pack; a wrong password, a missing repository
// and a missing restic binary are clear errors. Everything is named kvmm-test-rs-.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  ensureAssetsPool,
  TEST_POOL,
  virsh,
  waitForGuestReady,
} from "./support/guest.ts";
import { guestRun, guestWriteDisk } from "./support/guest_shell.ts";
import { type RealApp, run, withRealApp } from "./support/real_app.ts";
import { startSftpServer } from "./support/sftp_server.ts";
import type { Repository, RepositoryBackup, ResticJob } from "../shared/restic.ts";
import type { NotifyEvent } from "../shared/notify.ts";
import { resticFeature } from "../lib/restic/feature.ts";
import { notifyFeature } from "../lib/notify/feature.ts";

const PREFIX = "kvmm-test-rs-";
const PASSWORD = "correct horse battery staple";
const MiB = 1024 ** 2;

async function cleanup() {
  await cleanupGuestsNamed(PREFIX);
  // Raw copies a crashed run left in the pool (the service removes its own).
  const vols = (await virsh("vol-list", TEST_POOL).catch(() => "")).split("\n").slice(2)
    .map((l) => l.trim().split(/\s+/)[0]).filter((v) => v?.startsWith("kvmm-restic-"));
  for (const v of vols) await virsh("vol-delete", "--pool", TEST_POOL, v).catch(() => {});
}

/** Starts a job through the API (202) and waits for its end. */
async function job(t: RealApp, path: string, body?: unknown): Promise<ResticJob> {
  const res = await t.call("POST", path, body);
  assertEquals(res.status, 202, JSON.stringify(res.body));
  assertEquals(res.body.status, "running");
  assert(typeof res.body.taskId === "number", "the job runs as a task");
  const done = await t.ctx.features.get(resticFeature).waitFor(res.body.id);
  const task = await t.call("GET", `/api/tasks/${res.body.taskId}`);
  assertEquals(task.body.status, done.status, "the task ends as the job did");
  return done;
}

const addedOf = (j: ResticJob) =>
  (j.result!.disks as { dataAdded: number }[]).reduce((n, d) => n + d.dataAdded, 0);

Deno.test({
  name: "restic on QEMU - backups, dedup, SFTP, restore that boots, prune, check, clear errors",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await assertLibvirtReachable();
    await cleanup();
    const data = await Deno.makeTempDir({ prefix: PREFIX });
    const sftp = await startSftpServer();
    try {
      const src = PREFIX + "src";
      const guest = await defineTestGuest(src);
      // A restored definition passes the XML import's check: its kernel must be a pool volume.
      await ensureAssetsPool();
      // 16 MiB of random bytes the guest's disk holds, written before it boots.
      const random = `${data}/random.bin`;
      await Deno.writeFile(random, randomBytes(16 * MiB));
      await fillRandom(random, guest.diskPath);
      await virsh("start", src);
      await waitForGuestReady(src);
      await guestWriteDisk(src, { word: "KVMMRESTICONE", seek: 10 });

      await withRealApp({ dataDir: data }, async (t) => {
        // What the backups tell the notifications (lib/notify/), as published.
        const told: NotifyEvent[] = [];
        const publish = t.ctx.features.get(notifyFeature).publish.bind(
          t.ctx.features.get(notifyFeature),
        );
        t.ctx.features.get(notifyFeature).publish = (e) => {
          told.push(e);
          publish(e);
        };
        const location = `${data}/repo`;
        const made = await t.call("POST", "/api/backup-repositories", {
          name: "rs-local",
          kind: "local",
          location,
          password: PASSWORD,
          keep: { last: 1 },
        });
        assertEquals(made.status, 201, JSON.stringify(made.body));
        const repo = made.body as Repository;
        assertEquals([repo.hasPassword, repo.keep.last], [true, 1]);
        const listed = await t.call("GET", "/api/backup-repositories");
        assert(!JSON.stringify(listed.body).includes(PASSWORD), "the password is write-only");
        assert(!("password" in listed.body[0]));
        await Deno.stat(`${location}/config`);

        // Two backups of the running guest: the second adds only what changed.
        const first = await job(t, `/api/vms/${src}/backups/restic`, { repository: "rs-local" });
        assertEquals(first.status, "succeeded", JSON.stringify(first.error));
        const added1 = addedOf(first);
        assert(added1 > 15 * MiB, `the first backup stores the random data: ${added1}`);
        await guestWriteDisk(src, { word: "KVMMRESTICTWO", seek: 600 });
        const second = await job(t, `/api/vms/${src}/backups/restic`, { repository: repo.id });
        assertEquals(second.status, "succeeded", JSON.stringify(second.error));
        const added2 = addedOf(second);
        console.log(`restic data_added: first ${added1} bytes, second ${added2} bytes`);
        assert(added2 < 2 * MiB && added2 * 8 < added1, `second adds little: ${added2}/${added1}`);
        assertEquals(told.map((e) => [e.kind, e.title]), [
          ["backup-succeeded", `Backup of ${src} into repository rs-local succeeded`],
          ["backup-succeeded", `Backup of ${src} into repository rs-local succeeded`],
        ]);

        // A third backup cancelled through its task: restic (or libvirt's job) is stopped, no
        // raw copy and no snapshot of it stay, and the repository is left unlocked.
        const started = await t.call("POST", `/api/vms/${src}/backups/restic`, {
          repository: "rs-local",
        });
        assertEquals(started.status, 202, JSON.stringify(started.body));
        await new Promise((r) => setTimeout(r, 500));
        const stop = await t.call("POST", `/api/tasks/${started.body.taskId}/cancel`);
        assertEquals(stop.status, 200, JSON.stringify(stop.body));
        const cancelled = await t.ctx.features.get(resticFeature).waitFor(started.body.id);
        assertEquals(cancelled.status, "cancelled");
        assertEquals(
          (await t.call("GET", `/api/tasks/${started.body.taskId}`)).body.status,
          "cancelled",
        );
        assertEquals(told.length, 2, "a cancel is no failure to tell");

        const left = await t.call("GET", `/api/backup-repositories/${repo.id}/backups?vm=${src}`);
        const backups = left.body as RepositoryBackup[];
        assertEquals(backups.map((b) => b.id), [second.result!.backupId, first.result!.backupId]);
        assertEquals([backups[0].vmId, backups[0].disks.map((d) => d.target)], [
          guest.uuid,
          ["vda"],
        ]);
        const none = await t.call("GET", `/api/vms/${src}`);
        assertEquals(none.body.disks.length, 1, "no raw copy is left attached or in the pool");
        const vols = await virsh("vol-list", TEST_POOL);
        assert(!vols.includes("kvmm-restic-"), `raw copies removed: ${vols}`);

        // The second backup restored as a new VM: it boots and holds both markers.
        const r1 = PREFIX + "r1";
        const restored = await job(
          t,
          `/api/backup-repositories/rs-local/backups/${second.result!.backupId}/restore`,
          { name: r1, pool: TEST_POOL },
        );
        assertEquals(restored.status, "succeeded", JSON.stringify(restored.error));
        assert((await virsh("domuuid", r1)).trim() !== guest.uuid, "a new UUID");
        await virsh("start", r1);
        await waitForGuestReady(r1);
        await guestRun(
          r1,
          "dd if=/dev/vda bs=65536 skip=10 count=1 2>/dev/null | grep -q KVMMRESTICONE",
        );
        await guestRun(
          r1,
          "dd if=/dev/vda bs=65536 skip=600 count=1 2>/dev/null | grep -q KVMMRESTICTWO",
        );
        await virsh("destroy", r1);

        // One disk of the first backup into a volume: the first marker, not the second.
        const one = await job(
          t,
          `/api/backup-repositories/rs-local/backups/${first.result!.backupId}/restore-disk`,
          { target: "vda", pool: TEST_POOL, volume: PREFIX + "disk.raw" },
        );
        assertEquals(one.status, "succeeded", JSON.stringify(one.error));
        const bytes = await Deno.readFile(one.result!.path as string);
        assertEquals(bytes.length, 64 * MiB);
        const text = (at: number) => new TextDecoder().decode(bytes.subarray(at, at + 64));
        assertMatch(text(10 * 65536), /KVMMRESTICONE/);
        assert(!/KVMMRESTICTWO/.test(text(600 * 65536)), "the first backup predates the second");

        // Prune by keep last 1: only the second backup is left.
        const pruned = await job(t, `/api/backup-repositories/${repo.id}/prune`);
        assertEquals(pruned.status, "succeeded", JSON.stringify(pruned.error));
        assertEquals((pruned.result!.removed as string[]).length, 2, "disk + metadata snapshot");
        const after = (await t.call("GET", `/api/backup-repositories/${repo.id}/backups`)).body;
        assertEquals(after.map((b: RepositoryBackup) => b.id), [second.result!.backupId]);

        // check passes; a damaged pack makes it fail in words.
        const ok = await job(t, `/api/backup-repositories/${repo.id}/check`, { readData: true });
        assertEquals(ok.status, "succeeded", JSON.stringify(ok.error));
        await damageLargestPack(`${location}/data`);
        const bad = await job(t, `/api/backup-repositories/${repo.id}/check`, { readData: true });
        assertEquals([bad.status, bad.error?.code], ["failed", "RESTIC_CHECK_FAILED"]);
        assertMatch(bad.error!.message, /Repository rs-local is damaged/);

        // A wrong password and a missing repository are said as such.
        const wrong = await t.call("POST", "/api/backup-repositories", {
          name: "rs-wrong",
          kind: "local",
          location,
          password: "not the password",
          existing: true,
        });
        assertEquals([wrong.status, wrong.body.code], [409, "RESTIC_WRONG_PASSWORD"]);
        assertEquals(wrong.body.message, "The password does not open repository rs-wrong");
        const missing = await t.call("POST", "/api/backup-repositories", {
          name: "rs-missing",
          kind: "local",
          location: `${data}/nothing-here`,
          password: PASSWORD,
          existing: true,
        });
        assertEquals([missing.status, missing.body.code], [404, "RESTIC_REPO_NOT_FOUND"]);
        assertEquals((await t.call("GET", "/api/backup-repositories")).body.length, 1);

        // Over SFTP to this machine's sshd, as a throwaway account. restic runs as root, so a
        // repository on loopback is refused before restic runs (sshd sees no connection) until
        // an admin allows the address, as for downloads.
        const sftpRepo = {
          name: "rs-sftp",
          kind: "sftp",
          location: `${sftp.user}@127.0.0.1:${sftp.home}/repo`,
          port: sftp.port,
          keyFile: sftp.keyFile,
          knownHostsFile: sftp.knownHostsFile,
          password: PASSWORD,
        };
        const sshdLines = sftp.log().split("\n").length;
        const refused = await t.call("POST", "/api/backup-repositories", sftpRepo);
        assertEquals([refused.status, refused.body.code], [400, "URL_REFUSED"]);
        assertEquals(sftp.log().split("\n").length, sshdLines, "sshd saw nothing");
        t.ctx.imageSettings.set({ ...t.ctx.imageSettings.get(), allowedSources: ["127.0.0.1"] });
        const remote = await t.call("POST", "/api/backup-repositories", sftpRepo);
        assertEquals(remote.status, 201, JSON.stringify(remote.body) + sftp.log());
        const over = await job(t, `/api/vms/${src}/backups/restic`, { repository: "rs-sftp" });
        assertEquals(over.status, "succeeded", JSON.stringify(over.error));
        assert(addedOf(over) > 15 * MiB);
        const st = await Deno.stat(`${sftp.home}/repo/config`);
        assertEquals(st.uid, Number((await run("id", "-u", sftp.user)).trim()), "written as it");
        const there = await t.call("GET", "/api/backup-repositories/rs-sftp/backups");
        assertEquals(there.body.length, 1);

        // Without restic installed: a clear refusal, and a failed backup is told.
        Deno.env.set("KVMM_RESTIC_BIN", `${data}/no-restic`);
        try {
          const gone = await job(t, `/api/backup-repositories/${repo.id}/check`, {});
          assertEquals(gone.error?.code, "RESTIC_MISSING");
          assertMatch(gone.error!.message, /restic is not installed on this server/);
          const failed = await job(t, `/api/vms/${src}/backups/restic`, { repository: "rs-local" });
          assertEquals([failed.status, failed.error?.code], ["failed", "RESTIC_MISSING"]);
          assertEquals(told.at(-1)?.kind, "backup-failed");
          assertMatch(told.at(-1)!.text, /restic is not installed/);
        } finally {
          Deno.env.delete("KVMM_RESTIC_BIN");
        }
      });
    } finally {
      await sftp.close();
      await cleanup();
      await Deno.remove(data, { recursive: true }).catch(() => {});
    }
  },
});

/** `n` random bytes (getRandomValues gives at most 64 KiB a call). */
function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let at = 0; at < n; at += 65536) crypto.getRandomValues(out.subarray(at, at + 65536));
  return out;
}

/** Writes `file` into the qcow2 disk at 8 MiB (the guest is not running yet). */
async function fillRandom(file: string, disk: string) {
  await run("qemu-io", "-f", "qcow2", "-c", `write -s ${file} 8M 16M`, disk);
}

/** Flips bytes in the middle of the biggest pack file under `dir`. */
async function damageLargestPack(dir: string) {
  let biggest = { path: "", size: 0 };
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else {
        const size = (await Deno.stat(p)).size;
        if (size > biggest.size) biggest = { path: p, size };
      }
    }
  };
  await walk(dir);
  assert(biggest.size > 0, `no pack under ${dir}`);
  const f = await Deno.open(biggest.path, { read: true, write: true });
  try {
    const at = Math.floor(biggest.size / 2);
    await f.seek(at, Deno.SeekMode.Start);
    const buf = new Uint8Array(16);
    await f.read(buf);
    await f.seek(at, Deno.SeekMode.Start);
    await f.write(buf.map((b) => b ^ 0xff));
  } finally {
    f.close();
  }
}
