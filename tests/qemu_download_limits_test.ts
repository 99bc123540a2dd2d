// The limits of downloads from a URL into a pool, on real libvirtd (qemu:///system) from a loopback
// server the tests script (tests/support/fault_server.ts) and allow explicitly: the size cap (a
// Content-Length past it, a body with no length running past it, a .gz and an .xz unpacking past
// it), the idle timeout (a body that goes quiet is resumed with a range, and fails when it stays
// quiet), the headers deadline (at the start and on a resume), the inspection of what arrived (a
// qcow2 declaring more than a volume may have), and a cancel of a quiet download. Each ends as the
// API words it and leaves no volume in kvmm-test-pool. Fails (never skips) without libvirtd.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { assert, assertEquals } from "./support/assert.ts";
import {
  imageInfo,
  listedNames,
  type RealApp,
  run,
  sha256OfFile,
  URI,
  virsh,
  withRealApp,
} from "./support/real_app.ts";
import { assertLibvirtReachable, ensurePool, TEST_POOL, within } from "./support/guest.ts";
import { type FaultServer, type Plan, startFaultServer } from "./support/fault_server.ts";
import { sha256Hex } from "./support/web_files.ts";
import { LibvirtClient } from "../ffi/libvirt/client.ts";
import { AppError } from "../lib/errors.ts";
import { DownloadService } from "../lib/images/downloads.ts";
import { withTask } from "../lib/tasks/current.ts";
import { MAX_VOLUME_BYTES } from "../lib/storage/disk_sources.ts";
import type { Task } from "../shared/tasks.ts";

const IMAGES = "/var/lib/libvirt/images";
/** Every volume these tests make in kvmm-test-pool starts with this. */
const PREFIX = "kvmm-test-dl-limits-";
const MIB = 1024 * 1024;
/** The largest download these tests allow (the setting's least is 1 MiB). */
const CAP = 2 * MIB;
/** The short timings the timing tests inject (the defaults are 60 s, 0.5 s doubling, 30 s). */
/** Long enough that a loaded 2-core machine's pauses do not pass for a quiet server. */
const IDLE_MS = 1000;
const HEADERS_MS = 1000;

/** `size` bytes, no two 4 KiB alike. */
function fileBytes(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096 + seed) % 251;
  return bytes;
}

async function poolDir(): Promise<string> {
  const xml = await virsh("pool-dumpxml", TEST_POOL);
  const path = /<path>([^<]+)<\/path>/.exec(xml)?.[1];
  assert(path, `no path in ${TEST_POOL}'s XML`);
  return path;
}

/** This file's volumes in kvmm-test-pool, as libvirt lists them and as files in its folder. */
async function leftovers(): Promise<string[]> {
  await virsh("pool-refresh", TEST_POOL);
  const names = new Set(listedNames(await virsh("vol-list", TEST_POOL)));
  for await (const entry of Deno.readDir(await poolDir())) names.add(entry.name);
  return [...names].filter((n) => n.startsWith(PREFIX)).sort();
}

async function removeLeftovers(): Promise<void> {
  const dir = await poolDir();
  for (const name of await leftovers()) {
    await virsh("vol-delete", "--pool", TEST_POOL, name).catch(() => {});
    await Deno.remove(`${dir}/${name}`).catch(() => {});
  }
}

/** kvmm-test-pool, the app on qemu:///system allowing the loopback server, a scratch folder. */
async function withLimits(
  fn: (t: RealApp, server: FaultServer, scratch: string) => Promise<void>,
): Promise<void> {
  await assertLibvirtReachable();
  await ensurePool();
  await removeLeftovers(); // a killed run's
  const server = startFaultServer();
  const scratch = await Deno.makeTempDir({ prefix: PREFIX });
  try {
    await withRealApp({ storageRoots: [IMAGES] }, async (t) => {
      await allow(t, CAP);
      await fn(t, server, scratch);
    });
  } finally {
    await server.close();
    await removeLeftovers();
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
}

async function allow(t: RealApp, maxDownloadBytes: number): Promise<void> {
  const put = await t.call("PUT", "/api/images/settings", {
    allowedSources: ["127.0.0.1"],
    maxDownloadBytes,
  });
  assertEquals(put.status, 200, JSON.stringify(put.body));
}

/** The task once it ended (polled through the API). */
async function ended(t: RealApp, id: number): Promise<Task> {
  for (let i = 0; i < 300; i++) {
    const res = await t.call("GET", `/api/tasks/${id}`);
    assertEquals(res.status, 200, JSON.stringify(res.body));
    if (res.body.status !== "running") return res.body as Task;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`task ${id} still running after 30 s`);
}

/** Starts a download through the API; it must be taken (202). */
async function started(t: RealApp, body: Record<string, unknown>): Promise<number> {
  const res = await t.call("POST", "/api/images/downloads", { pool: TEST_POOL, ...body });
  assertEquals(res.status, 202, JSON.stringify(res.body));
  return res.body.taskId;
}

/** Waits up to 5 s for the server to see the client stop reading `path`'s answers. */
async function letGo(server: FaultServer, path: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const answers = server.answers().filter((a) => a.path === path);
    if (answers.length > 0 && answers.every((a) => a.cancelled)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `the connection for ${path} was never let go: ${JSON.stringify(server.answers())}`,
  );
}

Deno.test("download limits - past the cap: a Content-Length is refused before a volume is made, a body with no length fails its task; no volume stays", async () => {
  await withLimits(async (t, server) => {
    const words = `The file is larger than the ${CAP} bytes a download may bring`;
    server.script("/big.raw", { kind: "file", bytes: fileBytes(CAP + 1, 1) });
    const refused = await t.call("POST", "/api/images/downloads", {
      url: server.url("/big.raw"),
      pool: TEST_POOL,
      name: `${PREFIX}announced.raw`,
    });
    assertEquals([refused.status, refused.body.code, refused.body.message], [
      413,
      "FILE_TOO_LARGE",
      words,
    ]);
    const tasks = await t.call("GET", "/api/tasks?limit=5");
    const task = (tasks.body as Task[]).find((x) => x.action === "image.download");
    assertEquals([task?.status, task?.code, task?.message], ["failed", "FILE_TOO_LARGE", words]);
    assertEquals(await leftovers(), []);

    server.script("/endless.raw", { kind: "endless" });
    const id = await started(t, { url: server.url("/endless.raw"), name: `${PREFIX}chunked.raw` });
    const failed = await ended(t, id);
    assertEquals([failed.status, failed.code, failed.message], ["failed", "FILE_TOO_LARGE", words]);
    assertEquals(await leftovers(), []);
    await letGo(server, "/endless.raw");
    const sent = server.answers().find((a) => a.path === "/endless.raw")!.sent;
    assert(sent < CAP + 32 * MIB, `the server sent ${sent} bytes: the body was read on`);
  });
});

Deno.test("download limits - a .gz and an .xz under the cap that unpack past it fail their tasks and leave no volume", async () => {
  await withLimits(async (t, server, scratch) => {
    const plain = `${scratch}/zeros.img`;
    await Deno.writeFile(plain, new Uint8Array(4 * CAP));
    await run("gzip", "-k", "-n", plain);
    await run("xz", "-k", plain);
    for (const ending of ["gz", "xz"]) {
      const packed = await Deno.readFile(`${plain}.${ending}`);
      assert(packed.length < CAP, `the .${ending} itself is under the cap (${packed.length})`);
      const path = `/packed/zeros-${ending}.img.${ending}`;
      server.script(path, { kind: "file", bytes: packed });
      const id = await started(t, { url: server.url(path), name: `${PREFIX}zeros-${ending}.img` });
      const failed = await ended(t, id);
      assertEquals([failed.status, failed.code, failed.message], [
        "failed",
        "FILE_TOO_LARGE",
        `The image is larger than the ${CAP} bytes a download may bring`,
      ], ending);
      assertEquals(await leftovers(), [], ending);
    }
  });
});

Deno.test("download limits - a qcow2 declaring more than a volume may have is downloaded, inspected and refused; one of 1 GiB is kept", async () => {
  await withLimits(async (t, server, scratch) => {
    await allow(t, 64 * MIB);
    await run("qemu-img", "create", "-q", "-f", "qcow2", `${scratch}/huge.qcow2`, "100T");
    await run("qemu-img", "create", "-q", "-f", "qcow2", `${scratch}/small.qcow2`, "1G");
    assert((await imageInfo(`${scratch}/huge.qcow2`))["virtual-size"] > MAX_VOLUME_BYTES);
    server.script("/huge.qcow2", {
      kind: "file",
      bytes: await Deno.readFile(`${scratch}/huge.qcow2`),
    });
    server.script("/small.qcow2", {
      kind: "file",
      bytes: await Deno.readFile(`${scratch}/small.qcow2`),
    });
    const dir = await poolDir();

    const huge = `${PREFIX}huge.qcow2`;
    const refused = await ended(
      t,
      await started(t, { url: server.url("/huge.qcow2"), name: huge }),
    );
    assertEquals([refused.status, refused.code, refused.message], [
      "failed",
      "DISK_SOURCE_REFUSED",
      `Volume ${huge}: ${dir}/${huge} declares 100 TiB, more than the 64 TiB a volume may have`,
    ]);
    assertEquals(await leftovers(), []);

    const small = `${PREFIX}small.qcow2`;
    const kept = await ended(t, await started(t, { url: server.url("/small.qcow2"), name: small }));
    assertEquals(kept.status, "succeeded", kept.message ?? "");
    assertEquals(await leftovers(), [small]);
    assertEquals((await imageInfo(`${dir}/${small}`))["virtual-size"], 1024 * MIB);
  });
});

/**
 * A download service beside the app's, with short timings injected (the app's keeps the real
 * ones), over the app's settings, volumes and task log: its tasks read through the API. A
 * download that outlives 30 s fails the test (a missing timeout must not hang it) and is stopped.
 */
async function withTimedDownloads(
  t: RealApp,
  fn: (start: (body: Record<string, unknown>) => Promise<Task>) => Promise<void>,
): Promise<void> {
  const client = new LibvirtClient({ uri: URI });
  const downloads = new DownloadService({
    client,
    emit: () => {},
    settings: t.ctx.imageSettings,
    volumes: t.ctx.volumes,
    library: t.ctx.imageLibrary,
    remote: { idleMs: IDLE_MS, retryDelayMs: 20, headersTimeoutMs: HEADERS_MS },
  });
  try {
    assert(await client.connect(), `connects to ${URI}`);
    await fn(async (body) => {
      const task = t.ctx.tasks.start({ action: "image.download", user: "admin", hostId: "local" });
      try {
        await within(
          withTask(task, () => downloads.start({ pool: TEST_POOL, ...body })),
          30_000,
          "the download's start",
        );
      } catch (err) {
        task.fail(err);
        throw err;
      }
      await within(downloads.idle(), 30_000, "the download's end");
      return await ended(t, task.id);
    });
  } finally {
    await downloads.close();
    await client.close();
  }
}

Deno.test("download limits - a body that goes quiet for the idle time is resumed with a range; one that stays quiet fails after five resumes, leaving no volume", async () => {
  await withLimits(async (t, server) => {
    await withTimedDownloads(t, async (download) => {
      const bytes = fileBytes(MIB + MIB / 2, 2);
      const once: Plan[] = [{ kind: "stall", bytes, after: MIB }, { kind: "file", bytes }];
      server.script("/quiet.raw", ...once);
      const name = `${PREFIX}quiet.raw`;
      // The stalled answer never sends its rest: only the injected 1 s idle time can have ended
      // it and asked for the rest (the default 60 s would meet withTimedDownloads' 30 s deadline).
      const resumed = await download({
        url: server.url("/quiet.raw"),
        name,
        checksum: `sha256:${sha256Hex(bytes)}`,
      });
      assertEquals(resumed.status, "succeeded", resumed.message ?? "");
      assert(/\(resumed 1 times\)$/.test(resumed.message ?? ""), resumed.message ?? "");
      assertEquals(server.answers().map((a) => a.range), [null, `bytes=${MIB}-`]);
      assertEquals((await sha256OfFile(`${await poolDir()}/${name}`)).hex, sha256Hex(bytes));
      assertEquals(await leftovers(), [name]);
      await virsh("vol-delete", "--pool", TEST_POOL, name);

      // Quiet again after every resume: five resumes in a row (remote_file.ts RETRIES), then
      // the task fails. Six quiet spells of 1 s and 0.62 s of waits (the defaults take 6 min):
      // not sooner, and the words name the injected idle time.
      server.script("/dead.raw", { kind: "stall", bytes, after: MIB }, {
        kind: "stall",
        bytes,
        after: 0,
      });
      const since = Date.now();
      const failed = await download({ url: server.url("/dead.raw"), name: `${PREFIX}dead.raw` });
      const took = Date.now() - since;
      assertEquals([failed.status, failed.code, failed.message], [
        "failed",
        "DOWNLOAD_INTERRUPTED",
        `The download broke off at byte ${MIB} and could not be resumed: no data for ${
          IDLE_MS / 1000
        } s`,
      ]);
      assert(took >= 6 * IDLE_MS, `took ${took} ms`);
      const dead = server.answers().filter((a) => a.path === "/dead.raw").map((a) => a.range);
      assertEquals(dead, [null, ...Array(5).fill(`bytes=${MIB}-`)]);
      assertEquals(await leftovers(), []);
      await letGo(server, "/dead.raw");
    });
  });
});

Deno.test("download limits - headers that never come: refused with DOWNLOAD_TIMEOUT before a volume is made; on a resume, asked for again", async () => {
  await withLimits(async (t, server) => {
    await withTimedDownloads(t, async (download) => {
      server.script("/silent.raw", { kind: "silent" });
      let refused: unknown = null;
      await download({ url: server.url("/silent.raw"), name: `${PREFIX}silent.raw` }).catch(
        (err) => refused = err,
      );
      assert(refused instanceof AppError, `refused: ${refused}`);
      // The injected headers deadline (1 s, not the app's 30 s) ended it: its words name it.
      assertEquals([refused.status, refused.code, refused.message], [
        504,
        "DOWNLOAD_TIMEOUT",
        `${new URL(server.origin).host} sent no answer in ${HEADERS_MS / 1000} s`,
      ]);
      assertEquals(await leftovers(), []);

      // Quiet, then a resume whose answer never comes, then one that brings the rest.
      const bytes = fileBytes(MIB + MIB / 2, 3);
      server.script(
        "/late.raw",
        { kind: "stall", bytes, after: MIB },
        { kind: "silent" },
        { kind: "file", bytes },
      );
      const name = `${PREFIX}late.raw`;
      const done = await download({
        url: server.url("/late.raw"),
        name,
        checksum: `sha256:${sha256Hex(bytes)}`,
      });
      assertEquals(done.status, "succeeded", done.message ?? "");
      assert(/\(resumed 2 times\)$/.test(done.message ?? ""), done.message ?? "");
      assertEquals(
        server.answers().filter((a) => a.path === "/late.raw").map((a) => [a.kind, a.range]),
        [["stall", null], ["silent", `bytes=${MIB}-`], ["file", `bytes=${MIB}-`]],
      );
      assertEquals((await sha256OfFile(`${await poolDir()}/${name}`)).hex, sha256Hex(bytes));
    });
  });
});

Deno.test("download limits - a cancel, not the idle time, stops a quiet download, also after a garbage collection; no volume stays", async () => {
  // Deno's fetch no longer errors a body on abort once its Response was collected (Deno 2.9):
  // before remote_file.ts watched the stop itself, this cancel waited for the 60 s idle timeout.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  await withLimits(async (t, server) => {
    const bytes = fileBytes(MIB + MIB / 2, 4);
    server.script("/held.raw", { kind: "stall", bytes, after: MIB });
    const id = await started(t, { url: server.url("/held.raw"), name: `${PREFIX}held.raw` });
    for (let i = 0; i < 100 && server.answers()[0]?.sent !== MIB; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assertEquals(server.answers()[0]?.sent, MIB, "the first MiB went out");
    gc();
    await new Promise((r) => setTimeout(r, 50));
    gc();
    const cancel = await t.call("POST", `/api/tasks/${id}/cancel`);
    assertEquals(cancel.status, 200, JSON.stringify(cancel.body));
    // The app's idle time is 60 s: a cancel that waited for it would meet ended()'s 30 s
    // deadline, or end in a resume. Cancelled, with the one request only, the cancel ended it.
    const stopped = await ended(t, id);
    assertEquals(stopped.status, "cancelled", stopped.message ?? "");
    assertEquals(server.answers().map((a) => a.range), [null], "no resume was asked");
    assertEquals(await leftovers(), []);
    await letGo(server, "/held.raw");
  });
});
