// An OVA that is a volume of a local pool (uploaded, or downloaded from a URL with the download
// checks) made into what the create wizard starts from: its descriptor read, the manifest's
// digests checked, and each disk converted by qemu-img into a new qcow2 volume of the same pool.
// Each disk's bytes are first copied out of the archive into a private file of the pool's folder
// (lib/storage/pinned_copy.ts privateCopy), which is inspected and converted: the OVA may be
// rewritten in place meanwhile, the copy cannot. A disk with a backing file or a vmdk whose data
// is in other files is refused, as on Convert. The OVA is opened once inside its pool
// (lib/storage/pinned_file.ts: a link is refused) and read only through what was opened; the new
// volumes are made empty by libvirt and formatted and written only through their opened files
// (createPinnedVolume): a link swapped in leads nowhere.

import { createHash } from "node:crypto";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { VolumeInfo } from "../../shared/storage.ts";
import type { OvaImport, OvfSummary } from "../../shared/ova.ts";
import { whereOf } from "../storage/disk_sources.ts";
import { inspectSource } from "../storage/convert.ts";
import { pinPoolFile } from "../storage/pinned_file.ts";
import { createPinnedVolume } from "../storage/pinned_volume.ts";
import { privateCopy } from "../storage/pinned_copy.ts";
import { localPoolFolder } from "../images/volume_sink.ts";
import { checkImageFits } from "../storage/image_bounds.ts";
import { fileNode, jsonSpec, qemuImgWithProgress } from "../storage/qemu_img.ts";
import { currentTask } from "../tasks/current.ts";
import { readOvf } from "./ovf_read.ts";
import { indexTar, readMember, type TarMember } from "./tar_index.ts";

/** A descriptor is a few kilobytes; a megabyte is no descriptor. */
const MAX_DESCRIPTOR = 1024 * 1024;
const MAX_MANIFEST = 64 * 1024;
const HASHES: Record<string, string> = { SHA1: "sha1", SHA256: "sha256", SHA512: "sha512" };

/** `SHA256(disk1.vmdk)= 3f…` lines of an OVA's manifest, by file name. */
export function parseManifest(text: string): Map<string, { algorithm: string; hex: string }> {
  const sums = new Map<string, { algorithm: string; hex: string }>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^(SHA1|SHA256|SHA512)\s*\((.+)\)\s*=\s*([0-9a-fA-F]+)\s*$/.exec(line);
    if (m) sums.set(m[2], { algorithm: HASHES[m[1]], hex: m[3].toLowerCase() });
  }
  return sums;
}

/** The digest of a member's bytes, read in 4 MiB pieces (hashed natively, off the JS heap). */
async function digestOf(path: string, member: TarMember, algorithm: string): Promise<string> {
  const hash = createHash(algorithm);
  const file = await Deno.open(path, { read: true });
  try {
    await file.seek(member.offset, Deno.SeekMode.Start);
    const piece = new Uint8Array(4 * 1024 * 1024);
    let left = member.size;
    while (left > 0) {
      const n = await file.read(piece.subarray(0, Math.min(piece.length, left)));
      if (n === null) break;
      hash.update(piece.subarray(0, n));
      left -= n;
    }
  } finally {
    file.close();
  }
  return hash.digest("hex");
}

function refused(message: string): AppError {
  return new AppError("INVALID_FORMAT", message);
}

/**
 * The descriptor and the members its disks are in, checked against the manifest; `path` is the
 * OVA opened (its pinned path).
 */
async function readArchive(ova: VolumeInfo, path: string): Promise<{
  summary: OvfSummary;
  disks: (TarMember | null)[];
}> {
  const members = await indexTar(path, ova.name);
  const descriptors = members.filter((m) => m.name.toLowerCase().endsWith(".ovf"));
  if (descriptors.length !== 1) {
    throw refused(t("{{name}} holds {{count}} OVF descriptors: an OVA holds exactly one", {
      name: ova.name,
      count: descriptors.length,
    }));
  }
  const bytes = await readMember(path, descriptors[0], MAX_DESCRIPTOR);
  if (!bytes) {
    throw refused(t("The OVF descriptor of {{name}} is larger than 1 MiB", { name: ova.name }));
  }
  const summary = readOvf(new TextDecoder().decode(bytes));
  const disks = summary.disks.map((disk) => {
    if (disk.file === null) return null;
    const member = members.find((m) => m.name === disk.file);
    if (!member) {
      throw refused(t("{{file}}, a disk the descriptor names, is not in {{name}}", {
        file: disk.file,
        name: ova.name,
      }));
    }
    return member;
  });
  const manifest = members.find((m) => m.name.toLowerCase().endsWith(".mf"));
  const text = manifest ? await readMember(path, manifest, MAX_MANIFEST) : null;
  const sums = text ? parseManifest(new TextDecoder().decode(text)) : new Map();
  // Every file the manifest lists is checked; the disks take the first third of the task.
  const listed = members.filter((m) => sums.has(m.name));
  const total = listed.reduce((n, m) => n + m.size, 0) || 1;
  let done = 0;
  for (const member of listed) {
    const want = sums.get(member.name)!;
    const got = await digestOf(path, member, want.algorithm);
    if (got !== want.hex) {
      throw new AppError(
        "CHECKSUM_MISMATCH",
        t("{{file}} in {{name}} does not match its manifest ({{algorithm}}): the OVA is damaged", {
          file: member.name,
          name: ova.name,
          algorithm: want.algorithm,
        }),
      );
    }
    done += member.size;
    currentTask()?.progress(done / total / 3);
  }
  return { summary, disks };
}

/**
 * A name prefix whose disk volumes are all new in the pool at `folder`: NAME, NAME-2, NAME-3 …
 * Nothing of that name may be in the folder either: libvirt makes a qcow2 volume through a link
 * it does not list (one leading nowhere yet), creating the file where the link leads.
 */
async function freePrefix(
  client: LibvirtClient,
  { pool, folder }: { pool: string; folder: string },
  name: string,
  disks: number,
) {
  const taken = new Set((await client.call("poolVolumes", pool)).map((v) => v.name));
  const there = (file: string) => Deno.lstat(`${folder}/${file}`).then(() => true, () => false);
  for (let n = 1;; n++) {
    const prefix = n === 1 ? name : `${name}-${n}`;
    const names = Array.from({ length: disks }, (_, i) => `${prefix}-disk${i + 1}.qcow2`);
    if (names.some((v) => taken.has(v))) continue;
    if (!(await Promise.all(names.map(there))).some(Boolean)) return names;
  }
}

/** Reads the OVA volume `ova` and converts its disks into new qcow2 volumes of its pool. */
export async function importOva(
  client: LibvirtClient,
  ova: VolumeInfo,
  hostId: string,
): Promise<OvaImport> {
  if (whereOf(client.uri) !== "local") {
    throw new AppError(
      "NOT_ON_REMOTE_HOST",
      t("Importing an OVA reads it and writes its disks with qemu-img on this machine: not on a remote host"),
    );
  }
  const folder = await localPoolFolder(client, ova.pool);
  if (!folder) {
    throw new AppError(
      "INVALID_POOL",
      t("{{pool}} is no folder pool of this machine: an OVA is read from a dir, fs or netfs pool", {
        pool: ova.pool,
      }),
    );
  }
  await using archive = await pinPoolFile({ path: ova.path, root: folder, label: ova.name });
  const { summary, disks } = await readArchive(ova, archive.path);
  const names = await freePrefix(client, { pool: ova.pool, folder }, summary.name, disks.length);
  const made: { name: string; path: string }[] = [];
  const namesMade: string[] = [];
  const create = async (at: number, bytes: number, label: string) => {
    const { vol, file } = await createPinnedVolume(client, {
      pool: ova.pool,
      name: names[at],
      bytes,
      format: "qcow2",
      label,
      made: namesMade,
    });
    made.push({ name: vol.name, path: vol.path });
    return file;
  };
  try {
    for (const [at, member] of disks.entries()) {
      const share = (from: number, to: number): [number, number] => [
        1 / 3 + (2 / 3) * (at + from) / disks.length,
        1 / 3 + (2 / 3) * (at + to) / disks.length,
      ];
      if (member === null) {
        await (await create(at, summary.disks[at].capacityBytes, names[at])).close();
        continue;
      }
      const label = `${ova.name}: ${member.name}`;
      // The member's bytes copied out first into a file only we reach: the OVA may be rewritten
      // in place (the same file) between qemu-img's look at the header and the conversion.
      await using copy = await privateCopy(client, {
        from: archive.path,
        offset: member.offset,
        size: member.size,
        pool: ova.pool,
        root: folder,
        label,
        part: share(0, 0.5),
      });
      const source = jsonSpec({ file: fileNode(copy.path), backing: null });
      const info = await inspectSource(source, label, (file) => file === copy.path);
      await checkImageFits({ client, pool: ova.pool, bytes: info["virtual-size"], label });
      await using target = await create(at, info["virtual-size"], names[at]);
      const failed = await qemuImgWithProgress(
        [
          "convert",
          "-p",
          "-n",
          "-O",
          "qcow2",
          jsonSpec({ driver: info.format, file: fileNode(copy.path), backing: null }),
          target.path,
        ],
        share(0.5, 1),
      );
      if (failed) {
        throw new AppError(
          "IoError",
          t("Failed to convert {{name}}: {{reason}}", { name: label, reason: failed }),
        );
      }
    }
  } catch (err) {
    for (const name of namesMade) {
      await client.call("volumeDeleteIn", ova.pool, name).catch(() => {});
    }
    throw err;
  }
  return {
    id: crypto.randomUUID(),
    hostId,
    pool: ova.pool,
    summary,
    volumes: made.map(({ name, path }) => ({ name, path })),
    createdAt: Date.now(),
  };
}
