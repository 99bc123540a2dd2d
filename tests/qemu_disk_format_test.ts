// Attaching a disk whose declared format is not the file's own, on real libvirtd (qemu:///system):
// a raw file declared qcow2 (the default) and a qcow2 image declared raw are refused with 400
// naming the disk and the file's real format, before libvirt or QEMU is asked; running or not.
// Fails (never skips) without libvirtd on qemu:///system.

import { assertEquals, assertMatch } from "./support/assert.ts";
import { cleanupGuestsNamed, defineDisklessGuest } from "./support/guest.ts";
import { type ApiResult, removePool, run, virsh, withRealApp } from "./support/real_app.ts";

const PREFIX = "kvmm-fmt-";
const POOL = `${PREFIX}pool`;
const IMAGES = "/var/lib/libvirt/images";

function refused(r: ApiResult, words: RegExp): void {
  assertEquals(r.status, 400, JSON.stringify(r.body));
  assertEquals(r.body.code, "DISK_SOURCE_REFUSED", r.body.message);
  assertMatch(r.body.message, words);
}

Deno.test("qemu disk format - a disk declared in a format not its own is refused with 400", async () => {
  await cleanupGuestsNamed(PREFIX);
  await removePool(POOL);
  const dir = await Deno.makeTempDir({ dir: IMAGES, prefix: PREFIX });
  try {
    await Deno.chmod(dir, 0o755); // QEMU runs as libvirt-qemu
    await run("qemu-img", "create", "-q", "-f", "raw", `${dir}/plain.img`, "16M");
    await run("qemu-img", "create", "-q", "-f", "qcow2", `${dir}/image.qcow2`, "16M");
    for (const f of ["plain.img", "image.qcow2"]) await Deno.chmod(`${dir}/${f}`, 0o644);
    await virsh("pool-define-as", POOL, "dir", "--target", dir);
    await virsh("pool-start", POOL);
    const running = await defineDisklessGuest(`${PREFIX}on`);
    await virsh("start", `${PREFIX}on`);
    const stopped = await defineDisklessGuest(`${PREFIX}off`);

    await withRealApp({ storageRoots: [IMAGES] }, async ({ call }) => {
      for (const id of [running, stopped]) {
        refused(
          await call("POST", `/api/vms/${id}/disks`, { volumePath: `${dir}/plain.img` }),
          new RegExp(`^Disk vda: .*/plain\\.img is a raw image, not qcow2`),
        );
        refused(
          await call("POST", `/api/vms/${id}/disks`, {
            volumePath: `${dir}/plain.img`,
            format: "qcow2",
          }),
          /^Disk vda: .*is a raw image, not qcow2/,
        );
        refused(
          await call("POST", `/api/vms/${id}/disks`, {
            volumePath: `${dir}/image.qcow2`,
            format: "raw",
          }),
          /^Disk vda: .*\/image\.qcow2 is a qcow2 image, not raw/,
        );
      }
      // Nothing reached either VM; the files attach in their own formats.
      for (const name of ["on", "off"]) {
        assertEquals(/plain|image\.qcow2/.test(await virsh("dumpxml", `${PREFIX}${name}`)), false);
      }
      // (Onto the stopped VM: this minimal guest's PCI bus takes no hotplug.)
      const raw = await call("POST", `/api/vms/${stopped}/disks`, {
        volumePath: `${dir}/plain.img`,
        format: "raw",
      });
      assertEquals(raw.status, 201, JSON.stringify(raw.body));
      const qcow2 = await call("POST", `/api/vms/${stopped}/disks`, {
        volumePath: `${dir}/image.qcow2`,
      });
      assertEquals(qcow2.status, 201, JSON.stringify(qcow2.body));
    });
  } finally {
    await cleanupGuestsNamed(PREFIX);
    await removePool(POOL);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
