// FINDING 6 (data loss): a qcow2 disk's internal snapshots live inside its file; neither the
// stopped VM's copy (qemu-img convert) nor a block copy carries them. A move with deleteSource
// then deletes the only file holding them, while libvirt still lists the snapshots: the next
// revert fails. The move is not refused and does not warn.
//
// Run (root, real libvirtd; stopped VM, no guest boots):
//   node_modules/.bin/deno test -A attack47/qemu_disk_move_snapshots.attack.ts
import { assertEquals } from "../tests/support/assert.ts";
import { removePool, run, virsh, virshOrNull, withRealApp } from "../tests/support/real_app.ts";

const P = "kvmm-atk-snap-";
const IMAGES = "/var/lib/libvirt/images";
const VM = `${P}vm`;

const vmXml = (file: string) =>
  `<domain type='qemu'>
  <name>${VM}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='${file}'/><target dev='vda' bus='virtio'/></disk>
  </devices>
</domain>`;

async function cleanup() {
  const snaps = await virshOrNull("snapshot-list", VM, "--name");
  for (const s of (snaps ?? "").split("\n").map((x) => x.trim()).filter(Boolean)) {
    await virshOrNull("snapshot-delete", VM, s, "--metadata");
  }
  await virshOrNull("undefine", VM);
  for (const pool of [`${P}p1`, `${P}p2`]) await removePool(pool);
  for (const d of ["p1", "p2"]) {
    await Deno.remove(`${IMAGES}/${P}${d}`, { recursive: true }).catch(() => {});
  }
}

Deno.test("finding: moving a disk with internal snapshots drops them (deleteSource loses them)", async () => {
  await cleanup();
  try {
    for (const d of ["p1", "p2"]) {
      await Deno.mkdir(`${IMAGES}/${P}${d}`);
      await virsh("pool-create-as", `${P}${d}`, "dir", "--target", `${IMAGES}/${P}${d}`);
    }
    const disk = `${IMAGES}/${P}p1/disk.qcow2`;
    await run("qemu-img", "create", "-q", "-f", "qcow2", disk, "16M");
    await virsh("pool-refresh", `${P}p1`);
    await withRealApp({}, async (t) => {
      assertEquals((await t.call("POST", "/api/vms/import", { xml: vmXml(disk) })).status, 201);
      const snap = await t.call("POST", `/api/vms/${VM}/snapshots`, { name: "before" });
      console.log("snapshot:", snap.status, snap.body?.code ?? "");
      assertEquals(snap.status, 201, JSON.stringify(snap.body));
      const mv = await t.call("POST", `/api/vms/${VM}/disks/vda/move`, {
        pool: `${P}p2`,
        deleteSource: true,
      });
      console.log("move:", mv.status, mv.body?.code ?? "", mv.body?.message ?? "");
      if (mv.status !== 202) return; // refused: held
      let task;
      for (let i = 0; i < 200; i++) {
        task = (await t.call("GET", `/api/tasks/${mv.body.taskId}`)).body;
        if (task.status !== "running") break;
        await new Promise((r) => setTimeout(r, 100));
      }
      console.log("task:", task.status, task.message ?? "");
      const listed = await t.call("GET", `/api/vms/${VM}/snapshots`);
      console.log("snapshots still listed:", JSON.stringify(listed.body).slice(0, 120));
      const inNew = await run("qemu-img", "snapshot", "-l", `${IMAGES}/${P}p2/disk.qcow2`);
      console.log("internal snapshots in the new file:", JSON.stringify(inNew.trim()));
      const revert = await t.call("POST", `/api/vms/${VM}/snapshots/before/revert`);
      console.log("revert:", revert.status, revert.body?.message ?? "");
      assertEquals(revert.status, 200, "the snapshot was lost by the move");
    });
  } finally {
    await cleanup();
  }
});
