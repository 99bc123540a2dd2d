// OVA out and in on real libvirtd (qemu:///system): a stopped VM exported as an OVA volume that
// GNU tar lists and whose manifest sha256sum confirms, downloaded as one stream, imported back
// (same CPUs, memory, firmware, disk size and NIC; `qemu-img compare` finds the disk equal) and
// booted (TCG, the tiny guest's kernel); an OVA in VMware's shape made by the test with tar
// imports too (its empty disk made); a damaged manifest, a vmdk naming other files and a file
// that is no tar archive are refused with nothing left behind. Fails (never skips) without
// libvirtd.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  cleanupGuestsNamed,
  domstate,
  ensureAssetsPool,
  ensurePool,
  ensureTestNetwork,
  shutdownProvesBoot,
  TEST_POOL,
  virsh,
} from "./support/guest.ts";
import { imageInfo, type RealApp, run, sha256OfFile, withRealApp } from "./support/real_app.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import { assertExit, runCli } from "./support/cli.ts";

const PREFIX = "kvmm-ova-";
const SRC = `${PREFIX}src`;
const GIB = 1024 ** 3;

async function poolVolumes(): Promise<string[]> {
  await virsh("pool-refresh", TEST_POOL);
  return (await virsh("vol-list", TEST_POOL)).split("\n").slice(2)
    .map((l) => l.trim().split(/\s+/)[0]).filter((v) => v?.startsWith(PREFIX)).sort();
}

const volumePath = async (name: string) =>
  (await virsh("vol-path", "--pool", TEST_POOL, name)).trim();

/** Uploads `file` as volume `name`, as the storage page does. */
async function upload(t: RealApp, name: string, file: string) {
  const bytes = await Deno.readFile(file);
  const res = await t.request(`/api/pools/${TEST_POOL}/volumes/${name}/content`, {
    method: "PUT",
    headers: { "content-length": String(bytes.length) },
    body: bytes,
  });
  assertEquals(res.status, 201, await res.text());
}

Deno.test("qemu ova - export a stopped VM, import it back equal, boot it; a vendor-shaped OVA imports", async () => {
  await cleanupGuestsNamed(PREFIX);
  await ensurePool();
  const network = await ensureTestNetwork();
  const { kernel, initrd } = await ensureAssetsPool();
  const scratch = await Deno.makeTempDir({ prefix: "kvmm-ova-" });
  const boot = { kernelPath: kernel, initrdPath: initrd, cmdline: "console=tty0 console=ttyS0" };
  try {
    await withRealApp({}, async (t) => {
      const created = await t.call("POST", "/api/vms", {
        name: SRC,
        cpuCount: 2,
        memoryMb: 192,
        diskSizeGb: 1,
        osType: "linux",
        network,
        diskFormat: "qcow2",
        bootMenu: false,
        storagePool: TEST_POOL,
        virtType: "qemu",
        directKernel: boot,
      });
      assertEquals(created.status, 201, JSON.stringify(created.body));
      const disk = await volumePath(`${SRC}.qcow2`);
      // Data at the start and past the middle, the rest unwritten.
      await run("qemu-io", "-f", "qcow2", "-c", "write -P 0x3c 0 2M", disk);
      await run("qemu-io", "-f", "qcow2", "-c", "write -P 0xc3 600M 1M", disk);

      // A running VM is not exported.
      assertEquals((await t.call("POST", `/api/vms/${SRC}/start`)).status, 200);
      const running = await t.call("POST", `/api/vms/${SRC}/export`, { pool: TEST_POOL });
      assertEquals([running.status, running.body.code], [409, "INVALID_STATE"]);
      await virsh("destroy", SRC);

      const exported = await t.call("POST", `/api/vms/${SRC}/export`, {});
      assertEquals(exported.status, 201, JSON.stringify(exported.body));
      assertEquals([exported.body.name, exported.body.pool], [`${SRC}.ova`, TEST_POOL]);
      const ova = exported.body.path as string;
      // GNU tar reads it: descriptor first, manifest, the disk; the temporary vmdk is gone.
      assertEquals((await run("tar", "tf", ova)).trim().split("\n"), [
        `${SRC}.ovf`,
        `${SRC}.mf`,
        `${SRC}-disk1.vmdk`,
      ]);
      assertEquals(await poolVolumes(), [`${SRC}.ova`, `${SRC}.qcow2`].sort());
      await run("tar", "xf", ova, "-C", scratch);
      const manifest = await Deno.readTextFile(`${scratch}/${SRC}.mf`);
      for (const line of manifest.trim().split("\n")) {
        const [, file, hex] = /^SHA256\((.+)\)= ([0-9a-f]{64})$/.exec(line)!;
        assertEquals((await sha256OfFile(`${scratch}/${file}`)).hex, hex, file);
      }
      const vmdk = await imageInfo(`${scratch}/${SRC}-disk1.vmdk`) as Record<string, any>;
      assertEquals(vmdk["format-specific"].data["create-type"], "streamOptimized");
      await run(
        "qemu-img",
        "compare",
        "-f",
        "qcow2",
        "-F",
        "vmdk",
        disk,
        `${scratch}/${SRC}-disk1.vmdk`,
      );

      // It downloads as one stream, byte for byte the volume.
      const res = await t.request(`/api/pools/${TEST_POOL}/volumes/${SRC}.ova/content`);
      assertEquals(res.status, 200);
      const downloaded = new Uint8Array(await res.arrayBuffer());
      assertEquals(downloaded.length, (await Deno.stat(ova)).size);
      await Deno.writeFile(`${scratch}/download.ova`, downloaded);
      assertEquals(
        (await sha256OfFile(`${scratch}/download.ova`)).hex,
        (await sha256OfFile(ova)).hex,
      );

      // Imported back: the same configuration, the same disk contents.
      const imported = await t.call(
        "POST",
        `/api/pools/${TEST_POOL}/volumes/${SRC}.ova/import-ova`,
      );
      assertEquals(imported.status, 201, JSON.stringify(imported.body));
      assertEquals(imported.body.summary, {
        name: SRC,
        cpuCount: 2,
        memoryMb: 192,
        firmware: "bios",
        osType: "linux",
        osDescription: "linux",
        osVariant: null,
        disks: [{ file: `${SRC}-disk1.vmdk`, capacityBytes: GIB, bus: "virtio" }],
        nics: [{ network, model: "virtio" }],
      });
      const copy = `${SRC}-disk1.qcow2`;
      assertEquals(imported.body.volumes, [{ name: copy, path: await volumePath(copy) }]);
      assertEquals(
        (await imageInfo(await volumePath(copy)) as Record<string, unknown>).format,
        "qcow2",
      );
      await run("qemu-img", "compare", disk, await volumePath(copy));
      const again = await t.call("GET", `/api/images/ova-imports/${imported.body.id}`);
      assertEquals(again.body, imported.body);
      const missing = await t.call("GET", "/api/images/ova-imports/nope");
      assertEquals([missing.status, missing.body.code], [404, "NOT_FOUND"]);

      // The imported disk boots.
      const name = `${PREFIX}back`;
      const back = await t.call("POST", "/api/vms", {
        name,
        cpuCount: imported.body.summary.cpuCount,
        memoryMb: imported.body.summary.memoryMb,
        diskSizeGb: 1,
        osType: "linux",
        network,
        diskFormat: "qcow2",
        bootMenu: false,
        storagePool: TEST_POOL,
        virtType: "qemu",
        importDiskPath: imported.body.volumes[0].path,
        directKernel: boot,
        start: true,
      });
      assertEquals(back.status, 201, JSON.stringify(back.body));
      assertEquals(await domstate(name), "running");
      await shutdownProvesBoot(name);

      // An OVA in VMware's shape, packed by GNU tar: SCSI, EFI, vmxnet3, and an empty disk.
      const vendor = `${PREFIX}vendor`;
      const ovf = (await Deno.readTextFile(
        new URL("../lib/ova/fixtures/vmware.ovf", import.meta.url),
      )).replaceAll("win-server", vendor).replace('ovf:size="1234567"', "");
      await Deno.writeTextFile(`${scratch}/${vendor}.ovf`, ovf);
      await run(
        "qemu-img",
        "convert",
        "-O",
        "vmdk",
        "-o",
        "subformat=streamOptimized",
        disk,
        `${scratch}/${vendor}-disk1.vmdk`,
      );
      await run(
        "tar",
        "cf",
        `${scratch}/${vendor}.ova`,
        "-C",
        scratch,
        `${vendor}.ovf`,
        `${vendor}-disk1.vmdk`,
      );
      await upload(t, `${vendor}.ova`, `${scratch}/${vendor}.ova`);
      const theirs = await t.call(
        "POST",
        `/api/pools/${TEST_POOL}/volumes/${vendor}.ova/import-ova`,
      );
      assertEquals(theirs.status, 201, JSON.stringify(theirs.body));
      assertEquals(
        [theirs.body.summary.firmware, theirs.body.summary.osType, theirs.body.summary.nics],
        ["uefi", "windows", [{ network: "VM Network", model: "vmxnet3" }]],
      );
      assertEquals(theirs.body.volumes.map((v: { name: string }) => v.name), [
        `${vendor}-disk1.qcow2`,
        `${vendor}-disk2.qcow2`,
      ]);
      await run("qemu-img", "compare", disk, await volumePath(`${vendor}-disk1.qcow2`));
      const empty = await imageInfo(await volumePath(`${vendor}-disk2.qcow2`)) as Record<
        string,
        unknown
      >;
      assertEquals([empty.format, empty["virtual-size"]], ["qcow2", 4 * GIB]);
      // A VM from it gets both disks, in the descriptor's order, on its SCSI bus.
      const both = theirs.body.volumes.map((v: { path: string }) => v.path);
      const config = {
        name: `${PREFIX}vendor-vm`,
        cpuCount: 1,
        memoryMb: 128,
        diskSizeGb: 1,
        osType: "windows",
        network: "",
        diskFormat: "qcow2",
        diskBus: "scsi",
        bootMenu: false,
        virtType: "qemu",
        importDiskPath: both[0],
      };
      const wrong = await t.call("POST", "/api/vms", {
        ...config,
        extraDiskPaths: ["/etc/hostname"],
      });
      assertEquals(wrong.status, 400, JSON.stringify(wrong.body));
      assertEquals(wrong.body.errors.map((e: { field: string }) => e.field), ["extraDiskPaths"]);
      const vendorVm = await t.call("POST", "/api/vms", { ...config, extraDiskPaths: [both[1]] });
      assertEquals(vendorVm.status, 201, JSON.stringify(vendorVm.body));
      const sources = [...(await virsh("dumpxml", `${PREFIX}vendor-vm`))
        .matchAll(/<source file='([^']+)'/g)].map((m) => m[1]);
      assertEquals(sources, both);
      await virsh("undefine", `${PREFIX}vendor-vm`);

      // Imported twice: new names, never the first import's volumes.
      const twice = await t.call(
        "POST",
        `/api/pools/${TEST_POOL}/volumes/${vendor}.ova/import-ova`,
      );
      assertEquals(twice.body.volumes.map((v: { name: string }) => v.name), [
        `${vendor}-2-disk1.qcow2`,
        `${vendor}-2-disk2.qcow2`,
      ]);
    });
  } finally {
    await cleanupGuestsNamed(PREFIX);
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
});

Deno.test("qemu ova - a damaged manifest, a vmdk naming other files and no tar archive are refused, nothing made", async () => {
  await cleanupGuestsNamed(PREFIX);
  await ensurePool();
  const scratch = await Deno.makeTempDir({ prefix: "kvmm-ova-" });
  try {
    const ovf = (await Deno.readTextFile(
      new URL("../lib/ova/fixtures/virtualbox.ovf", import.meta.url),
    )).replace(/ovf:href="Debian box-disk00(\d).vmdk"/g, 'ovf:href="d$1.vmdk"');
    await Deno.writeTextFile(`${scratch}/a.ovf`, ovf);
    await run(
      "qemu-img",
      "create",
      "-f",
      "vmdk",
      "-o",
      "subformat=streamOptimized",
      `${scratch}/d1.vmdk`,
      "16M",
    );
    await run(
      "qemu-img",
      "create",
      "-f",
      "vmdk",
      "-o",
      "subformat=streamOptimized",
      `${scratch}/d2.vmdk`,
      "16M",
    );
    const d1 = (await sha256OfFile(`${scratch}/d1.vmdk`)).hex;
    await Deno.writeTextFile(
      `${scratch}/a.mf`,
      `SHA256(d1.vmdk)= ${d1}\nSHA256(d2.vmdk)= ${"0".repeat(64)}\n`,
    );
    await run(
      "tar",
      "cf",
      `${scratch}/damaged.ova`,
      "-C",
      scratch,
      "a.ovf",
      "a.mf",
      "d1.vmdk",
      "d2.vmdk",
    );

    // A vmdk descriptor (padded to a sector, so qemu-img opens it) whose extent is a file
    // elsewhere on the host.
    const descriptor = [
      "# Disk DescriptorFile",
      "version=1",
      "CID=fffffffe",
      "parentCID=ffffffff",
      'createType="monolithicFlat"',
      'RW 2048 FLAT "/etc/hostname" 0',
      "",
    ].join("\n");
    await Deno.writeTextFile(`${scratch}/d1.vmdk`, descriptor.padEnd(512, " "));
    await Deno.copyFile(`${scratch}/d1.vmdk`, `${scratch}/d2.vmdk`);
    await run("tar", "cf", `${scratch}/split.ova`, "-C", scratch, "a.ovf", "d1.vmdk", "d2.vmdk");
    await Deno.writeTextFile(`${scratch}/plain.ova`, "not a tar archive, just text\n".repeat(40));

    await withRealApp({}, async (t) => {
      const before = await poolVolumes();
      for (
        const [file, status, code, words] of [
          [
            "damaged",
            422,
            "CHECKSUM_MISMATCH",
            /d2\.vmdk in kvmm-ova-damaged\.ova does not match its manifest/,
          ],
          ["split", 400, "DISK_SOURCE_REFUSED", /vmdk descriptor whose data is in another file/],
          ["plain", 400, "INVALID_FORMAT", /kvmm-ova-plain\.ova is no OVA \(a tar archive\)/],
        ] as const
      ) {
        const name = `${PREFIX}${file}.ova`;
        await upload(t, name, `${scratch}/${file}.ova`);
        const res = await t.call("POST", `/api/pools/${TEST_POOL}/volumes/${name}/import-ova`);
        assertEquals([res.status, res.body.code], [status, code], JSON.stringify(res.body));
        assertMatch(res.body.message, words);
        assertEquals(await poolVolumes(), [...before, name].sort(), "only the upload is there");
        await virsh("vol-delete", "--pool", TEST_POOL, name);
      }
      assert(before.length === 0, `no ${PREFIX} volumes left before: ${before}`);
    });
  } finally {
    await cleanupGuestsNamed(PREFIX);
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
});

Deno.test("qemu ova - the CLI: vm export --output saves the OVA and removes its volume; vm import-ova --create makes the VM", async () => {
  await cleanupGuestsNamed(PREFIX);
  await ensurePool();
  const network = await ensureTestNetwork();
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-ova-data-" });
  const home = await Deno.makeTempDir({ prefix: "kvmm-ova-home-" });
  const server = await startRealServer(dataDir);
  try {
    const token = server.ctx.auth.tokens.create({ name: "cli-ova", owner: "root", role: "admin" })
      .secret;
    const cli = (...args: string[]) =>
      runCli([...args, "--url", server.url, "--token", token], home);
    const name = `${PREFIX}cli`;
    await adminCall(server, "POST", "/api/vms", {
      name,
      cpuCount: 1,
      memoryMb: 128,
      diskSizeGb: 1,
      osType: "linux",
      network,
      diskFormat: "qcow2",
      bootMenu: false,
      storagePool: TEST_POOL,
      virtType: "qemu",
    });
    const disk = await volumePath(`${name}.qcow2`);
    await run("qemu-io", "-f", "qcow2", "-c", "write -P 0x77 0 1M", disk);

    const file = `${home}/${name}.ova`;
    let r = await cli("vm", "export", name, "--output", file);
    assertExit(r, 0, "vm export --output");
    assertMatch(r.stdout, new RegExp(`^Saved ${name} as ${file} \\(`, "m"));
    assertEquals((await run("tar", "tf", file)).trim().split("\n").length, 3);
    assertEquals(await poolVolumes(), [`${name}.qcow2`], "the OVA volume is gone");

    const bytes = await Deno.readFile(file);
    const put = await fetch(`${server.url}/api/pools/${TEST_POOL}/volumes/${name}.ova/content`, {
      method: "PUT",
      headers: { ...adminHeaders(server), "content-length": String(bytes.length) },
      body: bytes,
    });
    assertEquals(put.status, 201, await put.text());
    r = await cli("vm", "import-ova", TEST_POOL);
    assertExit(r, 2, "a pool and a volume, not a pool alone");
    // The source VM goes (its disk stays) so the import may take its name.
    await adminCall(server, "DELETE", `/api/vms/${name}`);
    r = await cli("vm", "import-ova", TEST_POOL, `${name}.ova`, "--create", "--network", network);
    assertExit(r, 0, "vm import-ova --create");
    assertMatch(r.stdout, new RegExp(`^Disks: +${TEST_POOL}/${name}-disk1\\.qcow2$`, "m"));
    assertMatch(r.stdout, new RegExp(`^Created VM ${name}$`, "m"));
    assertEquals(await domstate(name), "shut off");
    await run("qemu-img", "compare", disk, await volumePath(`${name}-disk1.qcow2`));
  } finally {
    await server.close();
    await cleanupGuestsNamed(PREFIX);
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
});
