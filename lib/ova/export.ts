// A stopped VM written as an OVA volume of a local folder pool: each disk converted by qemu-img
// into a stream-optimized vmdk (a linked clone's base read through, so the vmdk is whole), an
// OVF 1.0 descriptor and a SHA-256 manifest, packed as a tar archive (npm:modern-tar) into the
// new volume. The volume downloads as one stream (GET …/volumes/NAME.ova/content) or is imported
// elsewhere. The vmdks are volumes of the same pool while the export runs, deleted after.
// Each disk passes the one disk-source check (lib/storage/disk_sources.ts) and is read through its
// files opened once (disk_chain.ts); every file written (the vmdks, the OVA) is opened once
// inside the pool (lib/storage/pinned_file.ts) and written through that: a link swapped in for
// any of them leads nowhere.

import { createHash } from "node:crypto";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { Vm } from "../../shared/vms.ts";
import { checkSourcePath, FILE_POOLS, sourceRefused, whereOf } from "../storage/disk_sources.ts";
import { poolFacts } from "../xml/pool_xml.ts";
import { type PinnedFile, pinPoolFile } from "../storage/pinned_file.ts";
import { volumeXml } from "../xml/volume_xml.ts";
import { qemuImgWithProgress } from "../storage/qemu_img.ts";
import { currentTask } from "../tasks/current.ts";
import { type ExportedDisk, writeOvf } from "./ovf_write.ts";
import { pinDiskChain, type PinnedChain } from "./disk_chain.ts";
import { checkNewFile } from "../storage/pinned_volume.ts";
import { callMake } from "../../ffi/libvirt/late_undo.ts";

const BLOCK = 512;

/** The bytes a tar archive of files of these sizes takes (ustar headers, two end blocks). */
function tarBytes(sizes: number[]): number {
  return sizes.reduce((n, size) => n + BLOCK + Math.ceil(size / BLOCK) * BLOCK, 0) + 2 * BLOCK;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  // The readable closes the file at its end.
  const file = await Deno.open(path, { read: true });
  for await (const piece of file.readable) hash.update(piece);
  return hash.digest("hex");
}

/**
 * Checks that `vm` can be exported into `pool` (stopped, on this machine, a folder pool); the
 * pool's folder.
 */
async function checkExport(client: LibvirtClient, vm: Vm, pool: string): Promise<string> {
  if (whereOf(client.uri) !== "local") {
    throw new AppError(
      "NOT_ON_REMOTE_HOST",
      t("Exporting reads the VM's disks with qemu-img on this machine: not on a remote host"),
    );
  }
  if (vm.state !== "stopped") {
    throw new AppError(
      "INVALID_STATE",
      t("{{name}} is {{state}}: shut it down before exporting it", {
        name: vm.name,
        state: vm.state,
      }),
    );
  }
  const facts = await client.call("poolGet", pool).then((p) => poolFacts(p.xml));
  if (!FILE_POOLS.has(facts.type) || !facts.path) {
    throw new AppError(
      "INVALID_POOL",
      t("{{pool}} is a {{type}} pool: an OVA is written into a folder pool (dir, fs or netfs)", {
        pool,
        type: facts.type,
      }),
    );
  }
  for (const disk of vm.disks) {
    if (disk.device !== "disk") continue;
    if (!disk.path) {
      throw new AppError(
        "INVALID_STATE",
        t("Disk {{target}} of {{name}} is not a file on this machine: it cannot be exported", {
          target: disk.target,
          name: vm.name,
        }),
      );
    }
  }
  return facts.path;
}

/**
 * Each disk of `disks` checked as clone checks it (a volume of a pool, its real path and backing
 * chain inside the pools) and opened with its chain for reading; nothing is made before.
 */
async function pinDisks(client: LibvirtClient, disks: Vm["disks"]): Promise<PinnedChain[]> {
  const chains: PinnedChain[] = [];
  try {
    for (const disk of disks) {
      const label = t("Disk {{target}}", { target: disk.target });
      const checked = await checkSourcePath({
        client,
        path: disk.path!,
        readonly: true,
        backing: true,
      });
      if ("refusal" in checked) throw sourceRefused(label, checked.refusal.reason);
      chains.push(
        await pinDiskChain(client, { path: disk.path!, format: disk.format ?? "raw", label }),
      );
    }
    return chains;
  } catch (err) {
    for (const chain of chains) await chain.close();
    throw err;
  }
}

/**
 * A new volume of `pool` (at `folder`), opened for writing (no link, no other hard links) and
 * checked to be the file libvirt made when asked at `since`, `size` bytes long (checkNewFile).
 */
async function pinNew(
  client: LibvirtClient,
  { pool, path, folder, label, since, size }: {
    pool: string;
    path: string;
    folder: string;
    label: string;
    since: number;
    size: number;
  },
): Promise<PinnedFile> {
  const file = await pinPoolFile({ path, root: folder, label, write: true });
  try {
    await checkNewFile(client, { file, pool, since, size, label });
    return file;
  } catch (err) {
    await file.close();
    throw err;
  }
}

/** Writes `vm` as the new volume `name` (".ova") of `pool`; returns its path. */
export async function exportOva(
  client: LibvirtClient,
  vm: Vm,
  { pool, name }: { pool: string; name: string },
): Promise<string> {
  const folder = await checkExport(client, vm, pool);
  const task = currentTask();
  const disks = vm.disks.filter((d) => d.device === "disk");
  const base = name.replace(/\.ova$/i, "");
  // The vmdks are volumes of the pool while the export runs: never one of the user's.
  const taken = new Set((await client.call("poolVolumes", pool)).map((v) => v.name));
  const clash = disks.map((_, at) => `${base}-disk${at + 1}.vmdk`).find((v) => taken.has(v));
  if (clash) {
    throw new AppError(
      "ALREADY_EXISTS",
      t("Volume already exists in {{pool}}: {{name}}", { pool, name: clash }),
    );
  }
  const chains = await pinDisks(client, disks);
  const opened: PinnedFile[] = [];
  const temps: string[] = [];
  let ovaPath: string | null = null;
  try {
    const exported: (ExportedDisk & { path: string })[] = [];
    for (const [at, disk] of disks.entries()) {
      const file = `${base}-disk${at + 1}.vmdk`;
      const since = Date.now();
      const made = await callMake(client, "volumeCreate", pool, volumeXml(file, 0, "raw"));
      temps.push(file);
      const vmdk = await pinNew(client, {
        pool,
        path: made.path,
        folder,
        label: file,
        since,
        size: 0,
      });
      opened.push(vmdk);
      // qemu-img reads only the opened files and writes into the opened vmdk.
      const failed = await qemuImgWithProgress([
        "convert",
        "-p",
        "-O",
        "vmdk",
        "-o",
        "subformat=streamOptimized",
        chains[at].source,
        vmdk.path,
      ], [0.8 * at / disks.length, 0.8 * (at + 1) / disks.length]);
      if (failed) {
        throw new AppError(
          "IoError",
          t("Failed to export disk {{target}}: {{reason}}", {
            target: disk.target,
            reason: failed,
          }),
        );
      }
      const info = JSON.parse(
        new TextDecoder().decode(
          (await new Deno.Command("qemu-img", {
            args: ["info", "--output=json", "-f", "vmdk", vmdk.path],
            stdout: "piped",
            stderr: "null",
          }).output()).stdout,
        ),
      );
      exported.push({
        file,
        path: vmdk.path,
        fileBytes: (await Deno.stat(vmdk.path)).size,
        capacityBytes: info["virtual-size"],
        bus: disk.bus,
      });
    }
    const ovf = new TextEncoder().encode(writeOvf(vm, exported));
    const sums = [`SHA256(${base}.ovf)= ${createHash("sha256").update(ovf).digest("hex")}`];
    for (const disk of exported) sums.push(`SHA256(${disk.file})= ${await sha256Of(disk.path)}`);
    task?.progress(0.9);
    const manifest = new TextEncoder().encode(sums.join("\n") + "\n");

    const total = tarBytes([ovf.length, manifest.length, ...exported.map((d) => d.fileBytes)]);
    const since = Date.now();
    const ova = await callMake(client, "volumeCreate", pool, volumeXml(name, total, "raw"));
    ovaPath = ova.path;
    const pinned = await pinNew(client, {
      pool,
      path: ova.path,
      folder,
      label: name,
      since,
      size: total,
    });
    opened.push(pinned);
    // Loaded for an export only (as decompress.ts loads its codecs): not part of the idle server.
    const { createTarPacker } = await import("modern-tar");
    const { readable, controller } = createTarPacker();
    const out = await Deno.open(pinned.path, { write: true, truncate: true });
    // Closed by the pipe at the archive's end (with preventClose, Deno's file writable dropped
    // writes still queued when the pipe ended).
    const written = readable.pipeTo(out.writable);
    const mtime = new Date();
    const add = async (file: string, size: number, body: ReadableStream<Uint8Array>) =>
      await body.pipeTo(controller.add({ name: file, size, mtime, type: "file" }));
    await add(`${base}.ovf`, ovf.length, new Blob([ovf]).stream());
    await add(`${base}.mf`, manifest.length, new Blob([manifest]).stream());
    for (const disk of exported) {
      const vmdk = await Deno.open(disk.path, { read: true });
      await add(disk.file, disk.fileBytes, vmdk.readable);
    }
    controller.finalize();
    await written;
    using synced = await Deno.open(pinned.path, { write: true });
    await synced.syncData();
    return ova.path;
  } catch (err) {
    if (ovaPath) await client.call("volumeDeleteIn", pool, name).catch(() => {});
    throw err;
  } finally {
    for (const file of opened) await file.close();
    for (const chain of chains) await chain.close();
    for (const file of temps) await client.call("volumeDeleteIn", pool, file).catch(() => {});
    await client.call("poolRefresh", pool).catch(() => {});
  }
}
