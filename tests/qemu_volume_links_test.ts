// Volume routes and links on real libvirtd (issue 43, findings 2 and 3): a pool volume that is a
// link to a file outside the pool, or a qcow2 whose backing file is outside, is refused by
// resize, convert and flatten with the outside file unchanged; while a loop swaps a volume's
// name between its file and a link out (or a watcher swaps a new volume's name for a link the
// moment libvirt makes it), resize, convert, flatten, upload and backup restore never write the
// outside file nor read it into a volume; images declaring 1 PiB, more than the pool's free
// space or more than the configured maximum are refused before qemu-img runs; a conversion's
// task can be cancelled. Fails (never skips) without libvirtd on qemu:///system.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { assertLibvirtReachable } from "./support/guest.ts";
import {
  type ApiResult,
  type RealApp,
  removePool,
  run,
  URI,
  virsh,
  virshOrNull,
  withRealApp,
} from "./support/real_app.ts";
import { LibvirtClient } from "../ffi/libvirt/client.ts";
import { restoreBackup } from "../lib/backups/restore.ts";
import type { BackupRecord } from "../lib/backups/records.ts";
import { setMaxImageBytes } from "../lib/storage/image_bounds.ts";
import { BackupRecords } from "../lib/backups/records.ts";
import { applyRetention } from "../lib/backups/chain.ts";
import { beginBackupJob } from "../lib/backups/begin.ts";
import { RunningBackups } from "../lib/backups/running.ts";
import { VmLocks } from "../lib/vms/lock.ts";
import { openStore } from "../lib/store.ts";
import { pinNewVolume } from "../lib/storage/pinned_volume.ts";
import { volumeXml } from "../lib/xml/volume_xml.ts";
import type { AppError } from "../lib/errors.ts";

const PREFIX = "kvmm-vl-";
const POOL = `${PREFIX}pool`;
const IMAGES = "/var/lib/libvirt/images";
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const INSIDE = "INSIDE!!";
const OUTSIDE = "OUTSIDE!";

/** Removes what a crashed earlier run of this file left: its VMs and pools. */
async function cleanup(): Promise<void> {
  const vms = (await virsh("list", "--all", "--name")).split("\n").map((s) => s.trim());
  for (const vm of vms.filter((n) => n.startsWith(PREFIX))) await virshOrNull("undefine", vm);
  const pools = (await virsh("pool-list", "--all", "--name")).split("\n").map((s) => s.trim());
  for (const pool of pools.filter((n) => n.startsWith(PREFIX))) await removePool(pool);
}

/** The swap loops and watchers running now: a failing test stops them before clean-up. */
const swappers = new Set<() => Promise<number>>();

const pattern = (word: string, bytes = MIB) =>
  new TextEncoder().encode(word.repeat(bytes / word.length));

interface Bed {
  t: RealApp;
  /** The pool's folder. */
  dir: string;
  /** A folder beside the pool, on the same file system, where swapped-out files wait. */
  park: string;
  /** A raw file outside the pool (1 MiB of OUTSIDE!) and a qcow2 image of the same data. */
  secret: string;
  secretQcow2: string;
  /** Fails, naming `step`, when either outside file changed. */
  unchanged(step?: string): Promise<void>;
}

async function withBed(fn: (bed: Bed) => Promise<void>): Promise<void> {
  await assertLibvirtReachable();
  await cleanup();
  const dir = await Deno.makeTempDir({ dir: IMAGES, prefix: PREFIX });
  const park = await Deno.makeTempDir({ dir: IMAGES, prefix: `${PREFIX}park-` });
  const out = await Deno.makeTempDir({ prefix: `${PREFIX}out-` });
  try {
    const secret = `${out}/secret`, secretQcow2 = `${out}/secret.qcow2`;
    await Deno.writeFile(secret, pattern(OUTSIDE));
    await run("qemu-img", "convert", "-q", "-f", "raw", "-O", "qcow2", secret, secretQcow2);
    const before = await Promise.all([Deno.readFile(secret), Deno.readFile(secretQcow2)]);
    const unchanged = async (step = "") => {
      const now = await Promise.all([Deno.readFile(secret), Deno.readFile(secretQcow2)]);
      for (const i of [0, 1]) {
        assertEquals(now[i].length, before[i].length, `${step}: the outside file's size`);
        assert(now[i].every((b, at) => b === before[i][at]), `${step}: the outside file's bytes`);
      }
    };
    await virsh("pool-define-as", POOL, "dir", "--target", dir);
    await virsh("pool-start", POOL);
    await withRealApp(
      { storageRoots: [IMAGES] },
      (t) => fn({ t, dir, park, secret, secretQcow2, unchanged }),
    );
  } finally {
    for (const stop of swappers) await stop().catch(() => {});
    await cleanup();
    for (const d of [dir, park, out]) await Deno.remove(d, { recursive: true }).catch(() => {});
  }
}

function refused(r: ApiResult, code = "DISK_SOURCE_REFUSED"): void {
  assertEquals([r.status, r.body?.code], [code === "NO_SPACE" ? 507 : 400, code], r.body?.message);
}

/** The first 8 bytes a guest would read from the image at `path`. */
async function firstWord(path: string, format: string): Promise<string> {
  const tmp = await Deno.makeTempFile({ prefix: PREFIX });
  try {
    await run("qemu-img", "convert", "-U", "-f", format, "-O", "raw", path, tmp);
    using f = await Deno.open(tmp);
    const head = new Uint8Array(8);
    await f.read(head);
    return new TextDecoder().decode(head);
  } finally {
    await Deno.remove(tmp);
  }
}

const refresh = () => virsh("pool-refresh", POOL);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Swaps `name` in the pool between its own file and a link to `target` until stopped: the file
 * waits in `park` meanwhile. Ends with the file back in place.
 */
function swapLoop(bed: Bed, name: string, target: string) {
  let going = true;
  let swaps = 0;
  const path = `${bed.dir}/${name}`, parked = `${bed.park}/${name}`;
  // A failure ends the loop and is thrown by stop(); never left dangling when a test fails.
  const done = (async () => {
    while (going) {
      await Deno.rename(path, parked);
      await Deno.symlink(target, path);
      await sleep(1);
      await Deno.remove(path);
      await Deno.rename(parked, path);
      swaps++;
      await sleep(1);
    }
  })().then(() => null, (err: Error) => err);
  const stop = async (): Promise<number> => {
    swappers.delete(stop);
    going = false;
    const err = await done;
    if (err) throw err;
    return swaps;
  };
  swappers.add(stop);
  return { stop };
}

/**
 * The moment a file whose name starts with `prefix` appears in the pool (libvirt made a new
 * volume), its name becomes a link to `target`; the file waits in `park`.
 */
function swapWhenMade(bed: Bed, prefix: string, target: string) {
  const watcher = Deno.watchFs(bed.dir, { recursive: false });
  let swaps = 0;
  const done = (async () => {
    for await (const event of watcher) {
      if (event.kind !== "create") continue;
      for (const path of event.paths) {
        const name = path.slice(path.lastIndexOf("/") + 1);
        if (!name.startsWith(prefix)) continue;
        try {
          if (!(await Deno.lstat(path)).isFile) continue;
          await Deno.rename(path, `${bed.park}/${name}`);
          await Deno.symlink(target, path);
          swaps++;
        } catch {
          // Gone again already.
        }
      }
    }
  })();
  const stop = async (): Promise<number> => {
    swappers.delete(stop);
    watcher.close();
    await done;
    return swaps;
  };
  swappers.add(stop);
  /**
   * Waits (up to 3 s) until the watcher has dealt with `name`: no regular file of that name is
   * left in the pool (a link, or gone). The watcher's events may come after the route answered;
   * a file looked at while it is being swapped would be read through the link.
   */
  const handled = async (name: string) => {
    for (let i = 0; i < 300; i++) {
      const there = await Deno.lstat(`${bed.dir}/${name}`).catch(() => null);
      if (!there?.isFile) return;
      await sleep(10);
    }
    throw new Error(`the watcher never swapped ${name}`);
  };
  return { stop, handled };
}

Deno.test("qemu volume links - resize, convert and flatten refuse a link out of the pool and an outside backing file; the outside file is unchanged", async () => {
  await withBed(async (bed) => {
    const { t, dir, secret } = bed;
    await Deno.symlink(secret, `${dir}/link.img`);
    await run(
      "qemu-img",
      "create",
      "-q",
      "-f",
      "qcow2",
      "-u",
      "-b",
      secret,
      "-F",
      "raw",
      `${dir}/ovl.qcow2`,
      "1M",
    );
    await refresh();
    const P = `/api/pools/${POOL}/volumes`;
    refused(await t.call("POST", `${P}/link.img/resize`, { sizeGb: 2 }));
    refused(await t.call("POST", `${P}/link.img/convert`, { name: "copy.raw", format: "raw" }));
    refused(await t.call("POST", `${P}/ovl.qcow2/flatten`));
    await bed.unchanged();
    await Deno.lstat(`${dir}/copy.raw`).then(
      () => assert(false, "no copy of the outside file was made"),
      () => {},
    );
    const info = JSON.parse(
      await run("qemu-img", "info", "-U", "--output=json", `${dir}/ovl.qcow2`),
    );
    assertEquals(info["backing-filename"], secret, "the overlay still has its backing file");
  });
});

Deno.test("qemu volume links - while names are swapped for links out, resize, convert, flatten, upload and restore never touch the outside file", async () => {
  await withBed(async (bed) => {
    const { t, dir, secret, secretQcow2 } = bed;
    const P = `/api/pools/${POOL}/volumes`;
    const outcomes: Record<string, { ok: number; refused: number; swaps: number }> = {};
    const count = (route: string, r: ApiResult) => {
      const o = outcomes[route] ??= { ok: 0, refused: 0, swaps: 0 };
      if (r.status < 300) o.ok++;
      else {
        // Refused at the check or the open; or libvirt's refresh or lookup (which opens the
        // file) ran while the name was away: "not found", or libvirt's "cannot open volume".
        assert(
          ["DISK_SOURCE_REFUSED", "VOLUME_NOT_FOUND", "LIBVIRT_ERROR"].includes(r.body.code),
          `${route}: ${r.status} ${r.body.code} ${r.body.message}`,
        );
        o.refused++;
      }
    };

    // Resize: the raw volume's name swapped for a link to the secret, again and again.
    await Deno.writeFile(`${dir}/grow.img`, pattern(INSIDE));
    await refresh();
    const grow = swapLoop(bed, "grow.img", secret);
    for (let i = 1; i <= 12; i++) {
      await refresh();
      count("resize", await t.call("POST", `${P}/grow.img/resize`, { sizeGb: i / 64 }));
    }
    outcomes.resize.swaps = await grow.stop();
    await bed.unchanged("resize");

    // Convert: the source swapped for a link to the secret, each new volume for a link to it.
    await Deno.writeFile(`${dir}/src.img`, pattern(INSIDE));
    await refresh();
    const source = swapLoop(bed, "src.img", secret);
    const targets = swapWhenMade(bed, "out-", secret);
    for (let i = 0; i < 8; i++) {
      await refresh();
      const r = await t.call("POST", `${P}/src.img/convert`, {
        name: `out-${i}.raw`,
        format: "raw",
      });
      count("convert", r);
      if (r.status === 201) {
        await targets.handled(`out-${i}.raw`);
        for (const path of [`${dir}/out-${i}.raw`, `${bed.park}/out-${i}.raw`]) {
          const there = await Deno.lstat(path).catch(() => null);
          if (there?.isFile) assertEquals(await firstWord(path, "raw"), INSIDE);
        }
      }
    }
    outcomes.convert.swaps = (await source.stop()) + (await targets.stop());
    await bed.unchanged("convert");

    // Flatten: the base the overlays read swapped for a link to the secret.
    await Deno.writeFile(`${dir}/base.raw`, pattern(INSIDE));
    const base = swapLoop(bed, "base.raw", secret);
    for (let i = 0; i < 8; i++) {
      const ovl = `${dir}/ovl-${i}.qcow2`;
      await run(
        "qemu-img",
        "create",
        "-q",
        "-f",
        "qcow2",
        "-u",
        "-b",
        `${dir}/base.raw`,
        "-F",
        "raw",
        ovl,
        "1M",
      );
      await refresh();
      const r = await t.call("POST", `${P}/ovl-${i}.qcow2/flatten`);
      count("flatten", r);
      if (r.status === 200) {
        assertEquals(await firstWord(ovl, "qcow2"), INSIDE, "flattened from the base");
      }
    }
    outcomes.flatten.swaps = await base.stop();
    await bed.unchanged("flatten");

    // Upload: each new volume's name swapped for a link to the secret once libvirt made it.
    const uploads = swapWhenMade(bed, "up-", secret);
    for (let i = 0; i < 6; i++) {
      const bytes = pattern("UPLOADED");
      const res = await t.request(`${P}/up-${i}.img/content`, {
        method: "PUT",
        headers: { "content-length": String(bytes.length) },
        body: bytes,
      });
      const text = await res.text();
      count("upload", { status: res.status, body: text ? JSON.parse(text) : null });
    }
    outcomes.upload.swaps = await uploads.stop();
    await bed.unchanged("upload");

    // Backup restore: the backup's file swapped for a link to a qcow2 image outside, and the
    // restored volume's name for a link to the secret once libvirt made it.
    await run(
      "qemu-img",
      "convert",
      "-q",
      "-f",
      "raw",
      "-O",
      "qcow2",
      `${dir}/base.raw`,
      `${dir}/bk.qcow2`,
    );
    await refresh();
    const backup = swapLoop(bed, "bk.qcow2", secretQcow2);
    const restored = swapWhenMade(bed, `${PREFIX}r`, secret);
    const client = new LibvirtClient({ uri: URI });
    if (!await client.connect()) throw new Error(`cannot open ${URI}: ${client.state.error}`);
    for (let i = 0; i < 8; i++) {
      const name = `${PREFIX}r${i}`;
      const r = await restoreBackup(client, record(`${dir}/bk.qcow2`), { name, pool: POOL })
        .then((ok) => ({ status: 201, body: ok }), (err) => ({ status: err.status, body: err }));
      count("restore", r);
      if (r.status === 201) {
        await restored.handled(`${name}.qcow2`);
        // The restored file is wherever the watcher left it; a file the watcher parked before
        // the restore opened its name is the empty one libvirt made, which no one filled.
        let read = 0;
        for (const path of [`${dir}/${name}.qcow2`, `${bed.park}/${name}.qcow2`]) {
          const there = await Deno.lstat(path).catch(() => null);
          if (!there?.isFile || there.size === 0) continue;
          assertEquals(await firstWord(path, "qcow2"), INSIDE, "restored from the backup");
          read++;
        }
        assertEquals(
          read,
          1,
          `one restored file: ${
            JSON.stringify(
              await Promise.all([`${dir}/${name}.qcow2`, `${bed.park}/${name}.qcow2`].map((p) =>
                Deno.lstat(p).then((i) => [i.isFile, i.isSymlink, i.size], () => null)
              )),
            )
          }`,
        );
      }
    }
    await client.close();
    outcomes.restore.swaps = (await backup.stop()) + (await restored.stop());
    await bed.unchanged("restore");

    console.log(JSON.stringify(outcomes));
    for (const [route, o] of Object.entries(outcomes)) {
      assert(o.swaps > 0, `${route}: names were swapped`);
    }
  });
});

/** A succeeded backup of one qcow2 disk whose file is `path`. */
function record(path: string): BackupRecord {
  return {
    id: crypto.randomUUID(),
    vmId: crypto.randomUUID(),
    vmName: `${PREFIX}src`,
    kind: "full",
    method: "backup",
    parentId: null,
    checkpoint: null,
    status: "succeeded",
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    processedBytes: MIB,
    totalBytes: MIB,
    sizeBytes: MIB,
    keep: 1,
    error: null,
    note: null,
    pool: POOL,
    disks: [{
      target: "vda",
      sourcePath: path,
      sourceFormat: "qcow2",
      sourcePool: POOL,
      capacityBytes: MIB,
      volume: "bk.qcow2",
      path,
    }],
    domainXml: `<domain type='qemu'><name>${PREFIX}src</name><memory unit='MiB'>64</memory>
      <vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices>
      <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='${path}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
  } as BackupRecord;
}

/** Kills a qemu-img this test's app started on a file of `dir` (the unfixed code's runaway). */
async function killQemuImgOn(dir: string): Promise<void> {
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const cmd = await Deno.readTextFile(`/proc/${entry.name}/cmdline`).catch(() => "");
    if (cmd.split("\0")[0].endsWith("qemu-img") && cmd.includes(dir)) {
      Deno.kill(Number(entry.name), "SIGKILL");
    }
  }
}

Deno.test("qemu volume links - images declaring 1 PiB, more than the pool's free space or the configured maximum are refused before qemu-img runs", async () => {
  await withBed(async ({ t, dir }) => {
    const P = `/api/pools/${POOL}/volumes`;
    const free = Number(
      (await virsh("pool-info", "--bytes", POOL)).match(/Available:\s+(\d+)/)![1],
    );
    await run("qemu-img", "create", "-q", "-f", "qcow2", `${dir}/huge.qcow2`, "1P");
    await run(
      "qemu-img",
      "create",
      "-q",
      "-f",
      "qcow2",
      `${dir}/over.qcow2`,
      String(free + 10 * GIB),
    );
    await run("qemu-img", "create", "-q", "-f", "qcow2", `${dir}/two.qcow2`, "2G");
    await refresh();
    const within = async (p: Promise<ApiResult>) => {
      const late = sleep(20_000).then(() => null);
      const r = await Promise.race([p, late]);
      if (r === null) {
        await killQemuImgOn(dir);
        await p.catch(() => {});
        throw new Error("the conversion was started: no answer within 20 s");
      }
      return r;
    };
    const huge = await within(
      t.call("POST", `${P}/huge.qcow2/convert`, { name: "h.qcow2", format: "qcow2" }),
    );
    refused(huge);
    assertMatch(huge.body.message, /declares 1 PiB, more than the 16 TiB an image may have here/);
    refused(
      await within(t.call("POST", `${P}/over.qcow2/convert`, { name: "o.qcow2", format: "qcow2" })),
      "NO_SPACE",
    );
    setMaxImageBytes(GIB);
    try {
      const two = await within(
        t.call("POST", `${P}/two.qcow2/convert`, { name: "t.qcow2", format: "qcow2" }),
      );
      refused(two);
      assertMatch(two.body.message, /declares 2 GiB, more than the 1 GiB/);
    } finally {
      setMaxImageBytes(undefined);
    }
    const names = (await virsh("vol-list", POOL)).split("\n").slice(2).map((l) =>
      l.trim().split(/\s+/)[0]
    ).filter(Boolean).sort();
    assertEquals(names, ["huge.qcow2", "over.qcow2", "two.qcow2"], "no volume was made");
  });
});

Deno.test("qemu volume links - a conversion's task is cancelled: qemu-img stops, the new volume is removed", async () => {
  await withBed(async ({ t, dir }) => {
    const P = `/api/pools/${POOL}/volumes`;
    {
      using f = await Deno.open(`${dir}/big.img`, { write: true, create: true });
      const piece = pattern(INSIDE, 4 * MIB);
      for (let i = 0; i < 128; i++) await f.write(piece);
    }
    await refresh();
    const answer = t.call("POST", `${P}/big.img/convert`, { name: "big.qcow2", format: "qcow2" });
    let id: number | null = null;
    for (let i = 0; i < 400 && id === null; i++) {
      const tasks = (await t.call("GET", "/api/tasks")).body as {
        id: number;
        action: string;
        status: string;
        cancellable: boolean;
      }[];
      id = tasks.find((k) =>
        k.action === "volume.convert" && k.status === "running" && k.cancellable
      )?.id ?? null;
      if (id === null) await sleep(25);
    }
    if (id === null) {
      await answer;
      throw new Error("the conversion's task was never cancellable");
    }
    const cancel = await t.call("POST", `/api/tasks/${id}/cancel`);
    assertEquals(cancel.status, 200, JSON.stringify(cancel.body));
    const r = await answer;
    assertEquals([r.status, r.body.code], [409, "OPERATION_CANCELLED"], JSON.stringify(r.body));
    const task = (await t.call("GET", `/api/tasks/${id}`)).body;
    assertEquals(task.status, "cancelled");
    await Deno.lstat(`${dir}/big.qcow2`).then(
      () => assert(false, "the half-made volume is removed"),
      () => {},
    );
    await killQemuImgOn(dir);
  });
});

/** Counts each route's answers; a refusal must be one a swapped name explains. */
function outcomeCounter() {
  const outcomes: Record<string, { ok: number; refused: number; swaps: number }> = {};
  const count = (route: string, r: ApiResult) => {
    const o = outcomes[route] ??= { ok: 0, refused: 0, swaps: 0 };
    if (r.status < 300) o.ok++;
    else {
      assert(
        ["DISK_SOURCE_REFUSED", "VOLUME_NOT_FOUND", "LIBVIRT_ERROR"].includes(r.body?.code),
        `${route}: ${r.status} ${r.body?.code} ${r.body?.message}`,
      );
      o.refused++;
    }
  };
  return { outcomes, count };
}

/** Whether the file at `path` (a plain file, not through a link) holds the outside pattern. */
async function holdsOutside(path: string): Promise<boolean> {
  const there = await Deno.lstat(path).catch(() => null);
  if (!there?.isFile) return false;
  return new TextDecoder().decode(await Deno.readFile(path)).includes(OUTSIDE);
}

/** Checks each named part of a test; prints and asserts what each saw. */
function report(outcomes: Record<string, { ok: number; refused: number; swaps: number }>) {
  console.log(JSON.stringify(outcomes));
  for (const [route, o] of Object.entries(outcomes)) {
    assert(o.swaps > 0, `${route}: names were swapped`);
  }
}

for (const format of ["qcow2", "raw"] as const) {
  Deno.test(`qemu volume links - create (${format}) never writes a file outside through the new name swapped for a link`, async () => {
    await withBed(async (bed) => {
      const { outcomes, count } = outcomeCounter();
      const route = `create ${format}`;
      const made = swapWhenMade(bed, "n-", bed.secret);
      for (let i = 0; i < 25; i++) {
        const name = `n-${i}.${format === "qcow2" ? "qcow2" : "img"}`;
        const r = await bed.t.call("POST", `/api/pools/${POOL}/volumes`, {
          name,
          sizeGb: 1 / 1024,
          format,
        });
        count(route, r);
        await bed.unchanged(`${route} ${i}`);
      }
      outcomes[route].swaps = await made.stop();
      // Not swapped: made as asked.
      const r = await bed.t.call("POST", `/api/pools/${POOL}/volumes`, {
        name: `plain.${format}`,
        sizeGb: 1 / 1024,
        format,
      });
      assertEquals(r.status, 201, JSON.stringify(r.body));
      assertEquals([r.body.format, r.body.capacityBytes], [format, MIB]);
      const info = JSON.parse(
        await run("qemu-img", "info", "--output=json", `${bed.dir}/plain.${format}`),
      );
      assertEquals([info.format, info["virtual-size"]], [format, MIB]);
      report(outcomes);
    });
  });
}

Deno.test("qemu volume links - clone never writes a file outside through the copy's name swapped for a link", async () => {
  await withBed(async (bed) => {
    const { t, dir, secret } = bed;
    const P = `/api/pools/${POOL}/volumes`;
    const { outcomes, count } = outcomeCounter();
    await Deno.writeFile(`${bed.park}/plain.raw`, pattern(INSIDE));
    await run(
      "qemu-img",
      "convert",
      "-q",
      "-f",
      "raw",
      "-O",
      "qcow2",
      `${bed.park}/plain.raw`,
      `${dir}/src.qcow2`,
    );
    await refresh();
    const copies = swapWhenMade(bed, "w-", secret);
    for (let i = 0; i < 25; i++) {
      const r = await t.call("POST", `${P}/src.qcow2/clone`, { name: `w-${i}.qcow2` });
      count("clone", r);
      await bed.unchanged(`clone ${i}`);
    }
    outcomes.clone.swaps = await copies.stop();
    // Not swapped: a full copy in the source's format.
    const r = await t.call("POST", `${P}/src.qcow2/clone`, { name: "copy.qcow2" });
    assertEquals(r.status, 201, JSON.stringify(r.body));
    assertEquals([r.body.format, r.body.capacityBytes], ["qcow2", MIB]);
    assertEquals(await firstWord(`${dir}/copy.qcow2`, "qcow2"), INSIDE, "copied the source");
    report(outcomes);
  });
});

Deno.test("qemu volume links - while a volume's name is swapped for a link out, download never reads the outside file", async () => {
  await withBed(async (bed) => {
    const { t, dir, secret } = bed;
    const { outcomes, count } = outcomeCounter();
    await Deno.writeFile(`${dir}/src.img`, pattern(INSIDE));
    await refresh();
    const source = swapLoop(bed, "src.img", secret);
    for (let i = 0; i < 30; i++) {
      const res = await t.request(`/api/pools/${POOL}/volumes/src.img/content`);
      if (res.status !== 200) {
        const text = await res.text();
        count("download", { status: res.status, body: text ? JSON.parse(text) : null });
        continue;
      }
      const body = new Uint8Array(await res.arrayBuffer());
      count("download", { status: 200, body: null });
      const text = new TextDecoder().decode(body);
      assert(!text.includes(OUTSIDE), `download ${i} read the file outside`);
      assertEquals(body.length, Number(res.headers.get("content-length")), "Content-Length");
      assertEquals(text, INSIDE.repeat(MIB / INSIDE.length), `download ${i}: the volume's bytes`);
    }
    outcomes.download.swaps = await source.stop();
    // Not swapped: the whole volume; a download given up halfway lets go of the file.
    const res = await t.request(`/api/pools/${POOL}/volumes/src.img/content`);
    assertEquals(res.status, 200);
    assertEquals(new Uint8Array(await res.arrayBuffer()).length, MIB);
    const half = await t.request(`/api/pools/${POOL}/volumes/src.img/content`);
    await half.body!.cancel();
    report(outcomes);
  });
});

Deno.test("qemu volume links - while a volume's name is swapped for a link out, clone never reads the outside file", async () => {
  await withBed(async (bed) => {
    const { t, dir, secret } = bed;
    const { outcomes, count } = outcomeCounter();
    await Deno.writeFile(`${dir}/src.img`, pattern(INSIDE));
    await refresh();
    const source = swapLoop(bed, "src.img", secret);
    for (let i = 0; i < 25; i++) {
      await refresh().catch(() => {});
      const r = await t.call("POST", `/api/pools/${POOL}/volumes/src.img/clone`, {
        name: `c-${i}.img`,
      });
      count("clone", r);
      if (r.status === 201) {
        assert(!await holdsOutside(`${dir}/c-${i}.img`), `clone ${i} read the file outside`);
        assertEquals(await firstWord(`${dir}/c-${i}.img`, "raw"), INSIDE, "copied the source");
      }
    }
    outcomes.clone.swaps = await source.stop();
    await bed.unchanged("clone");
    report(outcomes);
  });
});

Deno.test("qemu volume links - convert of a vmdk rewritten in place into a descriptor naming a file outside never copies that file", async () => {
  await withBed(async (bed) => {
    const { t, dir, secret } = bed;
    const P = `/api/pools/${POOL}/volumes`;
    await run("qemu-img", "create", "-q", "-f", "vmdk", `${bed.park}/sparse.vmdk`, "1M");
    const sparse = await Deno.readFile(`${bed.park}/sparse.vmdk`);
    const descriptor = new TextEncoder().encode(
      [
        "# Disk DescriptorFile",
        "version=1",
        "CID=fffffffe",
        "parentCID=ffffffff",
        'createType="monolithicFlat"',
        "",
        `RW 1024 FLAT "${secret}" 0`,
        "",
        'ddb.virtualHWVersion = "4"',
        'ddb.adapterType = "ide"',
        "",
      ].join("\n"),
    );
    await Deno.writeFile(`${dir}/src.vmdk`, sparse);
    await refresh();
    // The same file (same inode) turned into the descriptor and back, again and again.
    let going = true;
    let rewrites = 0;
    const file = await Deno.open(`${dir}/src.vmdk`, { write: true });
    const done = (async () => {
      while (going) {
        const bytes = rewrites++ % 2 ? descriptor : sparse;
        await file.truncate(0);
        await file.seek(0, Deno.SeekMode.Start);
        await file.write(bytes);
        await sleep(Math.random() * 4);
      }
    })().then(() => null, (err: Error) => err);
    const stop = async () => {
      swappers.delete(stop);
      going = false;
      const err = await done;
      file.close();
      if (err) throw err;
      return rewrites;
    };
    swappers.add(stop);
    const seen: Record<string, number> = {};
    for (let i = 0; i < 40; i++) {
      const r = await t.call("POST", `${P}/src.vmdk/convert`, {
        name: `v-${i}.raw`,
        format: "raw",
      });
      const key = `${r.status} ${r.body?.code ?? ""}`;
      seen[key] = (seen[key] ?? 0) + 1;
      if (r.status === 201) {
        assert(!await holdsOutside(`${dir}/v-${i}.raw`), `conversion ${i} copied the file outside`);
      } else {
        // The header seen was the descriptor (refused), or a half-written file.
        assert(
          ["DISK_SOURCE_REFUSED", "INVALID_FORMAT", "IoError"].includes(r.body?.code),
          `${key} ${r.body?.message}`,
        );
      }
    }
    const count = await stop();
    await bed.unchanged("convert");
    console.log(JSON.stringify({ seen, rewrites: count }));
    assert(count > 10, "the file was rewritten");
    assert((seen["201 "] ?? 0) > 0, "some conversions succeeded");
    assert(
      Object.keys(seen).some((k) => k.includes("DISK_SOURCE_REFUSED")),
      "the descriptor was seen and refused",
    );
  });
});

/** A backup record in `POOL` over `disks` (volume names; each path where it is in the pool). */
function backupRecord(
  dir: string,
  vmId: string,
  { kind, parentId = null, status = "succeeded", method = "backup", volumes, source }: {
    kind: "full" | "incremental";
    parentId?: string | null;
    status?: BackupRecord["status"];
    method?: BackupRecord["method"];
    volumes: string[];
    source?: string;
  },
): BackupRecord & { startedAt: number } {
  const rec = record(source ?? `${dir}/${volumes[0]}`);
  return {
    ...rec,
    vmId,
    kind,
    parentId,
    status,
    method,
    startedAt: Date.now(),
    disks: volumes.map((volume, at) => ({
      ...rec.disks[0],
      target: `vd${"abcdefgh"[at]}`,
      volume,
      path: `${dir}/${volume}`,
      ...source ? { sourcePath: source, sourcePool: POOL } : {},
    })),
  } as BackupRecord & { startedAt: number };
}

Deno.test("qemu volume links - backups never write a file outside through a link planted at a backup volume's name", async () => {
  await withBed(async (bed) => {
    const { dir } = bed;
    const outside = bed.secret.slice(0, bed.secret.lastIndexOf("/"));
    const client = new LibvirtClient({ uri: URI });
    if (!await client.connect()) throw new Error(`cannot open ${URI}: ${client.state.error}`);
    const records = new BackupRecords(openStore(null));
    const vmId = crypto.randomUUID();
    const planted = async (name: string, target: string) => {
      await Deno.symlink(target, `${dir}/${name}`);
      await refresh();
    };
    const untouched = async (target: string, step: string) => {
      assertEquals(await Deno.lstat(target).catch(() => null), null, `${step}: ${target}`);
      await bed.unchanged(step);
    };
    try {
      // A full backup and an incremental over it, as libvirt's backup job leaves them.
      await Deno.writeFile(`${bed.park}/full.raw`, pattern(INSIDE));
      await run(
        "qemu-img",
        "convert",
        "-q",
        "-O",
        "qcow2",
        `${bed.park}/full.raw`,
        `${dir}/f.qcow2`,
      );
      await run(
        "qemu-img",
        "create",
        "-q",
        "-f",
        "qcow2",
        "-b",
        `${dir}/f.qcow2`,
        "-F",
        "qcow2",
        `${dir}/i.qcow2`,
        "1M",
      );
      await refresh();
      const full = backupRecord(dir, vmId, { kind: "full", volumes: ["f.qcow2"] });
      records.insert(full);
      const inc = backupRecord(dir, vmId, {
        kind: "incremental",
        parentId: full.id,
        volumes: ["i.qcow2"],
      });
      records.insert({ ...inc, startedAt: full.startedAt + 1 });

      // Retention keeping one consolidates the incremental into "i-full.qcow2": a link there.
      await planted("i-full.qcow2", `${outside}/consolidated`);
      const failed = await applyRetention(client, records, vmId, 1).then(() => null, (e) => e);
      await untouched(`${outside}/consolidated`, "consolidate");
      assert(failed !== null, "consolidation into a planted link fails");
      await Deno.remove(`${dir}/i-full.qcow2`);
      await refresh();
      // Without the link: consolidated through the pinned files, the full one deleted.
      assertEquals(await applyRetention(client, records, vmId, 1), [full.id]);
      const flat = records.get(inc.id)!;
      assertEquals([flat.kind, flat.disks[0].volume], ["full", "i-full.qcow2"]);
      assertEquals(await firstWord(`${dir}/i-full.qcow2`, "qcow2"), INSIDE);
      const info = JSON.parse(
        await run("qemu-img", "info", "--output=json", `${dir}/i-full.qcow2`),
      );
      assertEquals([info.format, info["backing-filename"]], ["qcow2", undefined]);

      // The next incremental's overlay, made before libvirt's backup job begins: a link there.
      const next = backupRecord(dir, vmId, {
        kind: "incremental",
        parentId: inc.id,
        status: "running",
        volumes: ["n.qcow2"],
      });
      await planted("n.qcow2", `${outside}/overlay`);
      const began = await beginBackupJob({ client, records, quiesce: undefined }, next, flat)
        .then(() => null, (e) => e);
      await untouched(`${outside}/overlay`, "begin");
      assert(began !== null, "no overlay is made through a planted link");
      await Deno.remove(`${dir}/n.qcow2`);
      await refresh();

      // A stopped VM's disk copied into the backup pool: a link at the copy's name.
      const domain = `${PREFIX}stopped`;
      const xmlFile = await Deno.makeTempFile({ prefix: PREFIX });
      await Deno.writeTextFile(
        xmlFile,
        record(`${dir}/f.qcow2`).domainXml.replace(
          `<name>${PREFIX}src</name>`,
          `<name>${domain}</name>`,
        ),
      );
      await virsh("define", xmlFile);
      await Deno.remove(xmlFile);
      const stoppedId = (await virsh("domuuid", domain)).trim();
      const running = new RunningBackups({
        client,
        records,
        emit: () => {},
        pollMs: 50,
        locked: (id, fn) => new VmLocks().run(id, fn),
      });
      const copyOf = async (volume: string) => {
        const rec = backupRecord(dir, stoppedId, {
          kind: "full",
          status: "running",
          method: "copy",
          volumes: [volume],
          source: `${dir}/i-full.qcow2`,
        });
        records.insert(rec);
        const job = running.add(rec.id, stoppedId);
        running.run(job, "copy");
        return await job.done;
      };
      await planted("c.qcow2", `${outside}/copy`);
      const refused = await copyOf("c.qcow2");
      await untouched(`${outside}/copy`, "copy");
      assertEquals(refused.status, "failed");
      await Deno.remove(`${dir}/c.qcow2`).catch(() => {});
      await refresh();
      // Without the link: a qcow2 copy of the disk's bytes.
      const copied = await copyOf("c2.qcow2");
      assertEquals(copied.status, "succeeded", copied.error ?? "");
      assertEquals(await firstWord(`${dir}/c2.qcow2`, "qcow2"), INSIDE);
      running.close();
    } finally {
      await client.close();
    }
  });
});

Deno.test("qemu volume links - a new volume's file is refused unless it is the empty one libvirt just made", async () => {
  await withBed(async (bed) => {
    const { dir } = bed;
    const client = new LibvirtClient({ uri: URI });
    if (!await client.connect()) throw new Error(`cannot open ${URI}: ${client.state.error}`);
    try {
      const since = Date.now();
      const made = await client.call("volumeCreate", POOL, volumeXml("new.img", 0, "raw"));
      const ok = await pinNewVolume(client, made, { since });
      assert(ok, "the file libvirt made is taken");
      await ok.close();
      const asNew = (name: string, when = since) =>
        pinNewVolume(client, { pool: POOL, name, path: `${dir}/${name}` }, { since: when })
          .then(async (f) => (await f?.close(), "taken"), (e: AppError) => e.code);
      // Someone's own empty file renamed over the new name: another owner.
      await Deno.writeFile(`${dir}/foreign.img`, new Uint8Array());
      await Deno.chown(`${dir}/foreign.img`, 65534, 65534);
      assertEquals(await asNew("foreign.img"), "DISK_SOURCE_REFUSED");
      // Not empty: not the file just made.
      await Deno.writeFile(`${dir}/full.img`, pattern(INSIDE));
      assertEquals(await asNew("full.img"), "DISK_SOURCE_REFUSED");
      // Changed last long before the request.
      assertEquals(await asNew("new.img", Date.now() + 60_000), "DISK_SOURCE_REFUSED");
      assertEquals(await asNew("new.img"), "taken");
    } finally {
      await client.close();
    }
  });
});
