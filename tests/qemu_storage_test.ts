// Real-libvirtd tests of storage pools and volumes through the HTTP API: after each step
// `virsh` (and qemu-img, and the files themselves) must agree with what the API said.
// Fails (never skips) without libvirtd on qemu:///system.

import { ApiTokens } from "../lib/auth/tokens.ts";
import { startServeProcess } from "./harness/server_process.ts";
import { openStore } from "../lib/store.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  generatedBody,
  imageInfo,
  infoFields,
  listedNames,
  parsed,
  type RealApp,
  removePool,
  run,
  sha256OfFile,
  sha256OfStream,
  T4_PREFIX,
  virsh,
  virshOrNull,
  withRealApp,
} from "./support/real_app.ts";
import { assertLibvirtReachable } from "./support/guest.ts";
import type { Task } from "../shared/tasks.ts";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const IMAGES = "/var/lib/libvirt/images";

async function exists(path: string): Promise<boolean> {
  return await Deno.lstat(path).then(() => true, () => false);
}

/** Removes every kvmm-t4- pool a crashed earlier run left behind. */
async function cleanupT4Pools(): Promise<void> {
  const names = (await virsh("pool-list", "--all", "--name")).split("\n").map((s) => s.trim())
    .filter((s) => s.startsWith(T4_PREFIX));
  for (const name of names) await removePool(name);
}

/**
 * A fresh storage root under /var/lib/libvirt/images (libvirtd sees the same folder as we do);
 * `fn` gets it, and the root, everything in it and the named pools go afterwards.
 */
async function withRoot(pools: string[], fn: (root: string) => Promise<void>): Promise<void> {
  await assertLibvirtReachable();
  await cleanupT4Pools();
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: `${T4_PREFIX}root-` });
  try {
    await fn(root);
  } finally {
    for (const pool of pools) await removePool(pool);
    await Deno.remove(root, { recursive: true }).catch(() => {});
  }
}

async function poolInfo(name: string): Promise<Record<string, string>> {
  return infoFields(await virsh("pool-info", name));
}

async function volNames(pool: string): Promise<string[]> {
  return listedNames(await virsh("vol-list", pool)).sort();
}

/** Capacity in bytes as libvirt's volume XML states it. */
async function volCapacity(pool: string, vol: string): Promise<number> {
  const xml = await virsh("vol-dumpxml", "--pool", pool, vol);
  const m = /<capacity unit='bytes'>(\d+)<\/capacity>/.exec(xml);
  assert(m, `no capacity in ${xml}`);
  return Number(m[1]);
}

/** The pools libvirt knows, active or not. */
async function allPools(): Promise<string[]> {
  return (await virsh("pool-list", "--all", "--name")).split("\n").map((s) => s.trim())
    .filter(Boolean);
}

/** This file's pools (T4_PREFIX*): others on the host come and go without us. */
async function ourPools(): Promise<string[]> {
  return (await allPools()).filter((n) => n.startsWith(T4_PREFIX));
}

/** Writes `data` into an existing file at `offset` without truncating it. */
async function writeAt(path: string, offset: number, data: Uint8Array): Promise<void> {
  using file = await Deno.open(path, { write: true });
  await file.seek(offset, Deno.SeekMode.Start);
  let at = 0;
  while (at < data.length) at += await file.write(data.subarray(at));
}

async function createPool(t: RealApp, name: string, path: string) {
  const res = await t.call("POST", "/api/pools", { name, type: "dir", path });
  assertEquals(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

Deno.test("qemu storage - pool and volume lifecycle through the API, as virsh sees it", async () => {
  const pool = `${T4_PREFIX}pool`;
  await withRoot([pool], async (root) => {
    await withRealApp({ storageRoots: [root] }, async (t) => {
      const path = `${root}/pool`;
      const P = `/api/pools/${pool}`;

      // Create: built (folder made), started, persistent, not autostarted.
      const created = await createPool(t, pool, path);
      assertEquals(
        [created.name, created.type, created.active, created.autostart, created.path],
        [pool, "dir", true, false, path],
      );
      const info = await poolInfo(pool);
      assertEquals([info.State, info.Persistent, info.Autostart], ["running", "yes", "no"]);
      assertEquals(info.UUID, created.uuid);
      const xml = await virsh("pool-dumpxml", pool);
      assertMatch(xml, /<pool type='dir'>/);
      assert(xml.includes(`<path>${path}</path>`), xml);
      assert((await Deno.stat(path)).isDirectory, "the pool's folder was built");
      assert(
        t.events.some((e) => e.type === "storage-changed" && e.pool === pool),
        "create announced storage-changed",
      );
      assertEquals((await t.call("GET", P)).body.path, path);
      assert((await t.call("GET", "/api/pools")).body.some((p: any) => p.name === pool));

      // Autostart on and off.
      let res = await t.call("PATCH", P, { autostart: true });
      assertEquals([res.status, res.body.autostart], [200, true], JSON.stringify(res.body));
      assertEquals((await poolInfo(pool)).Autostart, "yes");
      res = await t.call("PATCH", P, { autostart: false });
      assertEquals([res.status, res.body.autostart], [200, false], JSON.stringify(res.body));
      assertEquals((await poolInfo(pool)).Autostart, "no");

      // Stop and start.
      res = await t.call("POST", `${P}/stop`);
      assertEquals([res.status, res.body.active], [200, false], JSON.stringify(res.body));
      assertEquals((await poolInfo(pool)).State, "inactive");
      res = await t.call("POST", `${P}/start`);
      assertEquals([res.status, res.body.active], [200, true], JSON.stringify(res.body));
      assertEquals((await poolInfo(pool)).State, "running");

      // Refresh: a file put in the folder behind libvirt's back becomes a volume.
      await Deno.writeFile(`${path}/dropped.img`, new Uint8Array(64 * 1024));
      assertEquals(await volNames(pool), [], "libvirt has not looked yet");
      res = await t.call("POST", `${P}/refresh`);
      assertEquals([res.status, res.body.volumeCount], [200, 1], JSON.stringify(res.body));
      assertEquals(await volNames(pool), ["dropped.img"]);

      // Volumes: qcow2 and raw, of the asked capacity and format.
      res = await t.call("POST", `${P}/volumes`, {
        name: "disk.qcow2",
        format: "qcow2",
        sizeGb: 1,
      });
      assertEquals(res.status, 201, JSON.stringify(res.body));
      assertEquals([res.body.name, res.body.format, res.body.capacityBytes], [
        "disk.qcow2",
        "qcow2",
        GIB,
      ]);
      const qcowPath = `${path}/disk.qcow2`;
      assertEquals(res.body.path, qcowPath);
      assertMatch(await virsh("vol-info", "--pool", pool, "disk.qcow2"), /Capacity:\s+1\.00 GiB/);
      assertEquals(await volCapacity(pool, "disk.qcow2"), GIB);
      assertEquals((await imageInfo(qcowPath)).format, "qcow2");
      assertEquals((await imageInfo(qcowPath))["virtual-size"], GIB);

      res = await t.call("POST", `${P}/volumes`, { name: "disk.raw", format: "raw", sizeGb: 0.25 });
      assertEquals(res.status, 201, JSON.stringify(res.body));
      assertEquals([res.body.format, res.body.capacityBytes], ["raw", GIB / 4]);
      const rawPath = `${path}/disk.raw`;
      assertMatch(await virsh("vol-info", "--pool", pool, "disk.raw"), /Capacity:\s+256\.00 MiB/);
      assertEquals(await volCapacity(pool, "disk.raw"), GIB / 4);
      assertEquals((await imageInfo(rawPath)).format, "raw");
      assertEquals((await Deno.stat(rawPath)).size, GIB / 4);
      assertEquals(await volNames(pool), ["disk.qcow2", "disk.raw", "dropped.img"]);

      res = await t.call("POST", `${P}/volumes`, { name: "disk.raw", format: "raw", sizeGb: 1 });
      assertEquals(res.status, 409, "a second volume of the same name");
      assertEquals(await volCapacity(pool, "disk.raw"), GIB / 4);

      // Resize: grow works, shrinking (or staying) is refused and changes nothing.
      res = await t.call("POST", `${P}/volumes/disk.qcow2/resize`, { sizeGb: 2 });
      assertEquals([res.status, res.body.capacityBytes], [200, 2 * GIB], JSON.stringify(res.body));
      assertEquals(await volCapacity(pool, "disk.qcow2"), 2 * GIB);
      assertEquals((await imageInfo(qcowPath))["virtual-size"], 2 * GIB);
      for (const sizeGb of [1, 2]) {
        res = await t.call("POST", `${P}/volumes/disk.qcow2/resize`, { sizeGb });
        assertEquals(res.status, 400, `resize to ${sizeGb} GB: ${JSON.stringify(res.body)}`);
        assertMatch(res.body.message, /can only grow/);
      }
      assertEquals(await volCapacity(pool, "disk.qcow2"), 2 * GIB);
      assertEquals((await imageInfo(qcowPath))["virtual-size"], 2 * GIB);

      // Clone: a raw volume with data in it, and a qcow2 one; the copies hold the same bytes.
      const marks = crypto.getRandomValues(new Uint8Array(4096));
      await writeAt(rawPath, 0, marks);
      await writeAt(rawPath, 100 * MIB + 7, marks);
      await writeAt(rawPath, GIB / 4 - marks.length, marks);
      res = await t.call("POST", `${P}/volumes/disk.raw/clone`, { name: "copy.raw" });
      assertEquals(res.status, 201, JSON.stringify(res.body));
      assertEquals([res.body.name, res.body.format, res.body.capacityBytes], [
        "copy.raw",
        "raw",
        GIB / 4,
      ]);
      assertEquals(await volCapacity(pool, "copy.raw"), GIB / 4);
      assertEquals(await sha256OfFile(`${path}/copy.raw`), await sha256OfFile(rawPath));
      res = await t.call("POST", `${P}/volumes/disk.qcow2/clone`, { name: "copy.qcow2" });
      assertEquals(res.status, 201, JSON.stringify(res.body));
      assertEquals((await imageInfo(`${path}/copy.qcow2`)).format, "qcow2");
      assertEquals((await imageInfo(`${path}/copy.qcow2`))["virtual-size"], 2 * GIB);
      await run("qemu-img", "compare", "-U", qcowPath, `${path}/copy.qcow2`);
      res = await t.call("POST", `${P}/volumes/disk.raw/clone`, { name: "copy.raw" });
      assertEquals(res.status, 409, "a clone onto an existing name");

      // Upload then download: the same bytes both ways, for a size that is not whole MiB.
      const size = 3 * MIB + 12345;
      const gen = generatedBody(size);
      res = await parsed(
        await t.request(`${P}/volumes/upload.img/content`, {
          method: "PUT",
          headers: { "content-length": String(size) },
          body: gen.stream,
        }),
      );
      assertEquals(res.status, 201, JSON.stringify(res.body));
      const sent = await gen.sha256;
      assertEquals([res.body.name, res.body.capacityBytes], ["upload.img", size]);
      assertEquals(await volCapacity(pool, "upload.img"), size);
      assertEquals(await sha256OfFile(`${path}/upload.img`), { hex: sent, bytes: size });
      const down = await t.request(`${P}/volumes/upload.img/content`);
      assertEquals(down.status, 200);
      assertEquals(down.headers.get("content-length"), String(size));
      assertEquals(down.headers.get("content-type"), "application/octet-stream");
      assertMatch(down.headers.get("content-disposition") ?? "", /filename="upload\.img"/);
      assertEquals(await sha256OfStream(down.body!), { hex: sent, bytes: size });

      // The task log's upload lasts as long as its bytes came in: a body sent in four pieces 300 ms
      // apart (issue 58: uploads read "under a second" in the task log).
      let firstPull = 0;
      let lastByte = 0;
      let pieces = 0;
      const slow = new ReadableStream<Uint8Array>({
        async pull(c) {
          if (pieces === 0) firstPull = Date.now();
          if (pieces++ === 4) {
            lastByte = Date.now();
            return c.close();
          }
          await new Promise((r) => setTimeout(r, 300));
          c.enqueue(new Uint8Array(MIB));
        },
      });
      res = await parsed(
        await t.request(`${P}/volumes/slow.img/content`, {
          method: "PUT",
          headers: { "content-length": String(4 * MIB) },
          body: slow,
        }),
      );
      assertEquals(res.status, 201, JSON.stringify(res.body));
      const uploads = ((await t.call("GET", "/api/tasks")).body as Task[])
        .filter((task) => task.action === "volume.upload" && task.target?.name === "slow.img");
      assertEquals(uploads.length, 1, JSON.stringify(uploads));
      const took = uploads[0].endedAt! - uploads[0].startedAt;
      assert(
        took >= lastByte - firstPull,
        `the task took ${took} ms, its bytes ${lastByte - firstPull} ms`,
      );
      await t.call("DELETE", `${P}/volumes/slow.img`);

      // An upload onto an existing volume is refused and leaves it as it was.
      res = await parsed(
        await t.request(`${P}/volumes/upload.img/content`, {
          method: "PUT",
          headers: { "content-length": "4" },
          body: new Uint8Array([1, 2, 3, 4]),
        }),
      );
      assertEquals(res.status, 409, JSON.stringify(res.body));
      assertEquals(await sha256OfFile(`${path}/upload.img`), { hex: sent, bytes: size });

      // Delete one volume.
      res = await t.call("DELETE", `${P}/volumes/copy.raw`);
      assertEquals(res.status, 204, JSON.stringify(res.body));
      assert(!(await volNames(pool)).includes("copy.raw"), "virsh no longer lists copy.raw");
      assert(!(await exists(`${path}/copy.raw`)), "copy.raw's file is gone");
      assertEquals((await t.call("DELETE", `${P}/volumes/copy.raw`)).status, 404);

      // Deleting the contents needs the pool's name repeated; without it nothing happens.
      const before = await volNames(pool);
      for (const body of [{ deleteContents: true }, { deleteContents: true, confirm: "nope" }]) {
        res = await t.call("DELETE", P, body);
        assertEquals(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
        assertMatch(res.body.message, /needs confirmation/);
        assertEquals((await poolInfo(pool)).State, "running");
        assertEquals(await volNames(pool), before);
        assert(await exists(path), "the folder is still there");
      }
      res = await t.call("DELETE", P, { deleteContents: true, confirm: pool });
      assertEquals(res.status, 200, JSON.stringify(res.body));
      assertEquals([...res.body.deletedVolumes].sort(), before);
      assert(!(await exists(path)), "the pool's folder is gone");
      assert(!(await allPools()).includes(pool), "virsh pool-list --all no longer shows it");
      assertEquals(await virshOrNull("pool-info", pool), null);
      assertEquals((await t.call("GET", P)).status, 404);
    });
  });
});

Deno.test("qemu storage - bad names, paths and uploads are refused with 400 and change nothing", async () => {
  const pool = `${T4_PREFIX}badpool`;
  const bad = `${T4_PREFIX}evil`;
  await withRoot([pool, bad], async (root) => {
    await withRealApp({ storageRoots: [root] }, async (t) => {
      const path = `${root}/pool`;
      const P = `/api/pools/${pool}`;
      await createPool(t, pool, path);
      let res = await t.call("POST", `${P}/volumes`, {
        name: "keep.raw",
        format: "raw",
        sizeGb: 0.01,
      });
      assertEquals(res.status, 201, JSON.stringify(res.body));
      const vols = await volNames(pool);
      const files = async () =>
        (await Array.fromAsync(Deno.readDir(root))).map((e) => e.name).sort();
      const rootFiles = await files();

      // Volume names: in JSON (create, clone) and in the URL (upload), each a clear 400.
      for (const name of ["../x", "a/b", "-x", ".hidden"]) {
        const ctx = `name ${JSON.stringify(name)}`;
        res = await t.call("POST", `${P}/volumes`, { name, format: "raw", sizeGb: 0.01 });
        assertEquals(res.status, 400, `create, ${ctx}: ${JSON.stringify(res.body)}`);
        assertEquals(res.body.code, "INVALID_NAME", ctx);
        assertMatch(res.body.message, /^Invalid volume name/, ctx);
        res = await t.call("POST", `${P}/volumes/keep.raw/clone`, { name });
        assertEquals(res.status, 400, `clone, ${ctx}: ${JSON.stringify(res.body)}`);
        assertMatch(res.body.message, /^Invalid volume name/, ctx);
        res = await parsed(
          await t.request(`${P}/volumes/${encodeURIComponent(name)}/content`, {
            method: "PUT",
            headers: { "content-length": "4" },
            body: new Uint8Array([1, 2, 3, 4]),
          }),
        );
        assertEquals(res.status, 400, `upload, ${ctx}: ${JSON.stringify(res.body)}`);
        assertMatch(res.body.message, /^Invalid volume name/, ctx);
        assertEquals(await volNames(pool), vols, ctx);
        assertEquals(await files(), rootFiles, `nothing written beside the pool, ${ctx}`);
      }

      // Pool target folders: traversal, outside the roots, a symlink leading out.
      const outside = `${IMAGES}/${T4_PREFIX}outside-${crypto.randomUUID().slice(0, 8)}`;
      await Deno.symlink("/etc", `${root}/link`);
      const cases: [string, RegExp, string][] = [
        [`${root}/../../etc/${bad}`, /must be an absolute path without "\." or "\.\."/, "/etc"],
        [outside, /is outside the allowed storage roots/, outside],
        [
          `${root}/link/${bad}`,
          /through a symbolic link, outside the allowed storage roots/,
          "/etc",
        ],
        ["relative/dir", /must be an absolute path/, `${root}/relative`],
        [root, /is outside the allowed storage roots/, root],
      ];
      const poolsBefore = await ourPools();
      for (const [target, words, made] of cases) {
        res = await t.call("POST", "/api/pools", { name: bad, type: "dir", path: target });
        assertEquals(res.status, 400, `${target}: ${JSON.stringify(res.body)}`);
        assertEquals([res.body.code, res.body.field], ["INVALID_POOL", "path"], target);
        assertMatch(res.body.message, words, `${target}: ${res.body.message}`);
        assertEquals(await ourPools(), poolsBefore, `no pool defined for ${target}`);
        assert(
          !(await exists(`${made}/${bad}`)) && !(await exists(outside)),
          `no folder, ${target}`,
        );
      }

      // Uploads whose body does not match its Content-Length leave no volume behind.
      for (const [declared, actual] of [[2 * MIB, MIB + 3], [MIB, 2 * MIB]]) {
        const gen = generatedBody(actual);
        res = await parsed(
          await t.request(`${P}/volumes/short.img/content`, {
            method: "PUT",
            headers: { "content-length": String(declared) },
            body: gen.stream,
          }),
        );
        assertEquals(res.status, 400, `${declared} declared, ${actual} sent`);
        assertMatch(res.body.message, /Upload (ended after|is longer than its Content-Length)/);
        await virsh("pool-refresh", pool);
        assertEquals(await volNames(pool), vols, `${declared} declared, ${actual} sent`);
        assert(!(await exists(`${path}/short.img`)), "no file left");
      }
      res = await parsed(
        await t.request(`${P}/volumes/nolength.img/content`, {
          method: "PUT",
          body: generatedBody(1000).stream,
        }),
      );
      assertEquals(res.status, 411, JSON.stringify(res.body));
      assertEquals(await volNames(pool), vols);
    });
  });
});

/** /proc/PID/status's VmHWM (peak resident memory) in bytes. */
async function peakRss(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  assert(m, `no VmHWM in /proc/${pid}/status`);
  return Number(m[1]) * 1024;
}

/** Starts VmHWM afresh from the current RSS (Linux: "5" to clear_refs; we are root). */
async function resetPeakRss(pid: number): Promise<void> {
  await Deno.writeTextFile(`/proc/${pid}/clear_refs`, "5");
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

/**
 * An admin API token made in the data folder's store before the server starts, for a server
 * run as its own process (which opens the same store).
 */
function adminTokenIn(dataDir: string): string {
  using store = openStore(dataDir);
  return new ApiTokens(store).create({ name: "t4-big", owner: "root", role: "admin" }).secret;
}

/** An HTTP/1.1 request head announcing a `declared`-byte body, as the admin `token`. */
function putHead(port: number, path: string, declared: number, token: string): Uint8Array {
  return new TextEncoder().encode(
    `PUT ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n` +
      `Authorization: Bearer ${token}\r\n` +
      `Content-Type: application/octet-stream\r\nContent-Length: ${declared}\r\n\r\n`,
  );
}

async function writeAll(conn: Deno.Conn, data: Uint8Array): Promise<void> {
  for (let at = 0; at < data.length;) at += await conn.write(data.subarray(at));
}

/**
 * PUT of a streamed body with an explicit Content-Length, written on a plain socket: Deno's
 * fetch drops Content-Length from stream bodies and sends them chunked (browsers' XHR does not).
 */
async function streamedPut(
  port: number,
  path: string,
  length: number,
  body: ReadableStream<Uint8Array>,
  token: string,
): Promise<{ status: number; body: any }> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  let text;
  try {
    await writeAll(conn, putHead(port, path, length, token));
    for await (const chunk of body) await writeAll(conn, chunk);
    // Connection: close, so the answer ends where the socket does (reading closes it).
    text = await new Response(conn.readable).text();
  } catch (err) {
    try {
      conn.close();
    } catch {
      // Already closed.
    }
    throw err;
  }
  const m = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n[\s\S]*?\r\n\r\n([\s\S]*)$/.exec(text);
  assert(m, `not an HTTP answer: ${text.slice(0, 200)}`);
  let json;
  try {
    json = JSON.parse(m[2]);
  } catch {
    json = m[2];
  }
  return { status: Number(m[1]), body: json };
}

/** Sends a request head announcing `declared` bytes, then `sent` bytes, then hangs up. */
async function truncatedUpload(
  port: number,
  path: string,
  declared: number,
  sent: number,
  token: string,
) {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await writeAll(conn, putHead(port, path, declared, token));
    const piece = new Uint8Array(64 * 1024).fill(0x5a);
    for (let at = 0; at < sent; at += piece.length) {
      await writeAll(conn, piece.subarray(0, Math.min(piece.length, sent - at)));
    }
  } finally {
    conn.close();
  }
}

/** Reads `url` at about `bytesPerSecond` (a browser on a slow link) until `limit` bytes, then hangs up. */
async function slowRead(
  url: string,
  headers: HeadersInit,
  bytesPerSecond: number,
  limit: number,
): Promise<number> {
  const res = await fetch(url, { headers });
  assertEquals(res.status, 200);
  const reader = res.body!.getReader();
  const started = performance.now();
  let got = 0;
  try {
    while (got < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      got += value.length;
      const ahead = got / bytesPerSecond * 1000 - (performance.now() - started);
      if (ahead > 0) await new Promise((r) => setTimeout(r, ahead));
    }
  } finally {
    await reader.cancel();
  }
  return got;
}

// The server runs as `deno run --v8-flags=--max-old-space-size=48 main.ts serve`, so the file is
// 20 times its heap limit. Measured on this machine: VmHWM is ~115 MiB after start and ~250-300
// MiB after uploading 64 MiB … 8 GiB alike (1 MiB chunks that the garbage collector frees in its
// own time), so a 256 MiB file cannot show streaming; 1 GiB can, against half of it.
const BIG = GIB + 4321;
const RSS_BOUND = 512 * MIB;

Deno.test("qemu storage - the real server streams a 1 GiB upload and download in a 48 MiB heap", async () => {
  const pool = `${T4_PREFIX}bigpool`;
  await withRoot([pool], async (root) => {
    const dataDir = `${root}/data`;
    await Deno.mkdir(dataDir);
    const token = adminTokenIn(dataDir);
    const auth = { authorization: `Bearer ${token}` };
    const served = await startServeProcess({
      uri: "qemu:///system",
      dataDir,
      flags: ["--storage-root", root],
      v8Flags: "--max-old-space-size=48",
    });
    const { port, url: base, child: server } = served;
    let exited = false;
    const status = server.status.finally(() => exited = true);
    try {
      // Up when the API answers; it must have connected to libvirtd.
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (exited) throw new Error(`server exited early: ${await served.stderr}`);
        const res = await fetch(`${base}/api/pools`, { headers: auth }).catch(() => null);
        if (res?.status === 200) {
          await res.body?.cancel();
          break;
        }
        await res?.body?.cancel();
        if (Date.now() > deadline) throw new Error("server did not answer in 60 s");
        await new Promise((r) => setTimeout(r, 200));
      }
      const call = async (method: string, path: string, body?: unknown) =>
        await parsed(
          await fetch(base + path, {
            method,
            headers: body === undefined ? auth : { "content-type": "application/json", ...auth },
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
        );
      let res = await call("POST", "/api/pools", { name: pool, type: "dir", path: `${root}/pool` });
      assertEquals(res.status, 201, JSON.stringify(res.body));
      const url = `${base}/api/pools/${pool}/volumes/big.img/content`;
      const startPeak = await peakRss(server.pid);

      // Upload, generated on the fly.
      const gen = generatedBody(BIG, 0x9e3779b9);
      res = await streamedPut(
        port,
        `/api/pools/${pool}/volumes/big.img/content`,
        BIG,
        gen.stream,
        token,
      );
      assertEquals(res.status, 201, JSON.stringify(res.body));
      const sent = await gen.sha256;
      assertEquals(res.body.capacityBytes, BIG);
      assertEquals(await volCapacity(pool, "big.img"), BIG);
      assertEquals(await sha256OfFile(`${root}/pool/big.img`), { hex: sent, bytes: BIG });
      const uploadPeak = await peakRss(server.pid);

      // Download as fast as we can hash it: the same bytes.
      await resetPeakRss(server.pid);
      const down = await fetch(url, { headers: auth });
      assertEquals(down.status, 200);
      assertEquals(down.headers.get("content-length"), String(BIG));
      assertEquals(await sha256OfStream(down.body!), { hex: sent, bytes: BIG });
      const downloadPeak = await peakRss(server.pid);

      // Download by a slow reader (64 MiB/s for 3 s), who then hangs up.
      await resetPeakRss(server.pid);
      const got = await slowRead(url, auth, 64 * MIB, 192 * MIB);
      assert(got >= 192 * MIB, `read ${got} bytes`);
      await new Promise((r) => setTimeout(r, 500));
      const slowPeak = await peakRss(server.pid);

      console.log(
        `server peak RSS (48 MiB heap, ${mib(BIG)} file): ${mib(startPeak)} after start, ` +
          `${mib(uploadPeak)} after the upload, ${mib(downloadPeak)} during a full-speed ` +
          `download, ${mib(slowPeak)} during a 64 MiB/s download`,
      );

      // A client that hangs up mid-upload leaves no volume behind.
      await truncatedUpload(
        port,
        `/api/pools/${pool}/volumes/cut.img/content`,
        8 * MIB,
        3 * MIB,
        token,
      );
      // The server may still be making the volume when the client is gone: wait for the
      // upload's task to end before looking at the pool.
      const ended = Date.now() + 15_000;
      for (;;) {
        const tasks = (await call("GET", "/api/tasks")).body as {
          action: string;
          target: { name: string } | null;
          status: string;
        }[];
        const upload = tasks.find((task) =>
          task.action === "volume.upload" && task.target?.name === "cut.img"
        );
        if (upload && upload.status !== "running") break;
        if (Date.now() > ended) throw new Error(`the cut upload's task: ${JSON.stringify(upload)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const gone = Date.now() + 15_000;
      for (;;) {
        // Refused while libvirt still finishes the aborted upload's job: try again.
        await virshOrNull("pool-refresh", pool);
        const vols = await volNames(pool);
        if (!vols.includes("cut.img")) break;
        if (Date.now() > gone) throw new Error(`cut.img still there: ${vols}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      assertEquals(await volNames(pool), ["big.img"]);
      assert(!(await exists(`${root}/pool/cut.img`)), "no file left");
      // The server is still fine after both hang-ups.
      assertEquals((await call("GET", `/api/pools/${pool}/volumes`)).body.length, 1);
      res = await call("DELETE", `/api/pools/${pool}`, { deleteContents: true, confirm: pool });
      assertEquals(res.status, 200, JSON.stringify(res.body));
      assertEquals(res.body.deletedVolumes, ["big.img"]);

      const peaks: [string, number][] = [
        ["upload", uploadPeak],
        ["full-speed download", downloadPeak],
        ["64 MiB/s download", slowPeak],
      ];
      const over = peaks.filter(([, peak]) => peak >= RSS_BOUND).map(([what, peak]) =>
        `${what} ${mib(peak)}`
      );
      assert(
        over.length === 0,
        `server peak RSS above ${mib(RSS_BOUND)} for a ${mib(BIG)} file: ${over.join(", ")} ` +
          `(a download buffers whatever libvirt delivers faster than the client reads)`,
      );
    } finally {
      if (!exited) server.kill("SIGTERM");
      const timer = setTimeout(() => !exited && server.kill("SIGKILL"), 10_000);
      await status;
      clearTimeout(timer);
      const err = await served.stderr;
      if (err.trim()) console.log(`server stderr:\n${err}`);
    }
  });
});
