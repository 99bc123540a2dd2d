// Real-libvirtd tests of storage when files vanish behind libvirt's back (issue 57): libvirt keeps
// listing a removed file until its pool is refreshed and answers VIR_ERR_NO_STORAGE_VOL for its
// facts (9.0 and 11.3 alike). That must never become the error of another step: the list, a
// delete of another volume (which looks for linked clones in every active pool), a clone. The
// pool's page names what vanished until the pool is refreshed. Also when a whole pool's folder
// goes. Fails (never skips) without libvirtd on qemu:///system.

import { assertEquals } from "./support/assert.ts";
import { type RealApp, removePool, virsh, withRealApp } from "./support/real_app.ts";
import { assertLibvirtReachable } from "./support/guest.ts";

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

/** Two fresh pools of this test's own under one folder; both and the folder go afterwards. */
async function withPools(fn: (t: RealApp, root: string, pools: string[]) => Promise<void>) {
  await assertLibvirtReachable();
  const pools = [`${PREFIX}${Deno.pid}-a`, `${PREFIX}${Deno.pid}-b`];
  for (const pool of pools) await removePool(pool);
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: PREFIX });
  try {
    await withRealApp({ storageRoots: [root] }, async (t) => {
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
    for (const pool of pools) await removePool(pool);
    await Deno.remove(root, { recursive: true }).catch(() => {});
  }
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
