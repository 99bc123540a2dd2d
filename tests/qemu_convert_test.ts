// Foreign disks on real libvirtd: vmdk, vhdx, vhd and vdi images made by qemu-img, uploaded into a
// pool as they are, converted into qcow2 and raw volumes whose contents `qemu-img compare` finds
// equal to the original; a vmdk whose data lives in other files (a descriptor) and an image with
// a backing file are refused before anything is made. Fails (never skips) without libvirtd.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  imageInfo,
  type RealApp,
  removePool,
  run,
  T4_PREFIX,
  virsh,
  withRealApp,
} from "./support/real_app.ts";
import { assertLibvirtReachable } from "./support/guest.ts";

const IMAGES = "/var/lib/libvirt/images";
const POOL = `${T4_PREFIX}conv`;
const MIB = 1024 * 1024;

async function volumes(): Promise<string[]> {
  return (await virsh("vol-list", POOL)).split("\n").slice(2).map((l) => l.trim().split(/\s+/)[0])
    .filter(Boolean).sort();
}

/** Uploads `file` as volume `name` through the API, as a browser would. */
async function upload(t: RealApp, name: string, file: string) {
  const bytes = await Deno.readFile(file);
  const res = await t.request(`/api/pools/${POOL}/volumes/${name}/content`, {
    method: "PUT",
    headers: { "content-length": String(bytes.length) },
    body: bytes,
  });
  assertEquals(res.status, 201, await res.text());
}

Deno.test("qemu convert - vmdk, vhdx, vhd and vdi into qcow2 and raw with the same contents; descriptors and backing files refused", async () => {
  await assertLibvirtReachable();
  await removePool(POOL);
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: `${T4_PREFIX}conv-` });
  const scratch = await Deno.makeTempDir({ prefix: "kvmm-conv-" });
  try {
    const raw = `${scratch}/disk.raw`;
    const data = new Uint8Array(8 * MIB);
    for (let i = 0; i < data.length; i += 4096) data[i] = (i >> 12) & 255;
    await Deno.writeFile(raw, data);
    await withRealApp({ storageRoots: [IMAGES] }, async (t) => {
      const made = await t.call("POST", "/api/pools", { name: POOL, type: "dir", path: root });
      assertEquals(made.status, 201, JSON.stringify(made.body));
      for (
        const [format, ending] of [["vmdk", "vmdk"], ["vhdx", "vhdx"], ["vpc", "vhd"], [
          "vdi",
          "vdi",
        ]]
      ) {
        const file = `${scratch}/disk.${ending}`;
        await run("qemu-img", "convert", "-f", "raw", "-O", format, raw, file);
        await upload(t, `in.${ending}`, file);
        for (const target of ["qcow2", "raw"] as const) {
          const name = `out-${ending}.${target}`;
          const res = await t.call("POST", `/api/pools/${POOL}/volumes/in.${ending}/convert`, {
            name,
            format: target,
          });
          assertEquals(res.status, 201, `${ending} → ${target}: ${JSON.stringify(res.body)}`);
          assertEquals([res.body.name, res.body.format], [name, target]);
          const path = `${root}/${name}`;
          assertEquals((await imageInfo(path)).format, target);
          // Same guest-visible contents as the original disk.
          await run("qemu-img", "compare", "-f", "raw", "-F", target, raw, path);
        }
      }

      // A vmdk descriptor whose extent is another file (here the scratch disk; it could name
      // any file on the host): refused, nothing made.
      const split = `${scratch}/split.vmdk`;
      await run(
        "qemu-img",
        "convert",
        "-f",
        "raw",
        "-O",
        "vmdk",
        "-o",
        "subformat=twoGbMaxExtentFlat",
        raw,
        split,
      );
      const descriptor = (await Deno.readTextFile(split)).replace(/"split-f001\.vmdk"/, `"${raw}"`);
      assert(descriptor.includes(raw), descriptor);
      await Deno.writeTextFile(split, descriptor);
      await upload(t, "split.vmdk", split);
      const before = await volumes();
      const desc = await t.call("POST", `/api/pools/${POOL}/volumes/split.vmdk/convert`, {
        name: "split.qcow2",
        format: "qcow2",
      });
      assertEquals([desc.status, desc.body.code], [400, "DISK_SOURCE_REFUSED"]);
      assertMatch(desc.body.message, /vmdk descriptor whose data is in another file/);

      // An overlay with a backing file: refused.
      const over = `${scratch}/over.qcow2`;
      await run("qemu-img", "create", "-f", "qcow2", "-b", raw, "-F", "raw", over);
      await upload(t, "over.qcow2", over);
      const backed = await t.call("POST", `/api/pools/${POOL}/volumes/over.qcow2/convert`, {
        name: "flat.qcow2",
        format: "qcow2",
      });
      assertEquals([backed.status, backed.body.code], [400, "DISK_SOURCE_REFUSED"]);
      assertEquals(await volumes(), [...before, "over.qcow2"].sort());

      const bad = await t.call("POST", `/api/pools/${POOL}/volumes/in.vdi/convert`, {
        name: "x.img",
        format: "vmdk",
      });
      assertEquals([bad.status, bad.body.code], [400, "INVALID_FORMAT"]);
      assert(/must be qcow2 or raw/.test(bad.body.message), bad.body.message);
    });
  } finally {
    await removePool(POOL);
    await Deno.remove(root, { recursive: true }).catch(() => {});
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
});
