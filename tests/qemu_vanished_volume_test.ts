// Real-libvirtd tests of storage when files vanish behind libvirt's back (issue 57): libvirt keeps
// listing a removed file until its pool is refreshed and answers VIR_ERR_NO_STORAGE_VOL for its
// facts (9.0 and 11.3 alike). That must never become the error of another step: the list, a
// delete of another volume (which looks for linked clones in every active pool), a clone, and a
// stopped VM's disk move, OVA export, local and restic backups, restores and delete with disks.
// The pool's page names what vanished until the pool is refreshed. Also when a whole pool's folder
// goes. No guest boots here. Fails (never skips) without libvirtd on qemu:///system.

import { assert, assertEquals } from "./support/assert.ts";
import { type RealApp, removePool, virsh, virshOrNull, withRealApp } from "./support/real_app.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  ensureAssetsPool,
  testGuestXml,
} from "./support/guest.ts";
import type { ResticJob } from "../shared/restic.ts";
import { resticFeature } from "../lib/restic/feature.ts";

const PREFIX = "kvmm-test-vanish-";
const IMAGES = "/var/lib/libvirt/images";

async function makeVolumes(t: RealApp, pool: string, names: string[]): Promise<void> {
  for (const name of names) {
    const res = await t.call("POST", `/api/pools/${pool}/volumes`, {
      name,
      format: "qcow2",
      sizeGb: 1,
    });
    assertEquals(res.status, 201, JSON.stringify(res.body));
  }
}

async function volumeNames(t: RealApp, pool: string): Promise<string[]> {
  const res = await t.call("GET", `/api/pools/${pool}/volumes`);
  assertEquals(res.status, 200, JSON.stringify(res.body));
  return (res.body as { name: string }[]).map((v) => v.name);
}

async function vanished(t: RealApp, pool: string): Promise<string[]> {
  const res = await t.call("GET", `/api/pools/${pool}`);
  assertEquals(res.status, 200, JSON.stringify(res.body));
  return res.body.vanishedVolumes;
}

/**
 * Fresh pools of this test's own (`count`, folder pools under one new folder); they, the folder
 * and every VM named with PREFIX go afterwards.
 */
async function withPools(
  fn: (t: RealApp, root: string, pools: string[]) => Promise<void>,
  { count = 2, dataDir }: { count?: number; dataDir?: string } = {},
) {
  await assertLibvirtReachable();
  const pools = [...Array(count).keys()].map((i) => `${PREFIX}${Deno.pid}-${"abcd"[i]}`);
  for (const pool of pools) await removePool(pool);
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: PREFIX });
  try {
    await withRealApp({ storageRoots: [root], dataDir }, async (t) => {
      for (const pool of pools) {
        const res = await t.call("POST", "/api/pools", {
          name: pool,
          type: "dir",
          path: `${root}/${pool}`,
        });
        assertEquals(res.status, 201, JSON.stringify(res.body));
      }
      await fn(t, root, pools);
    });
  } finally {
    await cleanupGuestsNamed(PREFIX);
    for (const pool of pools) await removePool(pool);
    await Deno.remove(root, { recursive: true }).catch(() => {});
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function taskEnd(t: RealApp, id: number): Promise<{ status: string; error?: unknown }> {
  for (let i = 0; i < 600; i++) {
    const task = (await t.call("GET", `/api/tasks/${id}`)).body;
    if (task.status !== "running") return task;
    await sleep(200);
  }
  throw new Error(`task ${id} still running after 120 s`);
}

async function resticJob(t: RealApp, path: string, body: unknown): Promise<ResticJob> {
  const res = await t.call("POST", path, body);
  assertEquals(res.status, 202, JSON.stringify(res.body));
  const done = await t.ctx.features.get(resticFeature).waitFor(res.body.id);
  assertEquals(done.status, "succeeded", JSON.stringify(done.error));
  return done;
}

Deno.test("vanished volume - a file removed by hand breaks no other step of its pool, and the page names it until a refresh", async () => {
  await withPools(async (t, root, [pool, other]) => {
    await makeVolumes(t, pool, ["keep.qcow2", "gone.qcow2", "delete-me.qcow2"]);
    await makeVolumes(t, other, ["elsewhere.qcow2"]);
    await Deno.remove(`${root}/${pool}/gone.qcow2`);
    // libvirt itself still lists it: the case this is about.
    const listed = (await virsh("vol-list", pool)).includes("gone.qcow2");
    assertEquals(listed, true, "libvirt lists the removed file until a refresh");

    assertEquals(await volumeNames(t, pool), ["delete-me.qcow2", "keep.qcow2"]);
    assertEquals(await vanished(t, pool), ["gone.qcow2"]);
    assertEquals(await vanished(t, other), []);

    // A delete looks for linked clones of the volume in every active pool: this one included.
    const del = await t.call("DELETE", `/api/pools/${pool}/volumes/delete-me.qcow2`);
    assertEquals(del.status, 204, JSON.stringify(del.body));
    const delOther = await t.call("DELETE", `/api/pools/${other}/volumes/elsewhere.qcow2`);
    assertEquals(delOther.status, 204, JSON.stringify(delOther.body));
    const clone = await t.call("POST", `/api/pools/${pool}/volumes/keep.qcow2/clone`, {
      name: "copy.qcow2",
    });
    assertEquals(clone.status, 201, JSON.stringify(clone.body));
    assertEquals(await volumeNames(t, pool), ["copy.qcow2", "keep.qcow2"]);

    // The user's step: Refresh makes libvirt forget the file, and the warning goes.
    const refresh = await t.call("POST", `/api/pools/${pool}/refresh`);
    assertEquals(refresh.status, 200, JSON.stringify(refresh.body));
    assertEquals(await vanished(t, pool), []);
    assertEquals(await volumeNames(t, pool), ["copy.qcow2", "keep.qcow2"]);
  });
});

Deno.test("vanished volume - a pool whose whole folder was removed breaks no step of another pool", async () => {
  await withPools(async (t, root, [pool, other]) => {
    await makeVolumes(t, pool, ["a.qcow2", "b.qcow2"]);
    await makeVolumes(t, other, ["x.qcow2", "y.qcow2"]);
    await Deno.remove(`${root}/${other}`, { recursive: true });

    assertEquals(await volumeNames(t, other), []);
    assertEquals(await vanished(t, other), ["x.qcow2", "y.qcow2"]);
    const del = await t.call("DELETE", `/api/pools/${pool}/volumes/b.qcow2`);
    assertEquals(del.status, 204, JSON.stringify(del.body));
    assertEquals(await volumeNames(t, pool), ["a.qcow2"]);
  });
});

Deno.test({
  name:
    "vanished volume - a stopped VM's disk move, OVA export, backups, restores and delete with disks all work beside vanished files",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const data = await Deno.makeTempDir({ prefix: PREFIX });
    try {
      await withPools(async (t, root, [pool, target, gonePool]) => {
        // A restored definition passes the XML import's check: its kernel must be a pool volume.
        const { kernel, initrd } = await ensureAssetsPool();
        await makeVolumes(t, pool, ["vm.qcow2", "gone.qcow2"]);
        await makeVolumes(t, gonePool, ["x.qcow2"]);
        const vm = `${PREFIX}vm`;
        const xml = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
        await Deno.writeTextFile(
          xml,
          testGuestXml({
            name: vm,
            memoryMb: 128,
            kernel,
            initrd,
            diskPath: `${root}/${pool}/vm.qcow2`,
          }),
        );
        await virsh("define", xml);
        await Deno.remove(xml);
        // What another tool or a hand did: one file of the VM's pool, and a whole pool's folder.
        await Deno.remove(`${root}/${pool}/gone.qcow2`);
        await Deno.remove(`${root}/${gonePool}`, { recursive: true });
        assertEquals(await vanished(t, pool), ["gone.qcow2"]);

        const ova = await t.call("POST", `/api/vms/${vm}/export`, { pool, name: "vm.ova" });
        assertEquals(ova.status, 201, JSON.stringify(ova.body));

        assertEquals((await t.call("PUT", "/api/backups/settings", { pool })).status, 200);
        const started = await t.call("POST", `/api/vms/${vm}/backups`, {});
        assertEquals(started.status, 202, JSON.stringify(started.body));
        const local = await t.ctx.backups.waitFor(started.body.id);
        assertEquals(local.status, "succeeded", JSON.stringify(local));
        const restored = await t.call("POST", `/api/backups/${local.id}/restore`, {
          name: `${PREFIX}local`,
        });
        assertEquals(restored.status, 201, JSON.stringify(restored.body));

        const repo = await t.call("POST", "/api/backup-repositories", {
          name: "vanish-local",
          kind: "local",
          location: `${data}/repo`,
          password: "correct horse battery staple",
        });
        assertEquals(repo.status, 201, JSON.stringify(repo.body));
        const backup = await resticJob(t, `/api/vms/${vm}/backups/restic`, {
          repository: "vanish-local",
        });
        const id = backup.result!.backupId as string;
        await resticJob(t, `/api/backup-repositories/vanish-local/backups/${id}/restore`, {
          name: `${PREFIX}restic`,
          pool,
        });

        const move = await t.call("POST", `/api/vms/${vm}/disks/vda/move`, { pool: target });
        assertEquals(move.status, 202, JSON.stringify(move.body));
        const moved = await taskEnd(t, move.body.taskId);
        assertEquals(moved.status, "succeeded", JSON.stringify(moved));

        const del = await t.call("DELETE", `/api/vms/${vm}`, { deleteDisks: true });
        assert(del.status === 200 || del.status === 204, JSON.stringify(del.body));
        assertEquals(await virshOrNull("domstate", vm), null, "the VM is gone");
        assertEquals(await volumeNames(t, target), [], "its moved disk went with it");
      }, { count: 3, dataDir: data });
    } finally {
      await Deno.remove(data, { recursive: true }).catch(() => {});
    }
  },
});
