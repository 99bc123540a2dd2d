// Shared folders on real QEMU (TCG) through qemu:///system: a folder shared with a stopped guest
// (shared memory added) is mounted in the booted guest with `mount -t virtiofs TAG DIR` and
// holds the file the test wrote on the host; a read-only share hot-plugged into the running guest
// is read, and a write to it from the guest fails; both are removed again. One guest for all.

import { assert, assertEquals } from "./support/assert.ts";
import type { VmFilesystem } from "../shared/filesystems.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  serialLogPath,
  virsh,
  waitForGuestReady,
} from "./support/guest.ts";
import { guestRun } from "./support/guest_shell.ts";
import { withRealApp } from "./support/real_app.ts";

const PREFIX = "kvmm-test-vfs-";
// The shared folders live outside every storage pool: a host whose `default` pool is
// /var/lib/libvirt/images (Debian 13's libvirt makes one) would else see them as pool contents.
const FOLDERS = "/var/lib";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for `word` printed by the guest (not the echo of the typed line, which has quotes in it). */
async function serialSays(name: string, words: string[], timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await Deno.readTextFile(serialLogPath(name)).catch(() => "");
    const found = words.find((w) => log.includes(w));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${name}: none of ${words} in:\n${log.slice(-800)}`);
    await sleep(200);
  }
}

async function cleanup(): Promise<void> {
  await cleanupGuestsNamed(PREFIX);
  for await (const e of Deno.readDir(FOLDERS)) {
    if (e.name.startsWith(PREFIX) && e.isDirectory) {
      await Deno.remove(`${FOLDERS}/${e.name}`, { recursive: true }).catch(() => {});
    }
  }
}

Deno.test({
  name: "virtiofs on QEMU - the guest mounts a shared host folder; a read-only one refuses writes",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await assertLibvirtReachable();
    await cleanup();
    const base = await Deno.makeTempDir({ dir: FOLDERS, prefix: PREFIX });
    try {
      const root = `${base}/roots`;
      await Deno.mkdir(`${root}/rw`, { recursive: true });
      await Deno.mkdir(`${root}/ro`);
      const token = `KVMM-VFS-${crypto.randomUUID().slice(0, 8)}`;
      await Deno.writeTextFile(`${root}/rw/hello.txt`, `${token}\n`);
      await Deno.writeTextFile(`${root}/ro/hello.txt`, `RO-${token}\n`);
      const name = `${PREFIX}guest`;
      await defineTestGuest(name, { memoryMb: 256 });

      await withRealApp({ storageRoots: [root], dataDir: `${base}/data` }, async (t) => {
        // Stopped: the definition gets the share and the shared memory virtiofs needs.
        const rw = await t.call("POST", `/api/vms/${name}/filesystems`, {
          source: `${root}/rw`,
          tag: "kvmmrw",
        });
        assertEquals(rw.status, 201, JSON.stringify(rw.body));
        assertEquals(rw.body, { live: false, nextBoot: true, sharedMemoryAdded: true });
        const defined = await virsh("dumpxml", "--inactive", name);
        assert(/<access mode='shared'\/>/.test(defined), defined);
        assert(defined.includes("<binary path='/usr/lib/qemu/virtiofsd'/>"), defined);

        await virsh("start", name);
        await waitForGuestReady(name, 120_000);

        // Running with shared memory: the read-only share is hot-plugged.
        const ro = await t.call("POST", `/api/vms/${name}/filesystems`, {
          source: `${root}/ro`,
          tag: "kvmmro",
          readOnly: true,
        });
        assertEquals(ro.status, 201, JSON.stringify(ro.body));
        assertEquals(ro.body, { live: true, nextBoot: true, sharedMemoryAdded: false });
        const listed = (await t.call("GET", `/api/vms/${name}/filesystems`)).body as VmFilesystem[];
        assertEquals(listed.map((f) => [f.tag, f.source, f.readOnly]), [
          ["kvmmrw", `${root}/rw`, false],
          ["kvmmro", `${root}/ro`, true],
        ]);

        // The guest reads what the host wrote, and writes where it may.
        await guestRun(
          name,
          `mkdir -p /mnt/rw /mnt/ro && mount -t virtiofs kvmmrw /mnt/rw && ` +
            `grep -q ${token} /mnt/rw/hello.txt && echo from-guest > /mnt/rw/guest.txt`,
        );
        assertEquals(await Deno.readTextFile(`${root}/rw/guest.txt`), "from-guest\n");
        await guestRun(
          name,
          `mount -t virtiofs kvmmro /mnt/ro && grep -q RO-${token} /mnt/ro/hello.txt`,
        );
        await guestRun(
          name,
          `if echo x > /mnt/ro/new.txt; then echo VFS""-WROTE; else echo VFS""-REFUSED; fi`,
        );
        assertEquals(await serialSays(name, ["VFS-WROTE", "VFS-REFUSED"]), "VFS-REFUSED");
        assert(!(await Deno.stat(`${root}/ro/new.txt`).then(() => true, () => false)));

        // Stopped again, both are removed from the definition.
        await virsh("destroy", name);
        for (const tag of ["kvmmro", "kvmmrw"]) {
          const gone = await t.call("DELETE", `/api/vms/${name}/filesystems/${tag}`);
          assertEquals([gone.status, gone.body], [200, { live: false, nextBoot: true }]);
        }
        assertEquals((await t.call("GET", `/api/vms/${name}/filesystems`)).body, []);
        assert(!(await virsh("dumpxml", "--inactive", name)).includes("<filesystem"));
      });
    } finally {
      await cleanup();
      await Deno.remove(base, { recursive: true }).catch(() => {});
    }
  },
});
