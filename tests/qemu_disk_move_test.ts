// Live disk move on real libvirtd (issue 47): one running TCG guest whose shell keeps writing
// numbered records to its disk (each synced) while the disk moves from one folder pool to another
// and from qcow2 to raw (virDomainBlockCopy, then pivot). The guest runs throughout, the records
// go on landing on the new volume after the switch, and after a cold restart the guest boots from
// the new volume with every record intact. A second move, cancelled, leaves the old disk in use and
// no target volume; one to the disk's own name is refused; a move of the stopped VM's disk
// (a qemu-img copy) changes the format back and deletes the old volume when asked. Fails (never
// skips) without libvirtd.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  assertLibvirtReachable,
  domstate,
  ensureGuestImages,
  serialLogPath,
  testGuestXml,
  waitForGuestReady,
  waitForState,
} from "./support/guest.ts";
import { guestRun } from "./support/guest_shell.ts";
import { type RealApp, run, virsh, virshOrNull, withRealApp } from "./support/real_app.ts";

const IMAGES = "/var/lib/libvirt/images";
const PREFIX = "kvmm-dm-";
const VM = `${PREFIX}guest`;
const POOLS = { a: `${PREFIX}a`, b: `${PREFIX}b`, c: `${PREFIX}c` };
const dirOf = (pool: string) => `${IMAGES}/${pool}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BLOCK = 512;

async function cleanup() {
  await virshOrNull("destroy", VM);
  await virshOrNull("undefine", VM);
  await Deno.remove(serialLogPath(VM)).catch(() => {});
  for (const pool of Object.values(POOLS)) {
    await virshOrNull("pool-destroy", pool);
    await virshOrNull("pool-undefine", pool);
    await Deno.remove(dirOf(pool), { recursive: true }).catch(() => {});
  }
}

async function volumesOf(pool: string): Promise<string[]> {
  await virsh("pool-refresh", pool);
  return (await virsh("vol-list", pool)).split("\n").slice(2).map((l) => l.trim().split(/\s+/)[0])
    .filter(Boolean).sort();
}

/** The file the running VM's vda reads (live XML) and the one its definition names. */
async function diskFiles(): Promise<{ live: string | null; config: string }> {
  const fileOf = (xml: string) =>
    /<source file='([^']+)'[^>]*\/>\s*(?:<backingStore[^>]*\/>\s*)?<target dev='vda'/.exec(xml)
      ?.[1] ?? null;
  const live = await domstate(VM) === "running" ? fileOf(await virsh("dumpxml", VM)) : null;
  return { live, config: fileOf(await virsh("dumpxml", "--inactive", VM))! };
}

/** The guest's records as a raw image holds them: block 0 the last number, block i record i. */
async function records(rawFile: string): Promise<{ last: number; missing: number[] }> {
  const bytes = await Deno.readFile(rawFile);
  const text = (i: number) =>
    new TextDecoder().decode(bytes.subarray(i * BLOCK, i * BLOCK + 64)).split("\n")[0];
  const last = Number(/^KVMM-LAST-(\d+)$/.exec(text(0))?.[1] ?? 0);
  const missing: number[] = [];
  for (let i = 1; i <= last; i++) if (text(i) !== `KVMM-REC-${i}`) missing.push(i);
  return { last, missing };
}

/** Waits for task `id` to end; checks on the way that the guest keeps running. */
async function taskEnd(t: RealApp, id: number, guestRuns: boolean) {
  for (let i = 0; i < 600; i++) {
    const task = (await t.call("GET", `/api/tasks/${id}`)).body;
    if (task.status !== "running") return task;
    if (guestRuns) assertEquals(await domstate(VM), "running", "the guest runs throughout");
    await sleep(250);
  }
  throw new Error(`task ${id} still running after 150 s`);
}

Deno.test("qemu disk move - a writing guest's disk moves live to another pool and format, cancel keeps the old disk, a stopped VM's moves back", async () => {
  await assertLibvirtReachable();
  await cleanup();
  try {
    for (const pool of Object.values(POOLS)) {
      await virsh("pool-define-as", pool, "dir", "--target", dirOf(pool));
      await virsh("pool-build", pool);
      await virsh("pool-start", pool);
    }
    const volXml = await Deno.makeTempFile({ suffix: ".xml" });
    await Deno.writeTextFile(
      volXml,
      `<volume><name>${VM}.qcow2</name><capacity unit='MiB'>64</capacity>` +
        `<target><format type='qcow2'/><compat>1.1</compat></target></volume>`,
    );
    await virsh("vol-create", POOLS.a, volXml);
    await Deno.remove(volXml);
    const oldPath = `${dirOf(POOLS.a)}/${VM}.qcow2`;
    const { kernel, initrd } = await ensureGuestImages();
    const domXml = await Deno.makeTempFile({ suffix: ".xml" });
    await Deno.writeTextFile(
      domXml,
      testGuestXml({
        name: VM,
        memoryMb: 192,
        kernel,
        initrd,
        diskPath: oldPath,
        devices: "    <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/>" +
          "<readonly/></disk>\n",
      }),
    );
    await virsh("define", domXml);
    await Deno.remove(domXml);
    await virsh("start", VM);
    await waitForGuestReady(VM);
    // The writer: record i into block i, then i into block 0, each synced to the disk.
    await guestRun(
      VM,
      "(i=1; while :; do echo KVMM-REC-$i | dd of=/dev/vda bs=512 seek=$i conv=fsync " +
        "2>/dev/null; echo KVMM-LAST-$i | dd of=/dev/vda bs=512 conv=fsync 2>/dev/null; " +
        "i=$((i+1)); done) & echo $! >/writer.pid",
    );
    await sleep(2000);

    await withRealApp({ storageRoots: [IMAGES] }, async (t) => {
      const move = (target: string, body: unknown) =>
        t.call("POST", `/api/vms/${VM}/disks/${target}/move`, body);
      const cd = await move("hdc", { pool: POOLS.b });
      assertEquals(cd.status, 400, JSON.stringify(cd.body));
      assertMatch(cd.body.message, /CD-ROM/);
      const taken = await move("vda", { pool: POOLS.a, format: "qcow2" });
      assertEquals([taken.status, taken.body.code], [400, "BAD_REQUEST"], JSON.stringify(taken));

      // Live, qcow2 → raw into pool b, while the guest writes.
      const started = await move("vda", { pool: POOLS.b, format: "raw" });
      assertEquals(started.status, 202, JSON.stringify(started.body));
      const newPath = `${dirOf(POOLS.b)}/${VM}.raw`;
      assertEquals(
        [started.body.live, started.body.volume, started.body.path],
        [true, `${VM}.raw`, newPath],
      );
      // One move per disk at a time.
      const again = await move("vda", { pool: POOLS.c });
      assertEquals([again.status, again.body.code], [409, "DISK_BUSY"], JSON.stringify(again));
      const task = await taskEnd(t, started.body.taskId, true);
      assertEquals(task.status, "succeeded", JSON.stringify(task));
      assertEquals(task.action, "disk.move");
      assertEquals(await diskFiles(), { live: newPath, config: newPath });
      assertMatch(
        await virsh("dumpxml", "--inactive", VM),
        new RegExp(`<driver name='qemu' type='raw'/>\\s*<source file='${newPath}'`),
      );
      assertEquals(
        (await run("qemu-img", "info", "-U", "--output=json", newPath)).includes('"format": "raw"'),
        true,
      );
      // The guest's writes land on the new volume after the switch; the old one stays (not asked).
      const atSwitch = await records(newPath);
      await sleep(3000);
      const later = await records(newPath);
      assert(later.last > atSwitch.last, `records go on: ${atSwitch.last} then ${later.last}`);
      assertEquals(later.missing, []);
      assertEquals(await volumesOf(POOLS.a), [`${VM}.qcow2`]);

      // A cancelled move: the job aborted, the VM on its disk, no target volume left.
      const cancelled = await move("vda", { pool: POOLS.c });
      assertEquals(cancelled.status, 202, JSON.stringify(cancelled.body));
      const stop = await t.call("POST", `/api/tasks/${cancelled.body.taskId}/cancel`);
      assert(stop.status < 300, JSON.stringify(stop.body));
      const ended = await taskEnd(t, cancelled.body.taskId, true);
      assertEquals(ended.status, "cancelled", JSON.stringify(ended));
      assertEquals(await diskFiles(), { live: newPath, config: newPath });
      assertEquals(await volumesOf(POOLS.c), []);
      assertMatch(await virsh("blockjob", VM, "vda", "--info"), /No current block job/);

      // Stop the writer; every record it wrote is on the new volume, and after a cold start the
      // guest reads them from it.
      await guestRun(VM, "kill $(cat /writer.pid)");
      await sleep(1000);
      await virsh("destroy", VM);
      const final = await records(newPath);
      assert(final.last >= later.last, `${final.last} ≥ ${later.last}`);
      assertEquals(final.missing, []);

      // The stopped VM's disk: raw → qcow2 into pool c by a copy, the old volume deleted.
      const offline = await move("vda", { pool: POOLS.c, format: "qcow2", deleteSource: true });
      assertEquals(offline.status, 202, JSON.stringify(offline.body));
      assertEquals(offline.body.live, false);
      const done = await taskEnd(t, offline.body.taskId, false);
      assertEquals(done.status, "succeeded", JSON.stringify(done));
      const qcowPath = `${dirOf(POOLS.c)}/${VM}.qcow2`;
      assertEquals((await diskFiles()).config, qcowPath);
      assertEquals(await volumesOf(POOLS.b), [], "the old volume is deleted as asked");
      const copy = await Deno.makeTempFile({ suffix: ".raw" });
      try {
        await run("qemu-img", "convert", "-f", "qcow2", "-O", "raw", qcowPath, copy);
        assertEquals(await records(copy), final, "the copy holds every record");
      } finally {
        await Deno.remove(copy);
      }

      await virsh("start", VM);
      await waitForGuestReady(VM);
      assertEquals((await diskFiles()).live, qcowPath);
      await guestRun(
        VM,
        `test "$(dd if=/dev/vda bs=512 skip=1 count=${final.last} 2>/dev/null | tr -d '\\000' | ` +
          `grep -c KVMM-REC-)" = "${final.last}"`,
        30_000,
      );
      await waitForState(VM, "running");
    });
  } finally {
    await cleanup();
  }
});
