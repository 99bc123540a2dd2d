// OVA export and import never reach a file outside the pools (issue 43 item 4), on real libvirtd
// with a dir pool of the test's own: a VM whose disk is a file outside any pool, a pool volume
// that is a link to a file outside, and a qcow2 whose backing file is outside are refused
// (DISK_SOURCE_REFUSED, nothing exported); an .ova volume that is a link to a file outside is
// refused with nothing imported; an import never writes through a link lying in the pool under a
// name it would choose; and a disk chain opened for an export reads the files that
// were opened even when links are swapped in for their names afterwards. Fails (never skips)
// without libvirtd.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { removePool, run, virsh, virshOrNull, withRealApp } from "./support/real_app.ts";
import { assertLibvirtReachable } from "./support/guest.ts";
import { LibvirtClient } from "../ffi/libvirt/client.ts";
import { pinDiskChain } from "../lib/ova/disk_chain.ts";

const PREFIX = "kvmm-ovapin-";
const POOL = `${PREFIX}pool`;
const VM = `${PREFIX}vm`;
const IMAGES = "/var/lib/libvirt/images";
const MIB = 1024 * 1024;

/** A pool of the test's own (a dir under IMAGES) and a folder outside any pool, removed after. */
async function withPool(
  fn: (dirs: { root: string; outside: string }) => Promise<void>,
): Promise<void> {
  await assertLibvirtReachable();
  await removeVm();
  await removePool(POOL);
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: PREFIX });
  const outside = await Deno.makeTempDir({ prefix: `${PREFIX}out-` });
  try {
    await virsh("pool-create-as", POOL, "dir", "--target", root);
    await fn({ root, outside });
  } finally {
    await removeVm();
    await removePool(POOL);
    await Deno.remove(root, { recursive: true }).catch(() => {});
    await Deno.remove(outside, { recursive: true }).catch(() => {});
  }
}

async function removeVm(): Promise<void> {
  await virshOrNull("undefine", VM);
}

/** Defines the stopped VM `VM` with one disk at `path` (format `format`). */
async function defineVm(path: string, format: string): Promise<void> {
  await removeVm();
  const file = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
  try {
    await Deno.writeTextFile(
      file,
      `<domain type='qemu'><name>${VM}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>` +
        `<os><type arch='x86_64'>hvm</type></os><devices>` +
        `<disk type='file' device='disk'><driver name='qemu' type='${format}'/>` +
        `<source file='${path}'/><target dev='vda' bus='virtio'/></disk>` +
        `</devices></domain>`,
    );
    await virsh("define", file);
  } finally {
    await Deno.remove(file);
  }
}

async function volumes(): Promise<string[]> {
  await virsh("pool-refresh", POOL);
  return (await virsh("vol-list", POOL)).split("\n").slice(2)
    .map((l) => l.trim().split(/\s+/)[0]).filter(Boolean).sort();
}

/** `bytes` bytes of `fill`. */
function filled(bytes: number, fill: number): Uint8Array {
  return new Uint8Array(bytes).fill(fill);
}

Deno.test("qemu ova links - export refuses a disk outside any pool, a volume linked outside and a backing file outside; nothing exported", async () => {
  await withPool(async ({ root, outside }) => {
    const secret = `${outside}/secret.raw`;
    await Deno.writeFile(secret, filled(MIB, 0x5a));
    await Deno.symlink(secret, `${root}/linked.raw`);
    await run(
      "qemu-img",
      "create",
      "-q",
      "-f",
      "qcow2",
      "-b",
      secret,
      "-F",
      "raw",
      `${root}/overlay.qcow2`,
    );
    const before = await volumes();
    assertEquals(before, ["linked.raw", "overlay.qcow2"]);
    await withRealApp({}, async (t) => {
      for (
        const [disk, format, words] of [
          [secret, "raw", /is not a volume of a storage pool/],
          [`${root}/linked.raw`, "raw", /is a link to .*secret\.raw, outside pool/],
          [`${root}/overlay.qcow2`, "qcow2", /backing file of .*overlay\.qcow2: .*secret\.raw/],
        ] as const
      ) {
        await defineVm(disk, format);
        const res = await t.call("POST", `/api/vms/${VM}/export`, {
          pool: POOL,
          name: `${PREFIX}out.ova`,
        });
        assertEquals([res.status, res.body.code], [400, "DISK_SOURCE_REFUSED"], disk);
        assertMatch(res.body.message, words);
        assertEquals(await volumes(), before, "nothing exported");
      }
    });
    assertEquals(await Deno.readFile(secret), filled(MIB, 0x5a), "the outside file is as it was");
  });
});

Deno.test("qemu ova links - import refuses an .ova volume that is a link to a file outside the pool; nothing imported", async () => {
  await withPool(async ({ root, outside }) => {
    // A whole OVA (a descriptor and its two disks), outside the pool.
    const ovf = (await Deno.readTextFile(
      new URL("../lib/ova/fixtures/virtualbox.ovf", import.meta.url),
    )).replace(/ovf:href="Debian box-disk00(\d).vmdk"/g, 'ovf:href="d$1.vmdk"');
    await Deno.writeTextFile(`${outside}/a.ovf`, ovf);
    for (const disk of ["d1.vmdk", "d2.vmdk"]) {
      await run(
        "qemu-img",
        "create",
        "-q",
        "-f",
        "vmdk",
        "-o",
        "subformat=streamOptimized",
        `${outside}/${disk}`,
        "16M",
      );
    }
    await run("tar", "cf", `${outside}/real.ova`, "-C", outside, "a.ovf", "d1.vmdk", "d2.vmdk");
    const bytes = await Deno.readFile(`${outside}/real.ova`);
    const name = `${PREFIX}x.ova`;
    await Deno.symlink(`${outside}/real.ova`, `${root}/${name}`);
    assertEquals(await volumes(), [name]);
    await withRealApp({}, async (t) => {
      const res = await t.call("POST", `/api/pools/${POOL}/volumes/${name}/import-ova`);
      assertEquals([res.status, res.body.code], [400, "DISK_SOURCE_REFUSED"], JSON.stringify(res));
      assertMatch(res.body.message, /is a link: only a pool's own files are used/);
      assertEquals(await volumes(), [name], "nothing imported");
    });
    assertEquals(await Deno.readFile(`${outside}/real.ova`), bytes);
  });
});

Deno.test("qemu ova links - import never writes through a link lying in the pool under a name it would choose", async () => {
  await withPool(async ({ root, outside }) => {
    const work = `${outside}/work`;
    await Deno.mkdir(work);
    const ovf = (await Deno.readTextFile(
      new URL("../lib/ova/fixtures/virtualbox.ovf", import.meta.url),
    )).replace(/ovf:href="Debian box-disk00(\d).vmdk"/g, 'ovf:href="d$1.vmdk"');
    await Deno.writeTextFile(`${work}/a.ovf`, ovf);
    await Deno.writeFile(`${work}/d.raw`, filled(4 * MIB, 0x7e));
    for (const disk of ["d1.vmdk", "d2.vmdk"]) {
      await run(
        "qemu-img",
        "convert",
        "-O",
        "vmdk",
        "-o",
        "subformat=streamOptimized",
        `${work}/d.raw`,
        `${work}/${disk}`,
      );
    }
    const name = `${PREFIX}y.ova`;
    await run("tar", "cf", `${root}/${name}`, "-C", work, "a.ovf", "d1.vmdk", "d2.vmdk");
    // Links leading nowhere yet: libvirt lists no volume for them.
    for (const at of [1, 2]) {
      await Deno.symlink(`${outside}/target${at}.qcow2`, `${root}/Debian-box-disk${at}.qcow2`);
    }
    assertEquals(await volumes(), [name]);
    await withRealApp({}, async (t) => {
      const res = await t.call("POST", `/api/pools/${POOL}/volumes/${name}/import-ova`);
      assertEquals(res.status, 201, JSON.stringify(res.body));
      assertEquals(
        res.body.volumes.map((v: { name: string }) => v.name),
        ["Debian-box-2-disk1.qcow2", "Debian-box-2-disk2.qcow2"],
      );
    });
    for (const at of [1, 2]) {
      const target = await Deno.lstat(`${outside}/target${at}.qcow2`).then(() => true, () => false);
      assertEquals(target, false, `nothing made where link ${at} leads`);
    }
    await run(
      "qemu-img",
      "compare",
      "-F",
      "raw",
      `${root}/Debian-box-2-disk1.qcow2`,
      `${work}/d.raw`,
    );
  });
});

Deno.test("qemu ova links - a disk chain opened for export reads the opened files after links are swapped in for their names", async () => {
  await withPool(async ({ root, outside }) => {
    const secret = `${outside}/secret.raw`;
    await Deno.writeFile(secret, filled(4 * MIB, 0x5a));
    // A raw base with 0x11, an overlay over it (named relatively) with 0x22 in its second MiB.
    await Deno.writeFile(`${root}/base.raw`, filled(4 * MIB, 0x11));
    await run(
      "qemu-img",
      "create",
      "-q",
      "-f",
      "qcow2",
      "-b",
      "base.raw",
      "-F",
      "raw",
      `${root}/top.qcow2`,
    );
    await run("qemu-io", "-f", "qcow2", "-c", "write -P 0x22 1M 1M", `${root}/top.qcow2`);
    await volumes();
    const client = new LibvirtClient({ uri: "qemu:///system" });
    try {
      assert(await client.connect(), "connects");
      await using chain = await pinDiskChain(client, {
        path: `${root}/top.qcow2`,
        format: "qcow2",
        label: "Disk vda",
      });
      // Both names now lead outside, the files themselves moved aside.
      for (const file of ["base.raw", "top.qcow2"]) {
        await Deno.rename(`${root}/${file}`, `${root}/${file}.moved`);
        await Deno.symlink(secret, `${root}/${file}`);
      }
      await run("qemu-img", "convert", "-O", "raw", chain.source, `${outside}/read.raw`);
      const read = await Deno.readFile(`${outside}/read.raw`);
      const want = filled(4 * MIB, 0x11);
      want.fill(0x22, MIB, 2 * MIB);
      assertEquals(read, want, "the opened overlay over the opened base");
      assert(!chain.source.includes(root), `qemu-img is given no name: ${chain.source}`);
    } finally {
      await client.close();
    }
    assertEquals(await Deno.readFile(secret), filled(4 * MIB, 0x5a));
  });
});
