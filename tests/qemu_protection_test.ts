// VM protection on real libvirtd (issue 46 item 3): the mark passes libvirt's schema check when
// set, stays in the definition virsh shows, and a protected VM survives delete with its disks
// (409 VM_PROTECTED) with its real volume in place; the storage page cannot delete that volume
// either, nor can an XML edit drop the mark or the disk, nor a detach the disk. Removing the protection lets the delete take VM and disk.
// Fails (never skips) without libvirtd on qemu:///system.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { assertLibvirtReachable, ensurePool, TEST_POOL } from "./support/guest.ts";
import { virsh, virshOrNull, withRealApp } from "./support/real_app.ts";

const PREFIX = "kvmm-protect-";
const VM = `${PREFIX}db`;
const VOL = `${VM}.qcow2`;

/** Removes what this file made (also after a crashed run): its VM and its volume. */
async function cleanup(): Promise<void> {
  const vms = (await virsh("list", "--all", "--name")).split("\n").map((s) => s.trim());
  for (const vm of vms.filter((n) => n.startsWith(PREFIX))) {
    await virshOrNull("destroy", vm);
    await virshOrNull("undefine", vm);
  }
  await virshOrNull("pool-refresh", TEST_POOL);
  await virshOrNull("vol-delete", "--pool", TEST_POOL, VOL);
}

async function defineVm(): Promise<string> {
  await ensurePool();
  await virsh("vol-create-as", TEST_POOL, VOL, "16M", "--format", "qcow2");
  const path = (await virsh("vol-path", "--pool", TEST_POOL, VOL)).trim();
  const file = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
  try {
    await Deno.writeTextFile(
      file,
      `<domain type='qemu'><name>${VM}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
        <os><type arch='x86_64'>hvm</type></os><devices>
        <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
          <source file='${path}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
    );
    await virsh("define", file);
  } finally {
    await Deno.remove(file).catch(() => {});
  }
  return path;
}

const volumeThere = async (path: string) => await Deno.stat(path).then(() => true, () => false);

Deno.test("qemu protection - a protected VM and its real disk survive delete with disks", async () => {
  await assertLibvirtReachable();
  await cleanup();
  try {
    const path = await defineVm();
    await withRealApp({}, async ({ call }) => {
      const set = await call("PUT", `/api/vms/${VM}/protection`, { protected: true });
      assertEquals(set.status, 200, JSON.stringify(set.body));
      // libvirt keeps it in the definition, in our namespace.
      const xml = await virsh("dumpxml", "--inactive", VM);
      assertMatch(xml, /<kvmm:vm xmlns:kvmm="https:\/\/github\.com\/kvm-manager\/xmlns\/vm\/1">/);
      assertMatch(xml, /<kvmm:protected\/>/);

      // XML edits whose mark libvirt drops (no namespace; an empty element of ours first) keep
      // the protection, and one without the disk, like a detach, is refused.
      const NS = "https://github.com/kvm-manager/xmlns/vm/1";
      for (
        const metadata of [
          "<vm><protected/></vm>",
          `<kvmm:vm xmlns:kvmm="${NS}"/><kvmm:vm xmlns:kvmm="${NS}"><kvmm:protected/></kvmm:vm>`,
        ]
      ) {
        const edited = xml.replace(
          /<metadata>[\s\S]*<\/metadata>/,
          `<metadata>${metadata}</metadata>`,
        );
        const put = await call("PUT", `/api/vms/${VM}/xml`, { xml: edited });
        assertEquals(put.status, 200, JSON.stringify(put.body));
        assertMatch(await virsh("dumpxml", "--inactive", VM), /<kvmm:protected\/>/, metadata);
      }
      const noDisk = await call("PUT", `/api/vms/${VM}/xml`, {
        xml: xml.replace(/<disk[\s\S]*?<\/disk>/, ""),
      });
      assertEquals([noDisk.status, noDisk.body.code], [409, "VM_PROTECTED"]);
      const detach = await call("DELETE", `/api/vms/${VM}/disks/vda`);
      assertEquals([detach.status, detach.body.code], [409, "VM_PROTECTED"]);
      assertEquals(
        detach.body.message,
        `${VM} is protected — remove the protection to remove its disks`,
      );
      assert((await virsh("dumpxml", "--inactive", VM)).includes(path), "the disk was removed");

      for (const body of [{ deleteDisks: true }, { volumes: [path] }, {}]) {
        const del = await call("DELETE", `/api/vms/${VM}`, body);
        assertEquals(del.status, 409, JSON.stringify(del.body));
        assertEquals(del.body.code, "VM_PROTECTED");
        assertEquals(
          del.body.message,
          `${VM} is protected — remove the protection to delete it`,
        );
      }
      assert(await volumeThere(path), "the protected VM's disk was deleted");
      assertEquals((await virsh("domstate", VM)).trim(), "shut off");
      const vol = await call("DELETE", `/api/pools/${TEST_POOL}/volumes/${VOL}`);
      assertEquals([vol.status, vol.body.code], [409, "VOLUME_IN_USE"]);
      assert(await volumeThere(path), "the volume was deleted through the storage page");

      const off = await call("PUT", `/api/vms/${VM}/protection`, { protected: false });
      assertEquals(off.status, 200, JSON.stringify(off.body));
      assert(!(await virsh("dumpxml", "--inactive", VM)).includes("kvmm:protected"));
      const del = await call("DELETE", `/api/vms/${VM}`, { deleteDisks: true });
      assertEquals(del.status, 200, JSON.stringify(del.body));
      assertEquals(del.body.deletedDisks, [path]);
      assert(!await volumeThere(path), "the disk stayed after the unprotected delete");
    });
  } finally {
    await cleanup();
  }
});
