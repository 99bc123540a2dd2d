// ATTACK (finding 4): "Move disk … deleteSource: true" deletes the old volume when no VM's XML
// names it (diskUsers) — but never asks whether it is the BASE of linked clones, which every
// other delete does (lib/storage/linked.ts refuseBase: "whatever would delete it asks
// linkedChildren first"). Moving a VM's disk that other VMs' linked clones read from deletes
// their base image: the clones (and the VMs using them) are broken beyond repair.
//
// Run (root, real libvirtd): node_modules/.bin/deno test -A attack47/qemu_disk_move_deletes_base.attack.ts
import { assert, assertEquals } from "../tests/support/assert.ts";
import { removePool, run, virsh, virshOrNull, withRealApp } from "../tests/support/real_app.ts";

const P = "kvmm-atk-mv-";
const IMAGES = "/var/lib/libvirt/images";

const vmXml = (name: string, file: string, ro = "") =>
  `<domain type='qemu'>
  <name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='${file}'/><target dev='vda' bus='virtio'/>${ro}</disk>
  </devices>
</domain>`;

async function cleanup() {
  for (const vm of [`${P}a`, `${P}b`]) await virshOrNull("undefine", vm);
  for (const pool of [`${P}p1`, `${P}p2`]) await removePool(pool);
  for (const d of ["p1", "p2"]) {
    await Deno.remove(`${IMAGES}/${P}${d}`, { recursive: true }).catch(() => {});
  }
}

Deno.test("attack: disk move with deleteSource deletes the base image of linked clones", async () => {
  await cleanup();
  try {
    for (const d of ["p1", "p2"]) {
      await Deno.mkdir(`${IMAGES}/${P}${d}`);
      await virsh("pool-create-as", `${P}${d}`, "dir", "--target", `${IMAGES}/${P}${d}`);
    }
    const base = `${IMAGES}/${P}p1/a.qcow2`;
    const clone = `${IMAGES}/${P}p1/b-clone.qcow2`;
    await run("qemu-img", "create", "-q", "-f", "qcow2", base, "16M");
    await run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", base, clone);
    await virsh("pool-refresh", `${P}p1`);
    await withRealApp({}, async (t) => {
      // A uses the base read-only, as the refusal of a writable use advises.
      for (const [name, file, ro] of [[`${P}a`, base, "<readonly/>"], [`${P}b`, clone, ""]]) {
        const r = await t.call("POST", "/api/vms/import", { xml: vmXml(name, file, ro) });
        assertEquals(r.status, 201, JSON.stringify(r.body));
      }
      // The convention elsewhere: the volume API refuses to delete a base of linked clones.
      const del = await t.call("DELETE", `/api/pools/${P}p1/volumes/a.qcow2`);
      console.log("volume delete of the base:", del.status, del.body?.code, del.body?.message);

      const mv = await t.call("POST", `/api/vms/${P}a/disks/vda/move`, {
        pool: `${P}p2`,
        deleteSource: true,
      });
      console.log("move:", mv.status, JSON.stringify(mv.body));
      assertEquals(mv.status, 202);
      let task;
      for (let i = 0; i < 100; i++) {
        task = (await t.call("GET", `/api/tasks/${mv.body.taskId}`)).body;
        if (task.status !== "running") break;
        await new Promise((r) => setTimeout(r, 100));
      }
      console.log("task:", task.status, task.message ?? task.result ?? "");
      const baseGone = await Deno.stat(base).then(() => false, () => true);
      const info = await new Deno.Command("qemu-img", {
        args: ["info", "--backing-chain", clone],
        stderr: "piped",
        stdout: "null",
      }).output();
      console.log(
        "base deleted:",
        baseGone,
        "| qemu-img info clone:",
        new TextDecoder().decode(info.stderr).trim(),
      );
      // A fixed product keeps the base (refuses, or keeps it with a note).
      assert(!baseGone, "the base of a linked clone was deleted by the move");
    });
  } finally {
    await cleanup();
  }
});
