// Linked clones on real libvirtd (qemu:///system): a VM created with `baseImagePath` gets a qcow2
// overlay of the base in the same pool, boots (TCG), and what is written goes to its overlay
// only (the base's checksum is unchanged, reads of unwritten blocks fall through to the base);
// the base cannot be deleted while the clone reads it (409 naming it), is listed with its clone,
// and "make independent" copies the base's blocks into the overlay, after which the base may go.
// Fails (never skips) without libvirtd.

import { assertEquals, assertMatch } from "./support/assert.ts";
import {
  cleanupGuestsNamed,
  domstate,
  ensureAssetsPool,
  ensurePool,
  shutdownProvesBoot,
  TEST_POOL,
  virsh,
} from "./support/guest.ts";
import { imageInfo, run, sha256OfFile, withRealApp } from "./support/real_app.ts";

const PREFIX = "kvmm-test-lc-";
const BASE = `${PREFIX}base.qcow2`;

async function removeVolume(name: string) {
  await virsh("vol-delete", "--pool", TEST_POOL, name).catch(() => {});
}

Deno.test("qemu linked clone - boots, writes only to its overlay, keeps its base, is made independent", async () => {
  await cleanupGuestsNamed(PREFIX);
  await ensurePool();
  await removeVolume(BASE);
  const { kernel, initrd } = await ensureAssetsPool();
  const name = `${PREFIX}vm`;
  try {
    // The base: 64 MiB, its first 2 MiB written with 0x5a.
    await virsh("vol-create-as", TEST_POOL, BASE, "64M", "--format", "qcow2");
    const base = (await virsh("vol-path", "--pool", TEST_POOL, BASE)).trim();
    await run("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 0 2M", base);
    const baseSum = (await sha256OfFile(base)).hex;

    await withRealApp({}, async (t) => {
      const created = await t.call("POST", "/api/vms", {
        name,
        cpuCount: 1,
        memoryMb: 192,
        diskSizeGb: 1,
        osType: "linux",
        network: "",
        diskFormat: "qcow2",
        bootMenu: false,
        storagePool: TEST_POOL,
        virtType: "qemu",
        baseImagePath: base,
        directKernel: {
          kernelPath: kernel,
          initrdPath: initrd,
          cmdline: "console=tty0 console=ttyS0",
        },
        start: true,
      });
      assertEquals(created.status, 201, JSON.stringify(created.body));
      const overlay = (await virsh("vol-path", "--pool", TEST_POOL, `${name}.qcow2`)).trim();
      const info = await imageInfo(overlay) as Record<string, unknown>;
      assertEquals([info.format, info["backing-filename"], info["virtual-size"]], [
        "qcow2",
        base,
        1024 ** 3,
      ]);
      assertEquals(await domstate(name), "running");
      await shutdownProvesBoot(name);

      // Written through the clone: the overlay holds it, the base is as it was, and what the
      // clone did not write it reads from the base.
      await run("qemu-io", "-f", "qcow2", "-c", "write -P 0xa5 0 1M", overlay);
      await run("qemu-io", "-f", "qcow2", "-c", "read -P 0xa5 0 1M", overlay);
      await run("qemu-io", "-f", "qcow2", "-c", "read -P 0x5a 1M 1M", overlay);
      assertEquals((await sha256OfFile(base)).hex, baseSum, "the base is unchanged");

      const baseUrl = `/api/pools/${TEST_POOL}/volumes/${BASE}`;
      const clones = await t.call("GET", `${baseUrl}/clones`);
      assertEquals(clones.body, {
        clones: [{ name: `${name}.qcow2`, path: overlay, vms: [name] }],
      });
      const refused = await t.call("DELETE", baseUrl);
      assertEquals([refused.status, refused.body.code], [409, "VOLUME_IN_USE"]);
      assertMatch(refused.body.message, new RegExp(`base of linked clones ${name}\\.qcow2`));

      // No VM may write to the base while it has clones: not as an imported disk, not as a disk
      // attached to a VM; read-only, as a CD-ROM is, it may.
      const writes = new RegExp(
        `${base} is the base of linked clones ${name}\\.qcow2: a VM writing to it would corrupt`,
      );
      const imported = await t.call("POST", "/api/vms", {
        name: `${PREFIX}writer`,
        cpuCount: 1,
        memoryMb: 128,
        osType: "linux",
        network: "",
        diskFormat: "qcow2",
        bootMenu: false,
        storagePool: TEST_POOL,
        virtType: "qemu",
        importDiskPath: base,
      });
      assertEquals(imported.status, 400, JSON.stringify(imported.body));
      assertMatch(JSON.stringify(imported.body), writes);
      const attached = await t.call("POST", `/api/vms/${name}/disks`, { volumePath: base });
      assertEquals([attached.status, attached.body.code], [400, "DISK_SOURCE_REFUSED"]);
      assertMatch(attached.body.message, writes);
      assertEquals(await virsh("domblklist", name).then((l) => l.includes(base)), false);
      // Nor through the XML editor as a second writable disk; as a read-only one it is taken.
      const xml = (await t.call("GET", `/api/vms/${name}/xml`)).body as string;
      const withBase = (extra: string) =>
        xml.replace(
          "</devices>",
          `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${base}'/>` +
            `<target dev='vdz' bus='virtio'/>${extra}</disk></devices>`,
        );
      const edited = await t.call("PUT", `/api/vms/${name}/xml`, { xml: withBase("") });
      assertEquals([edited.status, edited.body.code], [400, "DISK_SOURCE_REFUSED"]);
      assertMatch(edited.body.message, writes);
      const readOnly = await t.call("PUT", `/api/vms/${name}/xml`, {
        xml: withBase("<readonly/>"),
      });
      assertEquals(readOnly.status, 200, JSON.stringify(readOnly.body));
      assertEquals((await t.call("PUT", `/api/vms/${name}/xml`, { xml })).status, 200);

      // Made independent: no backing file, the base's blocks inside, the clone's own kept.
      const flat = await t.call("POST", `/api/pools/${TEST_POOL}/volumes/${name}.qcow2/flatten`);
      assertEquals(flat.status, 200, JSON.stringify(flat.body));
      assertEquals(flat.body.backingPath, null);
      const after = await imageInfo(overlay) as Record<string, unknown>;
      assertEquals(after["backing-filename"], undefined);
      await run("qemu-io", "-f", "qcow2", "-c", "read -P 0xa5 0 1M", overlay);
      await run("qemu-io", "-f", "qcow2", "-c", "read -P 0x5a 1M 1M", overlay);
      const again = await t.call("POST", `/api/pools/${TEST_POOL}/volumes/${name}.qcow2/flatten`);
      assertEquals([again.status, again.body.code], [409, "INVALID_STATE"]);
      assertEquals((await t.call("DELETE", baseUrl)).status, 204);
      // The VM still boots from its now independent disk.
      assertEquals((await t.call("POST", `/api/vms/${name}/start`)).status, 200);
      assertEquals(await domstate(name), "running");
      await shutdownProvesBoot(name);
    });
  } finally {
    await cleanupGuestsNamed(PREFIX);
    await removeVolume(`${name}.qcow2`);
    await removeVolume(BASE);
  }
});
