// /api/pools on libvirt's test driver: pools and volumes through the routes, and every kind
// of bad input refused with a 400 before anything changes.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { PoolInfo, VolumeInfo } from "../../shared/storage.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

const ROOT = "/var/lib/libvirt";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

async function poolNames(req: TestApp["req"]): Promise<string[]> {
  return (await json<PoolInfo[]>(await req("GET", "/api/pools"), 200)).map((p) => p.name);
}

Deno.test("pools API - create, autostart, stop, start, delete with contents", async () => {
  await withTestApp(async ({ req, events }) => {
    const pool = await json<PoolInfo>(
      await req("POST", "/api/pools", { name: "p1", type: "dir", path: `${ROOT}/kvmm-p1` }),
      201,
    );
    assertEquals([pool.type, pool.active, pool.path], ["dir", true, `${ROOT}/kvmm-p1`]);
    assert(events.some((e) => e.type === "storage-changed" && e.pool === "p1"));
    const auto = await json<PoolInfo>(
      await req("PATCH", "/api/pools/p1", { autostart: true }),
      200,
    );
    assert(auto.autostart);
    assertEquals(
      (await json<PoolInfo>(await req("POST", "/api/pools/p1/stop"), 200)).active,
      false,
    );
    assertEquals(
      (await json<PoolInfo>(await req("POST", "/api/pools/p1/start"), 200)).active,
      true,
    );
    await json(
      await req("POST", "/api/pools/p1/volumes", { name: "a.qcow2", format: "qcow2", sizeGb: 1 }),
      201,
    );
    const refused = await json<ApiError>(
      await req("DELETE", "/api/pools/p1", { deleteContents: true }),
      400,
    );
    assertEquals(refused.code, "CONFIRMATION_REQUIRED");
    assert((await poolNames(req)).includes("p1"));
    const done = await json<{ deletedVolumes: string[] }>(
      await req("DELETE", "/api/pools/p1", { deleteContents: true, confirm: "p1" }),
      200,
    );
    assertEquals(done.deletedVolumes, ["a.qcow2"]);
    assert(!(await poolNames(req)).includes("p1"));
  });
});

Deno.test("pools API - bad pool requests are 400 and define nothing", async () => {
  await withTestApp(async ({ req }) => {
    const before = await poolNames(req);
    const cases: [unknown, RegExp][] = [
      [{ name: "x", type: "dir", path: `${ROOT}/../../etc/x` }, /without "\." or "\.\."/],
      [{ name: "x", type: "dir", path: "/etc/kvmm" }, /outside the allowed storage roots/],
      [{ name: "x", type: "dir", path: ROOT }, /outside the allowed storage roots/],
      [{ name: "x", type: "dir", path: "relative/dir" }, /absolute path/],
      [{ name: "../x", type: "dir", path: `${ROOT}/x` }, /Invalid pool name/],
      [{ name: "x", type: "zfs", path: `${ROOT}/x` }, /Invalid pool type "zfs"/],
      [
        { name: "x", type: "netfs", path: `${ROOT}/x`, sourceHost: "nas;rm", sourcePath: "/e" },
        /Invalid source host/,
      ],
      [
        { name: "x", type: "netfs", path: `${ROOT}/x`, sourceHost: "nas", sourcePath: "e" },
        /Invalid NFS export/,
      ],
      [
        { name: "x", type: "iscsi", sourceHost: "san", sourceDevices: ["nope"] },
        /Invalid iSCSI target/,
      ],
      [
        { name: "x", type: "fs", path: `${ROOT}/x`, sourceDevices: ["/etc/passwd"] },
        /Invalid device/,
      ],
      [{ name: "x", type: "dir", path: `${ROOT}/x`, extra: 1 }, /Unknown field "extra"/],
    ];
    for (const [body, message] of cases) {
      const err = await json<ApiError>(await req("POST", "/api/pools", body), 400);
      assertMatch(err.message, message);
    }
    const taken = await json<ApiError>(
      await req("POST", "/api/pools", { name: "default", type: "dir", path: `${ROOT}/y` }),
      409,
    );
    assertMatch(taken.message, /already exists: default/);
    assertEquals(await poolNames(req), before);
  });
});

Deno.test("pools API - a symlink inside a root that leads outside it is refused", async () => {
  const root = await Deno.makeTempDir({ prefix: "kvmm-root-" });
  const outside = await Deno.makeTempDir({ prefix: "kvmm-outside-" });
  try {
    await Deno.symlink(outside, `${root}/escape`);
    const { checkTargetPath } = await import("../../lib/storage/pool_input.ts");
    assertEquals(await checkTargetPath(`${root}/inside/new`, [root]), `${root}/inside/new`);
    let message = "";
    try {
      await checkTargetPath(`${root}/escape/pool`, [root]);
    } catch (err) {
      message = (err as Error).message;
    }
    assertMatch(message, /through a symbolic link, outside the allowed storage roots/);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("volumes API - create, clone, delete; bad names and sizes are 400", async () => {
  await withTestApp(async ({ req }) => {
    const vol = await json<VolumeInfo>(
      await req("POST", "/api/pools/default/volumes", {
        name: "new.raw",
        format: "raw",
        sizeGb: 0.5,
      }),
      201,
    );
    assertEquals([vol.format, vol.capacityBytes], ["raw", 512 * 1024 ** 2]);
    const copy = await json<VolumeInfo>(
      await req("POST", "/api/pools/default/volumes/new.raw/clone", { name: "copy.raw" }),
      201,
    );
    assertEquals(copy.capacityBytes, vol.capacityBytes);
    const list = async () =>
      (await json<VolumeInfo[]>(await req("GET", "/api/pools/default/volumes"), 200))
        .map((v) => v.name);
    assertEquals(await list(), ["copy.raw", "db.qcow2", "new.raw", "web.qcow2"]);
    const dup = await json<ApiError>(
      await req("POST", "/api/pools/default/volumes", { name: "copy.raw", sizeGb: 1 }),
      409,
    );
    assertMatch(dup.message, /already exists/);
    for (const name of ["../x", "a/b", "-x", ".hidden", "a..b", "", "x y"]) {
      const err = await json<ApiError>(
        await req("POST", "/api/pools/default/volumes", { name, sizeGb: 1 }),
        400,
      );
      assertMatch(err.message, /Invalid volume name/);
    }
    for (const sizeGb of [0, -1, "1", 1e9]) {
      const err = await json<ApiError>(
        await req("POST", "/api/pools/default/volumes", { name: "s", sizeGb }),
        400,
      );
      assertMatch(err.message, /Invalid size/);
    }
    const bad = await json<ApiError>(
      await req("POST", "/api/pools/default/volumes", { name: "f", format: "vmdk", sizeGb: 1 }),
      400,
    );
    assertMatch(bad.message, /must be qcow2 or raw/);
    const shrink = await json<ApiError>(
      await req("POST", "/api/pools/default/volumes/new.raw/resize", { sizeGb: 0.25 }),
      400,
    );
    assertMatch(shrink.message, /can only grow/);
    const up = await json<ApiError>(
      await req("PUT", "/api/pools/default/volumes/..%2Fetc/content", "x"),
      400,
    );
    assertMatch(up.message, /Invalid volume name/);
    assertEquals((await req("DELETE", "/api/pools/default/volumes/copy.raw")).status, 204);
    assertEquals(await list(), ["db.qcow2", "new.raw", "web.qcow2"]);
    const inUse = await json<ApiError & { usedBy: Record<string, string[]> }>(
      await req("DELETE", "/api/pools/default/volumes/web.qcow2"),
      409,
    );
    assertMatch(inUse.message, /is used by VM web: remove the disk from the VM first/);
    const keep = await json<ApiError>(
      await req("DELETE", "/api/pools/default", { deleteContents: true, confirm: "default" }),
      409,
    );
    assertEquals(keep.code, "VOLUME_IN_USE");
    assert((await list()).includes("web.qcow2"));
    const gone = await json<ApiError>(await req("DELETE", "/api/pools/default/volumes/nope"), 404);
    assertEquals(gone.code, "VOLUME_NOT_FOUND");
    const noPool = await json<ApiError>(await req("GET", "/api/pools/nope/volumes"), 404);
    assertEquals(noPool.code, "POOL_NOT_FOUND");
  });
});

Deno.test("volumes and networks API - a refused field is named in the answer, as the forms read it", async () => {
  await withTestApp(async ({ req }) => {
    const volume = await json<ApiError & { field?: string }>(
      await req("POST", "/api/pools/default/volumes", { name: "a/b", sizeGb: 1 }),
      400,
    );
    assertEquals([volume.code, volume.field], ["INVALID_NAME", "name"]);
    const size = await json<ApiError & { field?: string }>(
      await req("POST", "/api/pools/default/volumes", { name: "ok", sizeGb: 0 }),
      400,
    );
    assertEquals([size.code, size.field], ["INVALID_SIZE", "sizeGb"]);
    const unknown = await json<ApiError & { field?: string }>(
      await req("POST", "/api/networks", { name: "n1", mode: "nat", colour: "red" }),
      400,
    );
    assertEquals([unknown.code, unknown.field], ["INVALID_NETWORK", "colour"]);
    // A body with no field named has no `field`.
    const autostart = await json<ApiError & { field?: string }>(
      await req("PATCH", "/api/pools/default", { autostart: "yes" }),
      400,
    );
    assertEquals([autostart.code, autostart.field], ["BAD_REQUEST", undefined]);
  });
});
