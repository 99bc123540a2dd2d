// Real restic restores over the VM itself and onto another host (issue 47): one TCG guest with
// a qcow2 disk, a marker written on it (stopped, by qemu-io), backed up into a local-folder
// repository; a second marker written after. A protected VM and a running VM are refused with
// 409; a restore cancelled while it writes leaves the disk byte for byte as it was; a restore
// over the VM brings back the first marker, not the second, keeps the disk qcow2 and the VM's
// UUID, and the guest boots and reads the marker. The backup restored as a new VM onto the
// second libvirtd of scripts/second-libvirtd.sh, into a pool there: defined there, its disk
// holds the marker. Everything is named kvmm-test-rr-.

import { assert, assertEquals } from "./support/assert.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  ensureGuestImages,
  virsh,
  waitForGuestReady,
} from "./support/guest.ts";
import { guestRun } from "./support/guest_shell.ts";
import { type RealApp, run, sha256OfFile, withRealApp } from "./support/real_app.ts";
import {
  removeDomainsOn,
  SECOND_IMAGES,
  startSecondLibvirtd,
  stopSecondLibvirtd,
  virshOn,
} from "./support/second_libvirtd.ts";
import type { ResticJob } from "../shared/restic.ts";
import { resticFeature } from "../lib/restic/feature.ts";

const PREFIX = "kvmm-test-rr-";
const PASSWORD = "correct horse battery staple";
const FAR_POOL = `${PREFIX}pool`;
/** The guest kernel's folder as a pool there: a restored definition's kernel must be a volume. */
const FAR_ASSETS = `${PREFIX}assets`;
const BLOCK = 65536;

/** Writes `word` into the stopped qcow2 disk at block `at` (64 KiB blocks). */
async function writeMarker(dir: string, disk: string, word: string, at: number) {
  const file = `${dir}/${word}.bin`;
  await Deno.writeTextFile(file, word.padEnd(64, " "));
  await run("qemu-io", "-f", "qcow2", "-c", `write -s ${file} ${at * BLOCK} 64`, disk);
}

/** The 64 bytes at block `at` of an image, as text (the image converted to raw first). */
async function readAt(dir: string, disk: string, format: string, at: number): Promise<string> {
  const out = `${dir}/read.raw`;
  await run("qemu-img", "convert", "-f", format, "-O", "raw", disk, out);
  try {
    const file = await Deno.open(out, { read: true });
    try {
      await file.seek(at * BLOCK, Deno.SeekMode.Start);
      const buf = new Uint8Array(64);
      await file.read(buf);
      return new TextDecoder().decode(buf);
    } finally {
      file.close();
    }
  } finally {
    await Deno.remove(out);
  }
}

async function cleanup(second: string | null) {
  await cleanupGuestsNamed(PREFIX);
  if (!second) return;
  await removeDomainsOn(second, PREFIX);
  await virshOn(second, "vol-delete", "--pool", FAR_POOL, `${PREFIX}far.raw`).catch(() => {});
  await virshOn(second, "pool-destroy", FAR_POOL).catch(() => {});
  await virshOn(second, "pool-destroy", FAR_ASSETS).catch(() => {});
  await Deno.remove(`${SECOND_IMAGES}/${PREFIX}pool`, { recursive: true }).catch(() => {});
}

/** Starts a job through the API (202) and waits for its end. */
async function job(t: RealApp, path: string, body?: unknown): Promise<ResticJob> {
  const res = await t.call("POST", path, body);
  assertEquals(res.status, 202, JSON.stringify(res.body));
  return await t.ctx.features.get(resticFeature).waitFor(res.body.id);
}

Deno.test({
  name:
    "restic restore on QEMU - over the VM itself (refusals, cancel, boots) and onto a second host",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await assertLibvirtReachable();
    // The guest kernel first: the second daemon sees the assets folder as it was at its start.
    await ensureGuestImages();
    const second = await startSecondLibvirtd();
    await cleanup(second);
    const data = await Deno.makeTempDir({ prefix: PREFIX });
    try {
      const src = PREFIX + "src";
      const guest = await defineTestGuest(src);
      const disk = guest.diskPath;
      const dir = disk.slice(0, disk.lastIndexOf("/"));
      await writeMarker(data, disk, "KVMMRRONE", 10);

      await withRealApp({ dataDir: data }, async (t) => {
        const made = await t.call("POST", "/api/backup-repositories", {
          name: "rr-local",
          kind: "local",
          location: `${data}/repo`,
          password: PASSWORD,
        });
        assertEquals(made.status, 201, JSON.stringify(made.body));
        const backup = await job(t, `/api/vms/${src}/backups/restic`, { repository: "rr-local" });
        assertEquals(backup.status, "succeeded", JSON.stringify(backup.error));
        const id = backup.result!.backupId as string;
        const inPlace = `/api/backup-repositories/rr-local/backups/${id}/restore-in-place`;

        await writeMarker(data, disk, "KVMMRRTWO", 600);

        // The VM to restore over is named by the caller and must be the backup's own.
        const other = await t.call("POST", inPlace, { vm: "not-this-one" });
        assertEquals([other.status, other.body.code], [409, "BACKUP_OF_OTHER_VM"]);
        assertEquals((await t.call("POST", inPlace, {})).status, 400);

        // A protected VM is refused before any job starts.
        const on = await t.call("PUT", `/api/vms/${src}/protection`, { protected: true });
        assertEquals(on.status, 200, JSON.stringify(on.body));
        const guarded = await t.call("POST", inPlace, { vm: src });
        assertEquals([guarded.status, guarded.body.code], [409, "VM_PROTECTED"]);
        assert(/protected/.test(guarded.body.message), guarded.body.message);
        await t.call("PUT", `/api/vms/${src}/protection`, { protected: false });
        // A VM with a snapshot: the snapshot would not survive new disk files.
        await virsh("snapshot-create-as", src, `${PREFIX}snap`);
        const snapped = await t.call("POST", inPlace, { vm: src });
        assertEquals([snapped.status, snapped.body.code], [409, "INVALID_STATE"]);
        assert(/has snapshots/.test(snapped.body.message), snapped.body.message);
        await virsh("snapshot-delete", src, `${PREFIX}snap`);

        // Cancelled while the disk's data is being written: the disk is as it was, no temp left.
        const before = await sha256OfFile(disk);
        const started = await t.call("POST", inPlace, { vm: src });
        assertEquals(started.status, 202, JSON.stringify(started.body));
        const temps = async () => {
          const out: string[] = [];
          for await (const e of Deno.readDir(dir)) {
            if (e.name.startsWith(".kvmm-restore-")) out.push(e.name);
          }
          return out;
        };
        for (let i = 0; i < 1000 && !(await temps()).length; i++) {
          await new Promise((r) => setTimeout(r, 10));
        }
        assert((await temps()).length > 0, "the restore writes a temp file beside the disk");
        const stop = await t.call("POST", `/api/tasks/${started.body.taskId}/cancel`);
        assertEquals(stop.status, 200, JSON.stringify(stop.body));
        const cancelled = await t.ctx.features.get(resticFeature).waitFor(started.body.id);
        assertEquals(cancelled.status, "cancelled", JSON.stringify(cancelled));
        assertEquals(
          (await sha256OfFile(disk)).hex,
          before.hex,
          "a cancel leaves the disk as it was",
        );
        assertEquals(await temps(), [], "no temp file is left");

        // The restore over the VM, with its definition: the first marker, not the second.
        const done = await job(t, inPlace, { vm: src, definition: true });
        assertEquals(done.status, "succeeded", JSON.stringify(done.error));
        assertEquals(done.result, { id: guest.uuid, name: src, disks: ["vda"], definition: true });
        assertEquals((await virsh("domuuid", src)).trim(), guest.uuid, "the same VM");
        const info = JSON.parse(await run("qemu-img", "info", "--output=json", disk));
        assertEquals(info.format, "qcow2", "the volume keeps its format");
        assert((await readAt(data, disk, "qcow2", 10)).startsWith("KVMMRRONE"), "first marker");
        assert(!(await readAt(data, disk, "qcow2", 600)).startsWith("KVMMRRTWO"), "not the second");
        assertEquals(await temps(), []);

        // It boots and reads the marker; while it runs, a restore over it is refused.
        await virsh("start", src);
        await waitForGuestReady(src);
        const running = await t.call("POST", inPlace, { vm: src });
        assertEquals([running.status, running.body.code], [409, "INVALID_STATE"]);
        assert(/running: shut it off/.test(running.body.message), running.body.message);
        await guestRun(
          src,
          `dd if=/dev/vda bs=${BLOCK} skip=10 count=1 2>/dev/null | grep -q KVMMRRONE`,
        );
        await virsh("destroy", src);

        // Onto the second libvirtd: a new VM defined there, its disk in the pool there.
        await virshOn(
          second,
          "pool-create-as",
          FAR_POOL,
          "dir",
          "--target",
          `/var/lib/libvirt/images/${PREFIX}pool`,
          "--build",
        );
        await virshOn(
          second,
          "pool-create-as",
          FAR_ASSETS,
          "dir",
          "--target",
          "/var/lib/libvirt/images/kvmm-test-assets",
        );
        const host = t.ctx.hosts.add({ name: "rr-second", uri: second });
        for (let i = 0; i < 100 && !t.ctx.hosts.status(host.id).connected; i++) {
          await new Promise((r) => setTimeout(r, 100));
        }
        assert(t.ctx.hosts.status(host.id).connected, "the second host connects");
        const far = PREFIX + "far";
        const moved = await job(t, `/api/backup-repositories/rr-local/backups/${id}/restore`, {
          name: far,
          pool: FAR_POOL,
          host: host.id,
        });
        assertEquals(moved.status, "succeeded", JSON.stringify(moved.error));
        assertEquals([moved.result!.name, moved.result!.host], [far, host.id]);
        assertEquals((await virshOn(second, "domstate", far)).trim(), "shut off");
        assert((await virsh("list", "--all", "--name")).split("\n").every((n) => n.trim() !== far));
        const farDisk = `${SECOND_IMAGES}/${PREFIX}pool/${far}.raw`;
        assert((await readAt(data, farDisk, "raw", 10)).startsWith("KVMMRRONE"), "marker there");
        const xml = await virshOn(second, "dumpxml", far);
        assert(xml.includes(`/var/lib/libvirt/images/${PREFIX}pool/${far}.raw`), xml);
        assert(!xml.includes(guest.uuid), "a new UUID");
        const unknown = await t.call(
          "POST",
          `/api/backup-repositories/rr-local/backups/${id}/restore`,
          { name: PREFIX + "nowhere", pool: FAR_POOL, host: "no-such-host" },
        );
        assertEquals([unknown.status, unknown.body.code], [404, "HOST_NOT_FOUND"]);
        await t.ctx.hosts.remove(host.id);
      });
    } finally {
      await cleanup(second);
      await Deno.remove(data, { recursive: true }).catch(() => {});
      if (Deno.env.get("KVMM_KEEP_SECOND_LIBVIRTD") !== "1") await stopSecondLibvirtd();
    }
  },
});
