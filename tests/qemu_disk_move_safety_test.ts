// Disk move on real libvirtd, what deleteSource must never delete: the base image of linked
// clones (their VMs name only their overlays, so no VM's XML names the base). Stopped VMs, so
// no guest boots. Fails (never skips) without libvirtd on qemu:///system.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { assertLibvirtReachable } from "./support/guest.ts";
import { removePool, run, virsh, virshOrNull, withRealApp } from "./support/real_app.ts";

const PREFIX = "kvmm-dms-";
const IMAGES = "/var/lib/libvirt/images";
const POOLS = [`${PREFIX}p1`, `${PREFIX}p2`];
const VMS = [`${PREFIX}base`, `${PREFIX}clone`];

const vmXml = (name: string, file: string, readonly: boolean) =>
  `<domain type='qemu'>
  <name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${file}'/>
      <target dev='vda' bus='virtio'/>${readonly ? "<readonly/>" : ""}</disk>
  </devices>
</domain>`;

async function cleanup() {
  for (const vm of VMS) await virshOrNull("undefine", vm);
  for (const pool of POOLS) {
    await removePool(pool);
    await Deno.remove(`${IMAGES}/${pool}`, { recursive: true }).catch(() => {});
  }
}

Deno.test("qemu disk move - deleteSource keeps a disk that is the base of linked clones", async () => {
  await assertLibvirtReachable();
  await cleanup();
  try {
    for (const pool of POOLS) {
      await Deno.mkdir(`${IMAGES}/${pool}`);
      await virsh("pool-create-as", pool, "dir", "--target", `${IMAGES}/${pool}`);
    }
    const base = `${IMAGES}/${POOLS[0]}/base.qcow2`;
    const clone = `${IMAGES}/${POOLS[0]}/clone.qcow2`;
    await run("qemu-img", "create", "-q", "-f", "qcow2", base, "16M");
    await run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", base, clone);
    await virsh("pool-refresh", POOLS[0]);
    await withRealApp({}, async (t) => {
      // The base's VM reads it only (a writable use of a base is refused).
      for (const [name, file, ro] of [[VMS[0], base, true], [VMS[1], clone, false]] as const) {
        const r = await t.call("POST", "/api/vms/import", { xml: vmXml(name, file, ro) });
        assertEquals(r.status, 201, JSON.stringify(r.body));
      }
      const mv = await t.call("POST", `/api/vms/${VMS[0]}/disks/vda/move`, {
        pool: POOLS[1],
        deleteSource: true,
      });
      assertEquals(mv.status, 202, JSON.stringify(mv.body));
      let task;
      for (let i = 0; i < 200; i++) {
        task = (await t.call("GET", `/api/tasks/${mv.body.taskId}`)).body;
        if (task.status !== "running") break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assertEquals(task.status, "succeeded", JSON.stringify(task));
      assertMatch(task.message, /old volume is kept: it is the base of linked clones clone\.qcow2/);
      assert(await Deno.stat(base).then(() => true, () => false), "the base was deleted");
      assertMatch(await virsh("dumpxml", "--inactive", VMS[0]), new RegExp(`${POOLS[1]}/base`));
      await run("qemu-img", "info", "--backing-chain", clone);
    });
  } finally {
    await cleanup();
  }
});

// A running VM whose definition names another disk for its next boot (a pending XML edit): the
// block copy would copy what runs into a volume named after the pending disk, and deleteSource
// would delete the pending disk uncopied. Refused before anything is made. One TCG guest
// without an OS (it sits in its BIOS), destroyed at the end.
Deno.test("qemu disk move - a running disk with a pending change of its source is not moved", async () => {
  await assertLibvirtReachable();
  await cleanup();
  const vm = VMS[0];
  try {
    for (const pool of POOLS) {
      await Deno.mkdir(`${IMAGES}/${pool}`);
      await virsh("pool-create-as", pool, "dir", "--target", `${IMAGES}/${pool}`);
    }
    const running = `${IMAGES}/${POOLS[0]}/running.qcow2`;
    const pending = `${IMAGES}/${POOLS[0]}/pending.qcow2`;
    for (const file of [running, pending]) {
      await run("qemu-img", "create", "-q", "-f", "qcow2", file, "16M");
    }
    await virsh("pool-refresh", POOLS[0]);
    await withRealApp({}, async (t) => {
      assertEquals(
        (await t.call("POST", "/api/vms/import", { xml: vmXml(vm, running, false) })).status,
        201,
      );
      assertEquals((await t.call("POST", `/api/vms/${vm}/start`)).status, 200);
      const xml = await (await t.request(`/api/vms/${vm}/xml`)).text();
      const put = await t.call("PUT", `/api/vms/${vm}/xml`, { xml: xml.replace(running, pending) });
      assertEquals(put.status, 200, JSON.stringify(put.body));
      const mv = await t.call("POST", `/api/vms/${vm}/disks/vda/move`, {
        pool: POOLS[1],
        deleteSource: true,
      });
      assertEquals([mv.status, mv.body.code], [409, "INVALID_STATE"], JSON.stringify(mv.body));
      assertMatch(mv.body.message, /runs from .*running\.qcow2 while the next boot uses .*pending/);
      assert(await Deno.stat(pending).then(() => true, () => false), "the pending disk is gone");
      assertEquals((await virsh("vol-list", POOLS[1])).includes(".qcow2"), false, "a volume made");
    });
  } finally {
    await virshOrNull("destroy", vm);
    await cleanup();
  }
});

// A qcow2 disk's internal snapshots live inside its file, and each snapshot's definition names
// the old volume: neither copy takes them, and deleteSource would delete the only file holding
// them (a revert then fails). Refused while the VM has snapshots.
Deno.test("qemu disk move - a VM with snapshots keeps its disk where it is", async () => {
  await assertLibvirtReachable();
  await cleanup();
  const vm = VMS[0];
  try {
    for (const pool of POOLS) {
      await Deno.mkdir(`${IMAGES}/${pool}`);
      await virsh("pool-create-as", pool, "dir", "--target", `${IMAGES}/${pool}`);
    }
    const file = `${IMAGES}/${POOLS[0]}/disk.qcow2`;
    await run("qemu-img", "create", "-q", "-f", "qcow2", file, "16M");
    await virsh("pool-refresh", POOLS[0]);
    await withRealApp({}, async (t) => {
      const made = await t.call("POST", "/api/vms/import", { xml: vmXml(vm, file, false) });
      assertEquals(made.status, 201);
      const snap = await t.call("POST", `/api/vms/${vm}/snapshots`, { name: "before" });
      assertEquals(snap.status, 201, JSON.stringify(snap.body));
      const mv = await t.call("POST", `/api/vms/${vm}/disks/vda/move`, {
        pool: POOLS[1],
        deleteSource: true,
      });
      assertEquals([mv.status, mv.body.code], [409, "INVALID_STATE"], JSON.stringify(mv.body));
      assertMatch(mv.body.message, /has snapshots: a moved disk would leave them behind/);
      assertEquals((await t.call("POST", `/api/vms/${vm}/snapshots/before/revert`)).status, 200);
    });
  } finally {
    const snaps = await virshOrNull("snapshot-list", vm, "--name");
    for (const s of (snaps ?? "").split("\n").map((x) => x.trim()).filter(Boolean)) {
      await virshOrNull("snapshot-delete", vm, s, "--metadata");
    }
    await cleanup();
  }
});
