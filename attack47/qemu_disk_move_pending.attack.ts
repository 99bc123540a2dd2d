// FINDING 5 (data loss): a running VM's move reads the disk from the persistent definition
// (plan.ts: domainGet INACTIVE) but copies what runs (virDomainBlockCopy on the live target).
// When the definition names another volume for the next boot (a pending XML edit), the move
// copies the RUNNING disk into a volume named after the pending one, points the definition at
// it, and deleteSource deletes the pending volume — whose data was never copied.
//
// Run (root, real libvirtd; one TCG guest without an OS, ~5 s):
//   node_modules/.bin/deno test -A attack47/qemu_disk_move_pending.attack.ts
import { assert, assertEquals } from "../tests/support/assert.ts";
import { removePool, run, virsh, virshOrNull, withRealApp } from "../tests/support/real_app.ts";

const P = "kvmm-atk-pend-";
const IMAGES = "/var/lib/libvirt/images";
const VM = `${P}vm`;

const vmXml = (file: string) =>
  `<domain type='qemu'>
  <name>${VM}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/>
      <source file='${file}'/><target dev='vda' bus='virtio'/></disk>
  </devices>
</domain>`;

async function cleanup() {
  await virshOrNull("destroy", VM);
  await virshOrNull("undefine", VM);
  for (const pool of [`${P}p1`, `${P}p2`]) await removePool(pool);
  for (const d of ["p1", "p2"]) {
    await Deno.remove(`${IMAGES}/${P}${d}`, { recursive: true }).catch(() => {});
  }
}

async function marked(path: string, mark: string) {
  const data = new Uint8Array(4 * 1024 * 1024);
  data.set(new TextEncoder().encode(mark));
  await Deno.writeFile(path, data, { mode: 0o644 });
}
const markOf = async (path: string) =>
  new TextDecoder().decode((await Deno.readFile(path)).slice(0, 12));

Deno.test("finding: a live move with a pending disk change deletes the pending volume uncopied", async () => {
  await cleanup();
  try {
    for (const d of ["p1", "p2"]) {
      await Deno.mkdir(`${IMAGES}/${P}${d}`);
      await virsh("pool-create-as", `${P}${d}`, "dir", "--target", `${IMAGES}/${P}${d}`);
    }
    const running = `${IMAGES}/${P}p1/running.raw`;
    const pending = `${IMAGES}/${P}p1/pending.raw`;
    await marked(running, "RUNNING-DATA");
    await marked(pending, "PENDING-DATA");
    await run("chown", "libvirt-qemu:libvirt-qemu", running, pending);
    await virsh("pool-refresh", `${P}p1`);
    await withRealApp({}, async (t) => {
      const made = await t.call("POST", "/api/vms/import", { xml: vmXml(running) });
      assertEquals(made.status, 201, JSON.stringify(made.body));
      assertEquals((await t.call("POST", `/api/vms/${VM}/start`)).status, 200);
      // The next boot's disk changes (pending while it runs).
      const xml = await (await t.request(`/api/vms/${VM}/xml`)).text();
      const put = await t.call("PUT", `/api/vms/${VM}/xml`, {
        xml: xml.replace(running, pending),
      });
      assertEquals(put.status, 200, JSON.stringify(put.body));
      const mv = await t.call("POST", `/api/vms/${VM}/disks/vda/move`, {
        pool: `${P}p2`,
        deleteSource: true,
      });
      console.log("move:", mv.status, JSON.stringify(mv.body));
      // Fixed (branch attack47): refused before anything is made.
      if (mv.status === 409) return assertEquals(mv.body.code, "INVALID_STATE");
      assertEquals(mv.status, 202);
      let task;
      for (let i = 0; i < 300; i++) {
        task = (await t.call("GET", `/api/tasks/${mv.body.taskId}`)).body;
        if (task.status !== "running") break;
        await new Promise((r) => setTimeout(r, 100));
      }
      console.log("task:", task.status, task.message ?? "");
      const next = (await virsh("dumpxml", "--inactive", VM)).match(/source file='([^']*)'/)?.[1];
      console.log("definition now names:", next, "holding", next && await markOf(next));
      const pendingLeft = await Deno.stat(pending).then(() => true, () => false);
      console.log(
        "pending volume still there:",
        pendingLeft,
        "| running volume kept:",
        await Deno.stat(running).then(() => true, () => false),
      );
      assert(pendingLeft, "the pending disk was deleted without its data being copied anywhere");
    });
  } finally {
    await cleanup();
  }
});
