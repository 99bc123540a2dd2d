// Downloads across a restart of the server, on real libvirtd and a real loopback web server: a
// plain file half downloaded when the server stops keeps its bytes, and the server started again
// on the same data dir goes on from the last byte with an HTTP range (If-Range), ending with the
// whole file checked against its SHA256SUMS; a .gz, whose unpacker cannot go on from the middle,
// is deleted at the stop; a server killed with SIGKILL mid-download leaves the same, and the next
// start goes on too. Fails (never skips) without libvirtd.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { removePool, T4_PREFIX, virsh } from "./support/real_app.ts";
import { assertLibvirtReachable } from "./support/guest.ts";
import { sha256Hex, sha256sums, startWebFiles } from "./support/web_files.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import type { Server } from "../main.ts";
import type { Task } from "../shared/tasks.ts";
import { startServeProcess } from "./harness/server_process.ts";
import { ApiTokens } from "../lib/auth/tokens.ts";
import { DB_FILE, Store } from "../lib/store.ts";

const IMAGES = "/var/lib/libvirt/images";
const POOL = `${T4_PREFIX}dlrs`;
const MIB = 1024 * 1024;

async function sizeOf(path: string): Promise<number> {
  return await Deno.stat(path).then((s) => s.size, () => -1);
}

async function waitFor(what: string, test: () => Promise<boolean>, ms = 30_000) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${ms / 1000} s`);
}

Deno.test("qemu download restart - a plain file goes on from its last byte after the server restarts; a .gz is deleted", async () => {
  await assertLibvirtReachable();
  await removePool(POOL);
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: `${T4_PREFIX}dlrs-` });
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-dlrs-" });
  await using web = startWebFiles();
  let server: Server | undefined;
  try {
    const image = crypto.getRandomValues(new Uint8Array(64 * 1024));
    const bytes = new Uint8Array(6 * MIB);
    for (let at = 0; at < bytes.length; at += image.length) bytes.set(image, at);
    bytes[12345] = 7; // not periodic at its start
    web.serve("/d/disk.raw", bytes);
    web.pace("/d/disk.raw", 1 * MIB);
    web.serveText("/d/SHA256SUMS", sha256sums({ "disk.raw": bytes }));
    const packed = new Uint8Array(
      await new Response(
        new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip")),
      ).arrayBuffer(),
    );
    web.serve("/d/other.raw.gz", packed);
    web.pace("/d/other.raw.gz", 64 * 1024);

    server = await startRealServer(dataDir);
    await adminCall(server, "POST", "/api/pools", { name: POOL, type: "dir", path: root });
    await adminCall(server, "PUT", "/api/images/settings", {
      allowedSources: ["127.0.0.1"],
      maxDownloadBytes: 1024 * MIB,
    });
    const first = await adminCall<{ taskId: number }>(server, "POST", "/api/images/downloads", {
      url: web.url("/d/disk.raw"),
      pool: POOL,
      checksumUrl: web.url("/d/SHA256SUMS"),
    });
    await adminCall(server, "POST", "/api/images/downloads", {
      url: web.url("/d/other.raw.gz"),
      pool: POOL,
    });
    const path = `${root}/disk.raw`;
    // The volume is made at the file's full size (sparse), then cut to 0 as the bytes start.
    await waitFor("2 MiB arrived", async () => {
      const size = await sizeOf(path);
      return size >= 2 * MIB && size < bytes.length;
    });
    await server.close();
    server = undefined;

    // Stopped: the plain file keeps its bytes (a prefix of the file), the .gz is gone.
    const kept = await sizeOf(path);
    assert(kept >= 2 * MIB && kept < bytes.length, `part of the file is kept (${kept} bytes)`);
    assertEquals(await sizeOf(`${root}/other.raw`), -1, "the .gz download was deleted");
    assertEquals(await Deno.readFile(path), bytes.subarray(0, kept));

    // Started again on the same data dir: it goes on from there with a range request.
    server = await startRealServer(dataDir);
    await waitFor("the whole file", async () => await sizeOf(path) === bytes.length, 60_000);
    const tasks = () => adminCall<Task[]>(server!, "GET", "/api/tasks?limit=20");
    const resumedTask = async () =>
      (await tasks()).find((task) =>
        task.action === "image.download" && task.status !== "running" &&
        task.id !== first.taskId && task.target?.name === "disk.raw"
      );
    await waitFor("the resumed task ends", async () => (await resumedTask()) !== undefined);
    const resumed = (await resumedTask())!;
    assertEquals(resumed.status, "succeeded", JSON.stringify(resumed));
    assertMatch(
      resumed.message ?? "",
      /^Downloaded disk\.raw into .+ \(resumed after the server restarted\)$/,
    );
    const stopped = (await tasks()).find((task) => task.id === first.taskId);
    assertMatch(stopped?.message ?? "", /^The server stopped at byte \d+ of disk\.raw/);
    assertEquals(sha256Hex(await Deno.readFile(path)), sha256Hex(bytes));
    const ranges = web.requests().filter((r) => r.path === "/d/disk.raw" && r.range);
    assert(
      ranges.some((r) => r.range === `bytes=${kept}-`),
      `a range request from byte ${kept}: ${JSON.stringify(ranges)}`,
    );
    assertEquals((await virsh("vol-list", POOL)).includes("other.raw"), false);
  } finally {
    await server?.close();
    await removePool(POOL);
    await Deno.remove(root, { recursive: true }).catch(() => {});
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});

Deno.test("qemu download restart - after kill -9 mid-download, the next start goes on from the last byte", async () => {
  await assertLibvirtReachable();
  await removePool(POOL);
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: `${T4_PREFIX}dlrs-` });
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-dlrs-" });
  await using web = startWebFiles();
  let server: Server | undefined;
  let child: Deno.ChildProcess | undefined;
  try {
    const bytes = new Uint8Array(4 * MIB);
    // getRandomValues fills at most 64 KiB at a time.
    for (let at = 0; at < bytes.length; at += 65536) {
      crypto.getRandomValues(bytes.subarray(at, at + 65536));
    }
    web.serve("/d/disk.raw", bytes);
    web.pace("/d/disk.raw", 1 * MIB);
    let token: string;
    {
      using store = Store.open(`${dataDir}/${DB_FILE}`);
      token = new ApiTokens(store).create({ name: "dlrs", owner: "root", role: "admin" }).secret;
    }
    const served = await startServeProcess({ uri: "qemu:///system", dataDir, timeoutMs: 30_000 });
    child = served.child;
    const port = served.port;
    const call = async (method: string, path: string, body: unknown) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      assert(res.ok, `${method} ${path}: ${res.status} ${text}`);
    };
    await call("POST", "/api/pools", { name: POOL, type: "dir", path: root });
    await call("PUT", "/api/images/settings", {
      allowedSources: ["127.0.0.1"],
      maxDownloadBytes: 1024 * MIB,
    });
    await call("POST", "/api/images/downloads", {
      url: web.url("/d/disk.raw"),
      pool: POOL,
      checksum: `sha256:${sha256Hex(bytes)}`,
    });
    const path = `${root}/disk.raw`;
    // The volume is made at the file's full size (sparse), then cut to 0 as the bytes start.
    await waitFor("1 MiB arrived", async () => {
      const size = await sizeOf(path);
      return size >= 1 * MIB && size < bytes.length;
    });
    child.kill("SIGKILL");
    await child.status;
    child = undefined;
    const kept = await sizeOf(path);
    assert(kept > 0 && kept < bytes.length, `part of the file is kept (${kept} bytes)`);

    server = await startRealServer(dataDir);
    await waitFor("the whole file", async () => await sizeOf(path) === bytes.length, 60_000);
    await waitFor(
      "the resumed task succeeds",
      async () =>
        (await adminCall<Task[]>(server!, "GET", "/api/tasks?limit=20")).some((task) =>
          task.action === "image.download" && task.status === "succeeded" &&
          /resumed after the server restarted/.test(task.message ?? "")
        ),
    );
    assertEquals(sha256Hex(await Deno.readFile(path)), sha256Hex(bytes));
    const ranges = web.requests().filter((r) => r.path === "/d/disk.raw" && r.range);
    assertEquals(ranges.length, 1, JSON.stringify(ranges));
    assertMatch(ranges[0].range ?? "", /^bytes=\d+-$/);
  } finally {
    child?.kill("SIGKILL");
    await child?.status;
    await server?.close();
    await removePool(POOL);
    await Deno.remove(root, { recursive: true }).catch(() => {});
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});

Deno.test("qemu download restart - a partial file swapped for a link to a file outside the pool while the server is down is refused, the outside file untouched", async () => {
  await assertLibvirtReachable();
  await removePool(POOL);
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: `${T4_PREFIX}dlrs-` });
  const outside = await Deno.makeTempDir({ prefix: "kvmm-dlrs-out-" });
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-dlrs-" });
  await using web = startWebFiles();
  let server: Server | undefined;
  try {
    const bytes = new Uint8Array(12 * MIB);
    for (let at = 0; at < bytes.length; at += 65536) {
      crypto.getRandomValues(bytes.subarray(at, at + 65536));
    }
    web.serve("/d/disk.raw", bytes);
    web.pace("/d/disk.raw", 1 * MIB);
    // The file a link will lead to: smaller than the download, so a resume would write into it.
    const secret = new Uint8Array(3 * MIB).fill(0x5a);
    await Deno.writeFile(`${outside}/secret`, secret);

    server = await startRealServer(dataDir);
    await adminCall(server, "POST", "/api/pools", { name: POOL, type: "dir", path: root });
    await adminCall(server, "PUT", "/api/images/settings", {
      allowedSources: ["127.0.0.1"],
      maxDownloadBytes: 1024 * MIB,
    });
    const first = await adminCall<{ taskId: number }>(server, "POST", "/api/images/downloads", {
      url: web.url("/d/disk.raw"),
      pool: POOL,
      checksum: `sha256:${sha256Hex(bytes)}`,
    });
    const path = `${root}/disk.raw`;
    await waitFor("1 MiB arrived", async () => {
      const size = await sizeOf(path);
      return size >= 1 * MIB && size < bytes.length;
    });
    await server.close();
    server = undefined;
    assert(await sizeOf(path) < bytes.length, "the download was cut");

    // While the server is down: the partial file replaced by a link to the file outside.
    await Deno.remove(path);
    await Deno.symlink(`${outside}/secret`, path);

    server = await startRealServer(dataDir);
    const tasks = () => adminCall<Task[]>(server!, "GET", "/api/tasks?limit=20");
    const resumedTask = async () =>
      (await tasks()).find((task) =>
        task.action === "image.download" && task.status !== "running" &&
        task.id !== first.taskId && task.target?.name === "disk.raw"
      );
    await waitFor("the resumed task ends", async () => (await resumedTask()) !== undefined);
    // Give a writer that wrongly went on the time to write.
    await new Promise((r) => setTimeout(r, 2000));
    assertEquals(await sizeOf(`${outside}/secret`), secret.length, "the outside file's size");
    assertEquals(await Deno.readFile(`${outside}/secret`), secret, "the outside file's bytes");
    const resumed = (await resumedTask())!;
    assertEquals(resumed.status, "failed", JSON.stringify(resumed));
    assertMatch(
      resumed.message ?? "",
      /^The download of disk\.raw was cut by a server restart and cannot go on: disk\.raw: .*disk\.raw is a link: only a pool's own files are used; it was deleted$/,
    );
    assertEquals(
      web.requests().filter((r) => r.path === "/d/disk.raw" && r.range),
      [],
      "nothing asked for",
    );
    assertEquals((await virsh("vol-list", POOL)).includes("disk.raw"), false, "the volume is gone");
  } finally {
    await server?.close();
    await removePool(POOL);
    await Deno.remove(root, { recursive: true }).catch(() => {});
    await Deno.remove(outside, { recursive: true }).catch(() => {});
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
