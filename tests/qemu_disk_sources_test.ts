// Disk sources on real libvirtd: a pool volume that is a link to /etc/shadow, a qcow2 image whose
// header declares 1 PiB, and qcow2 images backed by /etc/shadow or by an nbd server are refused by
// every route that would hand them to QEMU; an ordinary volume still makes a VM.
// Fails (never skips) without libvirtd on qemu:///system.

import { assertEquals, assertMatch } from "./support/assert.ts";
import { assertLibvirtReachable } from "./support/guest.ts";
import {
  type ApiResult,
  removePool,
  run,
  virsh,
  virshOrNull,
  withRealApp,
} from "./support/real_app.ts";

const PREFIX = "kvmm-t21p-";
const POOL = `${PREFIX}pool`;
const VM = `${PREFIX}ok`;
const IMAGES = "/var/lib/libvirt/images";

/** Removes what a crashed earlier run of this file left: its VMs and pools. */
async function cleanup(): Promise<void> {
  const vms = (await virsh("list", "--all", "--name")).split("\n").map((s) => s.trim());
  for (const vm of vms.filter((n) => n.startsWith(PREFIX))) {
    await virshOrNull("destroy", vm);
    await virshOrNull("undefine", vm);
  }
  const pools = (await virsh("pool-list", "--all", "--name")).split("\n").map((s) => s.trim());
  for (const pool of pools.filter((n) => n.startsWith(PREFIX))) await removePool(pool);
}

function refused(r: ApiResult, words: RegExp, code = "DISK_SOURCE_REFUSED"): void {
  assertEquals(r.status, 400, JSON.stringify(r.body));
  assertEquals(r.body.code, code, r.body.message);
  assertMatch(r.body.message, words);
}

const create = (over: Record<string, unknown>) => ({
  name: VM,
  cpuCount: 1,
  memoryMb: 256,
  osType: "linux",
  network: "",
  diskFormat: "qcow2",
  bootMenu: false,
  virtType: "qemu",
  storagePool: POOL,
  ...over,
});

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

Deno.test("qemu disk sources - links out of a pool, 1 PiB and foreign backing files are refused", async () => {
  await assertLibvirtReachable();
  await cleanup();
  const shadow = await Deno.stat("/etc/shadow");
  const dir = await Deno.makeTempDir({ dir: IMAGES, prefix: PREFIX });
  try {
    // Links made in our own pool folder; a link reads nothing by itself, and goes in finally.
    await Deno.symlink("/etc/shadow", `${dir}/shadow.iso`);
    await Deno.symlink("/etc/shadow", `${dir}/shadow.qcow2`);
    await run("qemu-img", "create", "-q", "-f", "qcow2", `${dir}/huge.qcow2`, "1P");
    for (
      const [name, backing] of [["ovl-file", "/etc/shadow"], ["ovl-nbd", "nbd://127.0.0.1:10809/x"]]
    ) {
      // -u: the backing file is written into the header, never opened.
      await run(
        "qemu-img",
        "create",
        "-q",
        "-f",
        "qcow2",
        "-u",
        "-b",
        backing,
        "-F",
        "raw",
        `${dir}/${name}.qcow2`,
        "1G",
      );
    }
    await run("qemu-img", "create", "-q", "-f", "qcow2", `${dir}/ok.qcow2`, "1G");
    await Deno.writeFile(`${dir}/ok.iso`, new Uint8Array(64 * 1024));
    // A raw image (a dd copy of a disk, say) and a qcow2 one named as raw.
    await run("qemu-img", "create", "-q", "-f", "raw", `${dir}/plain.img`, "64M");
    await run("qemu-img", "create", "-q", "-f", "qcow2", `${dir}/qcow.img`, "64M");
    for (
      const f of [
        "huge.qcow2",
        "ovl-file.qcow2",
        "ovl-nbd.qcow2",
        "ok.qcow2",
        "ok.iso",
        "plain.img",
        "qcow.img",
      ]
    ) {
      await Deno.chmod(`${dir}/${f}`, 0o644);
    }
    await virsh("pool-define-as", POOL, "dir", "--target", dir);
    await virsh("pool-start", POOL);
    const vols = await virsh("vol-list", POOL);
    assertMatch(vols, /shadow\.iso/, "libvirt lists the link as a volume of the pool");

    await withRealApp({ storageRoots: [IMAGES] }, async ({ call }) => {
      const link = (name: string) =>
        new RegExp(`${esc(dir)}/${name} is a link to /etc/shadow, outside pool '${POOL}'$`);
      refused(
        await call("POST", "/api/vms", create({ isoPath: `${dir}/shadow.iso`, diskSizeGb: 1 })),
        new RegExp(`^ISO: ${link("shadow.iso").source}`),
      );
      refused(
        await call("POST", "/api/vms", create({ importDiskPath: `${dir}/shadow.qcow2` })),
        new RegExp(`^Imported disk: ${link("shadow.qcow2").source}`),
      );
      refused(
        await call("POST", "/api/vms", create({ importDiskPath: `${dir}/huge.qcow2` })),
        /^Imported disk: .*huge\.qcow2 declares 1 PiB, more than the 64 TiB a volume may have$/,
      );
      // Imported in the wrong format: the image's own is said at the format field, by its header.
      refused(
        await call("POST", "/api/vms", create({ importDiskPath: `${dir}/plain.img` })),
        new RegExp(`^${esc(dir)}/plain\\.img is a raw image, not qcow2: choose raw$`),
        "INVALID_CONFIG",
      );
      const checked = await call(
        "POST",
        "/api/vms/validate",
        create({ importDiskPath: `${dir}/qcow.img`, diskFormat: "raw" }),
      );
      assertEquals(checked.status, 200, JSON.stringify(checked.body));
      // Declared raw, a qcow2 header is only said: a raw disk's first bytes are its guest's, and
      // no format is taken from what a guest wrote.
      const on = (list: unknown) =>
        (list as { field: string; message: string }[]).filter((e) => e.field === "diskFormat")
          .map((e) => e.message);
      assertEquals(on(checked.body.errors), []);
      assertEquals(on(checked.body.warnings), [
        `${dir}/qcow.img starts as a qcow2 image does: choose qcow2 if it is one; a raw disk whose guest wrote that header stays raw`,
      ]);
      for (const name of ["ovl-file", "ovl-nbd"]) {
        refused(
          await call("POST", "/api/vms", create({ importDiskPath: `${dir}/${name}.qcow2` })),
          /^Disk image has a backing file and cannot be imported/,
          "INVALID_CONFIG",
        );
      }

      const xml = (source: string, device = "disk") =>
        `<domain type='qemu'><name>${PREFIX}imp</name><memory unit='MiB'>256</memory>
          <vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices>
          <disk type='file' device='${device}'><driver name='qemu' type='${
          device === "cdrom" ? "raw" : "qcow2"
        }'/>
          <source file='${source}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`;
      refused(
        await call("POST", "/api/vms/import", { xml: xml("/etc/shadow") }),
        /^Disk vda: \/etc\/shadow is not a volume of a storage pool$/,
      );
      refused(
        await call("POST", "/api/vms/import", { xml: xml(`${dir}/shadow.qcow2`) }),
        new RegExp(`^Disk vda: ${link("shadow.qcow2").source}`),
      );
      refused(
        await call("POST", "/api/vms/import", { xml: xml(`${dir}/ovl-file.qcow2`) }),
        /^Disk vda: backing file of .*ovl-file\.qcow2: \/etc\/shadow is not a volume of a storage pool$/,
      );
      refused(
        await call("POST", "/api/vms/import", { xml: xml(`${dir}/ovl-nbd.qcow2`) }),
        /^Disk vda: backing file of .*ovl-nbd\.qcow2: nbd:\/\/127\.0\.0\.1:10809\/x is not a volume/,
      );
      refused(
        await call("POST", "/api/vms/import", { xml: xml(`${dir}/huge.qcow2`) }),
        /^Disk vda: .*huge\.qcow2 declares 1 PiB/,
      );
      assertEquals(await virshOrNull("dominfo", `${PREFIX}imp`), null, "nothing was defined");

      // An ordinary volume still makes a VM, whose devices and XML then refuse the links.
      const made = await call(
        "POST",
        "/api/vms",
        create({ importDiskPath: `${dir}/ok.qcow2`, isoPath: `${dir}/ok.iso` }),
      );
      assertEquals(made.status, 201, JSON.stringify(made.body));
      const id = made.body.id as string;
      refused(
        await call("POST", `/api/vms/${id}/disks`, {
          bus: "virtio",
          volumePath: `${dir}/shadow.qcow2`,
        }),
        new RegExp(`^Disk vdb: ${link("shadow.qcow2").source}`),
      );
      const vm = (await call("GET", `/api/vms/${id}`)).body;
      const cdrom = vm.disks.find((d: { device: string }) => d.device === "cdrom").target;
      refused(
        await call("PUT", `/api/vms/${id}/cdroms/${cdrom}`, { isoPath: `${dir}/shadow.iso` }),
        new RegExp(`^CD-ROM ${cdrom}: ${link("shadow.iso").source}`),
      );
      const current = (await call("GET", `/api/vms/${id}/xml`)).body as string;
      refused(
        await call("PUT", `/api/vms/${id}/xml`, {
          xml: current.replace(`${dir}/ok.iso`, `${dir}/shadow.iso`),
        }),
        new RegExp(`^CD-ROM ${cdrom}: ${link("shadow.iso").source}`),
      );
      const same = await call("PUT", `/api/vms/${id}/xml`, { xml: current });
      assertEquals(same.status, 200, JSON.stringify(same.body));
      refused(
        await call("GET", `/api/pools/${POOL}/volumes/shadow.iso/content`),
        new RegExp(`^Volume shadow.iso: ${link("shadow.iso").source}`),
      );
      refused(
        await call("POST", `/api/pools/${POOL}/volumes/shadow.qcow2/clone`, { name: "copy.qcow2" }),
        new RegExp(`^Volume shadow.qcow2: ${link("shadow.qcow2").source}`),
      );
      // Nothing of the pool's reached the VM's definition.
      const dumped = await virsh("dumpxml", "--inactive", VM);
      assertEquals(/shadow|huge|ovl-/.test(dumped), false, dumped);
    });
  } finally {
    await virshOrNull("undefine", VM);
    await virshOrNull("undefine", `${PREFIX}imp`);
    await removePool(POOL);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
  const after = await Deno.stat("/etc/shadow");
  assertEquals([after.mode, after.uid, after.gid], [shadow.mode, shadow.uid, shadow.gid]);
});
