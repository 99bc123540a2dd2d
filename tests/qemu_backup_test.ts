// Real-QEMU backup tests on qemu:///system: full and incremental backups of a running TCG guest
// through libvirt's backup API, restores that boot and match byte for byte, retention keeping
// exactly N (consolidating the chain), a stopped VM copied, a qcow2 v2 disk, and cancel. Every
// guest, volume and pool carries the kvmm-test-bk- prefix and is removed afterwards.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import type { Backup } from "../shared/backups.ts";
import type { AppEvent } from "../shared/events.ts";
import {
  assertLibvirtReachable,
  defineTestGuest,
  TEST_POOL,
  virsh,
  waitForGuestReady,
} from "./support/guest.ts";
import {
  BK_POOL,
  cleanupBackupTests as cleanup,
  ensureBackupPool,
  guestWriteDisk,
  lines,
  OUTSIDE_DISK,
  PREFIX,
  volNames,
} from "./support/guest_shell.ts";
import { type RealApp, run, sha256OfFile, withRealApp } from "./support/real_app.ts";

/**
 * The data disk whose backup is watched and cancelled, in MiB. 4 GiB took 150 s of the guests' lane
 * (70 s writing it with qemu-io) in each of the two files that used it.
 */
const BIG_MIB = 1024;

/**
 * How fast the watched backup may copy the data disk, in MiB/s: about four of the app's 1-second
 * progress polls. Unslowed, QEMU copied the 1 GiB in half a second on CI's machine, often between
 * two polls, and "a progress event while the job ran" failed once in CI.
 */
const SLOW_MIB_PER_S = 256;

/** SHA-256 of a disk image's guest-visible bytes (through its backing chain). */
async function rawSha(path: string): Promise<string> {
  const tmp = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".raw" });
  try {
    await run("qemu-img", "convert", "-U", "-O", "raw", path, tmp);
    return (await sha256OfFile(tmp)).hex;
  } finally {
    await Deno.remove(tmp);
  }
}

/** The disk's bytes with the guest paused, so nothing changes while they are read. */
async function pausedSha(name: string, path: string): Promise<string> {
  await virsh("suspend", name);
  try {
    return await rawSha(path);
  } finally {
    await virsh("resume", name);
  }
}

async function imageBacking(path: string): Promise<string | null> {
  const info = JSON.parse(await run("qemu-img", "info", "-U", "--output=json", path));
  return info["full-backing-filename"] ?? info["backing-filename"] ?? null;
}

async function backUp(t: RealApp, vm: string, body: unknown): Promise<Backup> {
  return await t.ctx.backups.waitFor(await begin(t, vm, body));
}

/** Starts a backup of `vm` through the API; returns its id. */
async function begin(t: RealApp, vm: string, body: unknown): Promise<string> {
  const res = await t.call("POST", `/api/vms/${vm}/backups`, body);
  assertEquals(res.status, 202, JSON.stringify(res.body));
  assertEquals(res.body.status, "running");
  return res.body.id;
}

/**
 * Starts a full backup of `vm` whose `disk` libvirt copies at SLOW_MIB_PER_S (its block job speed,
 * which QEMU's backup job obeys), so that the test sees the job running on any disk.
 */
async function beginSlowed(t: RealApp, vm: string, disk: string): Promise<string> {
  const id = await begin(t, vm, { mode: "full" });
  await virsh("blockjob", vm, disk, "--bandwidth", String(SLOW_MIB_PER_S));
  return id;
}

/** Restores backup `id` as VM `name`; returns the restored disk's path. */
async function restore(t: RealApp, id: string, name: string): Promise<string> {
  const res = await t.call("POST", `/api/backups/${id}/restore`, { name });
  assertEquals(res.status, 201, JSON.stringify(res.body));
  assertEquals(res.body.name, name);
  const vm = await t.call("GET", `/api/vms/${name}`);
  assertEquals(vm.body.state, "stopped", "a restored VM is defined, not started");
  assertEquals(vm.body.disks.length, 1);
  return vm.body.disks[0].path;
}

function statuses(events: AppEvent[], id: string): string[] {
  return events.flatMap((e) => e.type === "backup-changed" && e.backupId === id ? [e.status] : []);
}

const checkpoints = async (vm: string) =>
  lines(await virsh("checkpoint-list", vm, "--name")).sort();

Deno.test({
  name: "backups on QEMU - full, a restore that boots, incremental, retention keeps exactly N",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await assertLibvirtReachable();
    await cleanup();
    try {
      await ensureBackupPool();
      const src = PREFIX + "src";
      const guest = await defineTestGuest(src);
      await virsh("start", src);
      await waitForGuestReady(src);
      await withRealApp({}, async (t) => {
        const set = await t.call("PUT", "/api/backups/settings", { pool: BK_POOL });
        assertEquals(set.status, 200, JSON.stringify(set.body));

        // A full backup of the running guest, after it wrote to its disk.
        await guestWriteDisk(src, { word: "FIRST", seek: 10 });
        const h1 = await pausedSha(src, guest.diskPath);
        const full = await backUp(t, src, { mode: "full" });
        assertEquals([full.status, full.kind, full.method], ["succeeded", "full", "backup"]);
        assertEquals(full.checkpoint, `kvmm-${full.id}`);
        assertEquals(await checkpoints(src), [full.checkpoint]);
        assertEquals([full.processedBytes, full.totalBytes], [64 * 1024 ** 2, 64 * 1024 ** 2]);
        assertEquals(await pausedSha(src, guest.diskPath), h1, "the guest wrote nothing meanwhile");
        assertEquals(await rawSha(full.disks[0].path), h1, "the backup holds the disk's bytes");
        const seen = statuses(t.events, full.id);
        assertEquals([seen[0], seen.at(-1)], ["running", "succeeded"]);

        // Restored as a new VM: same bytes, and it boots.
        const r1 = PREFIX + "r1";
        const r1Disk = await restore(t, full.id, r1);
        assertEquals(r1Disk, `/var/lib/libvirt/images/${TEST_POOL}/${r1}.qcow2`);
        assertEquals(await rawSha(r1Disk), h1);
        assert((await virsh("domuuid", r1)).trim() !== guest.uuid);
        await virsh("start", r1);
        await waitForGuestReady(r1);
        await virsh("destroy", r1);

        // The guest writes again: the next backup is incremental and holds only the change.
        await guestWriteDisk(src, { word: "SECOND", seek: 300 });
        const h2 = await pausedSha(src, guest.diskPath);
        const inc = await backUp(t, src, {});
        assertEquals([inc.kind, inc.parentId, inc.method], ["incremental", full.id, "backup"]);
        assertEquals(inc.totalBytes, 4 * 65536, "only the four written blocks were dirty");
        assert(inc.sizeBytes! < 2 * 1024 ** 2, `incremental is small: ${inc.sizeBytes}`);
        assertEquals(await imageBacking(inc.disks[0].path), full.disks[0].path);
        assertEquals(await pausedSha(src, guest.diskPath), h2);
        assertEquals(await rawSha(inc.disks[0].path), h2);
        assertEquals(await checkpoints(src), [inc.checkpoint], "older checkpoints are dropped");
        assertEquals(await rawSha(await restore(t, inc.id, PREFIX + "r2")), h2);

        // Retention keep=2 over two more backups: exactly two remain, the chain consolidated.
        await guestWriteDisk(src, { word: "THIRD", seek: 500 });
        const h3 = await pausedSha(src, guest.diskPath);
        const third = await backUp(t, src, { keep: 2 });
        await guestWriteDisk(src, { word: "FOURTH", seek: 700 });
        const h4 = await pausedSha(src, guest.diskPath);
        const fourth = await backUp(t, src, { keep: 2 });
        assertEquals([third.kind, fourth.kind], ["incremental", "incremental"]);
        const left = (await t.call("GET", `/api/backups?vm=${src}`)).body as Backup[];
        assertEquals(left.map((b) => b.id), [fourth.id, third.id]);
        assertEquals([left[1].kind, left[1].parentId], ["full", null], "consolidated");
        assertEquals([left[0].kind, left[0].parentId], ["incremental", third.id]);
        await virsh("pool-refresh", BK_POOL);
        assertEquals(
          (await volNames(BK_POOL)).sort(),
          left.flatMap((b) => b.disks.map((d) => d.volume)).sort(),
          "no other volume is left in the backup pool",
        );
        assertEquals(await imageBacking(left[1].disks[0].path), null);
        assertEquals(await rawSha(await restore(t, third.id, PREFIX + "r3")), h3);
        assertEquals(await rawSha(await restore(t, fourth.id, PREFIX + "r4")), h4);
        const deleted = [full.id, inc.id].map((id) => statuses(t.events, id).at(-1));
        assertEquals(deleted, ["deleted", "deleted"]);

        // Deleting the consolidated full makes its incremental a full one, still restorable.
        assertEquals((await t.call("DELETE", `/api/backups/${third.id}`)).status, 204);
        const only = (await t.call("GET", `/api/backups/${fourth.id}`)).body as Backup;
        assertEquals([only.kind, only.parentId], ["full", null]);
        assertEquals(await imageBacking(only.disks[0].path), null);
        assertEquals(await rawSha(only.disks[0].path), h4);

        // A stopped VM is copied volume by volume, without a checkpoint...
        await virsh("destroy", src);
        const h5 = await rawSha(guest.diskPath);
        const copy = await backUp(t, src, {});
        assertEquals([copy.kind, copy.method, copy.checkpoint], ["full", "copy", null]);
        assertEquals(await rawSha(copy.disks[0].path), h5);
        assertMatch(copy.note ?? "", /no checkpoint, so its next backup is full again/);
        // ...so the next backup of the running VM is full again, and says why.
        await virsh("start", src);
        const after = await backUp(t, src, {});
        assertEquals(after.kind, "full");
        assertMatch(after.note ?? "", /^Full: its last backup \(.*\) has no checkpoint/);
      });
    } finally {
      await cleanup();
    }
  },
});

Deno.test({
  name: "backups on QEMU - a qcow2 v2 disk gets no checkpoint; cancel removes a running backup",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await assertLibvirtReachable();
    await cleanup();
    try {
      await ensureBackupPool();
      // Version 2: the format vol-create-as made before compat 1.1 was asked for.
      const old = await defineTestGuest(PREFIX + "v2");
      await run("qemu-img", "amend", "-f", "qcow2", "-o", "compat=0.10", old.diskPath);
      await virsh("pool-refresh", TEST_POOL);
      await virsh("start", old.name);
      const outside = await defineTestGuest(PREFIX + "outside");
      await run(
        "qemu-img",
        "create",
        "-q",
        "-f",
        "qcow2",
        "-o",
        "compat=0.10",
        OUTSIDE_DISK,
        "64M",
      );
      await virsh("detach-disk", outside.name, "vda", "--config");
      await virsh(
        "attach-disk",
        outside.name,
        OUTSIDE_DISK,
        "vda",
        "--driver",
        "qemu",
        "--subdriver",
        "qcow2",
        "--config",
      );
      await virsh("start", outside.name);
      // A data disk full of bytes, so that a slowed backup of it runs long enough to be watched.
      const big = await defineTestGuest(PREFIX + "big");
      const data = `/var/lib/libvirt/images/${TEST_POOL}/${PREFIX}big-data.qcow2`;
      await run("qemu-img", "create", "-q", "-f", "qcow2", "-o", "compat=1.1", data, `${BIG_MIB}M`);
      await run("qemu-io", "-f", "qcow2", "-c", `write -P 0x5a 0 ${BIG_MIB}M`, data);
      await virsh("pool-refresh", TEST_POOL);
      await virsh(
        "attach-disk",
        big.name,
        data,
        "vdb",
        "--driver",
        "qemu",
        "--subdriver",
        "qcow2",
        "--config",
      );
      await virsh("start", big.name);
      await withRealApp({}, async (t) => {
        await t.call("PUT", "/api/backups/settings", { pool: BK_POOL });

        const refused = await t.call("POST", `/api/vms/${old.name}/backups`, {
          mode: "incremental",
        });
        assertEquals(refused.status, 409);
        assertEquals(refused.body.code, "INCREMENTAL_UNAVAILABLE");
        assertMatch(refused.body.message, /Cannot store dirty bitmaps in qcow2 v2 files/);
        const auto = await backUp(t, old.name, {});
        assertEquals([auto.status, auto.kind, auto.checkpoint], ["succeeded", "full", null]);
        assertMatch(auto.note ?? "", /^No checkpoint: .*Cannot store dirty bitmaps in qcow2 v2/);
        assertEquals(await checkpoints(old.name), []);
        // Outside any pool the version is not known beforehand: libvirt refuses the checkpoint
        // in its own words and the backup goes on without one.
        const out = await backUp(t, outside.name, { mode: "full" });
        assertEquals([out.status, out.kind, out.checkpoint], ["succeeded", "full", null]);
        assertEquals(out.disks[0].sourcePool, null);
        assertMatch(out.note ?? "", /^No checkpoint: libvirt refused it \(.*dirty bitmaps.*\)/);
        assertEquals(await checkpoints(outside.name), []);

        // Progress: the data disk takes long enough for polls to see the job part done.
        const first = await t.ctx.backups.waitFor(await beginSlowed(t, big.name, "vdb"));
        const progress = t.events.filter((e) =>
          e.type === "backup-changed" && e.backupId === first.id && e.status === "running" &&
          e.processedBytes > 0 && e.processedBytes < e.totalBytes
        );
        assert(progress.length > 0, "a progress event while the job ran");
        assertEquals(first.totalBytes, (BIG_MIB + 64) * 1024 ** 2);

        // Cancel a slowed job: it is still running when the cancel comes.
        const running = await beginSlowed(t, big.name, "vdb");
        const ended = await t.call("POST", `/api/backups/${running}/cancel`);
        assertEquals(ended.status, 200, JSON.stringify(ended.body));
        assertEquals(ended.body.status, "cancelled", "a cancel reached a running backup job");
        const cancelled: Backup = ended.body;
        await virsh("pool-refresh", BK_POOL);
        const vols = await volNames(BK_POOL);
        assert(!vols.some((v) => v.includes(cancelled.id)), "the partial volumes are gone");
        assertEquals(
          await checkpoints(big.name),
          [first.checkpoint],
          "the cancelled backup's checkpoint is gone, the one before stays",
        );
        const rejected = await t.ctx.backups.waitFor(cancelled.id).then(() => null, (e) => e);
        assertEquals(rejected?.code, "BACKUP_CANCELLED");
        const next = await backUp(t, big.name, { mode: "incremental" });
        assertEquals([next.kind, next.parentId, next.totalBytes], ["incremental", first.id, 0]);
      });
    } finally {
      await cleanup();
    }
  },
});
