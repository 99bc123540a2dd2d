// Restores from a repository: a VM backup's disks into new raw volumes of a local folder pool
// (restic dump written into each), and the stored definition defined as a new VM (new name,
// no UUID or MACs: libvirt makes new ones); or one disk into one new volume.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { domainExists } from "../vm_basics.ts";
import { defineValidated } from "../vms/create.ts";
import { checkDomainSources, MAX_VOLUME_BYTES } from "../storage/disk_sources.ts";
import {
  attr,
  buildOrdered,
  child,
  children,
  parseOrdered,
  removeChildren,
  rootElement,
  tagOf,
} from "../xml/ordered.ts";
import { restoredDomainXml } from "../backups/xml.ts";
import { newLocalVolume } from "../storage/pinned_copy.ts";
import type { Snapshot } from "./json.ts";
import { tagValue } from "./json.ts";
import { type BackupMeta, diskFile, metaFile } from "./backup.ts";
import type { ResticRepo } from "./repo.ts";
import type { RepositoryBackup } from "../../shared/restic.ts";
import { t } from "../../shared/i18n/t.ts";

/** The snapshots grouped into VM backups (by their backup:ID tag), newest first. */
export function groupBackups(snapshots: Snapshot[]): RepositoryBackup[] {
  const byId = new Map<string, RepositoryBackup>();
  for (const s of snapshots) {
    const id = tagValue(s.tags, "backup");
    const vmId = tagValue(s.tags, "vm");
    if (!id || !vmId || !s.tags.includes("kvmm")) continue;
    const b = byId.get(id) ?? {
      id,
      vmId,
      vmName: "",
      hostId: tagValue(s.tags, "host") ?? "",
      time: s.time,
      metaSnapshot: "",
      disks: [],
    };
    byId.set(id, b);
    if (s.tags.includes("meta")) {
      b.metaSnapshot = s.id;
      b.time = s.time;
      b.vmName = tagValue(s.tags, "name") ?? "";
    } else {
      const target = tagValue(s.tags, "disk");
      if (target) b.disks.push({ target, snapshot: s.id });
    }
  }
  // A backup whose metadata never made it (cancelled, failed) is not restorable: left out.
  return [...byId.values()].filter((b) => b.metaSnapshot)
    .sort((a, b) => b.time.localeCompare(a.time));
}

const notFound = (id: string) =>
  new AppError("RESTIC_BACKUP_NOT_FOUND", t("Backup {{id}} is not in this repository", { id }));

/** Backup `id` of the repository with its metadata. */
export async function findBackup(
  repo: ResticRepo,
  id: string,
  signal?: AbortSignal,
): Promise<{ backup: RepositoryBackup; meta: BackupMeta }> {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) throw notFound(id);
  const backup = groupBackups(await repo.snapshots([`backup:${id}`], signal))[0];
  if (!backup) throw notFound(id);
  const text = await repo.dumpText(backup.metaSnapshot, `/${metaFile(backup.vmId)}`, signal);
  return { backup, meta: checkedMeta(id, text) };
}

/**
 * The metadata as far as restore uses it, checked: whoever can write to the repository may have
 * crafted it, and its snapshot ids and targets reach restic's arguments and volume names.
 */
function checkedMeta(id: string, text: string): BackupMeta {
  let meta: BackupMeta;
  try {
    meta = JSON.parse(text);
  } catch {
    meta = {} as BackupMeta;
  }
  const fine = typeof meta.xml === "string" && /^[0-9a-f-]{1,64}$/i.test(meta.vm?.uuid ?? "") &&
    Array.isArray(meta.disks) &&
    meta.disks.every((d) =>
      /^[0-9a-f]{8,64}$/.test(d?.snapshot) && /^[a-z0-9]{1,32}$/.test(d?.target) &&
      Number.isSafeInteger(d?.capacityBytes) && d.capacityBytes >= 0 &&
      d.capacityBytes <= MAX_VOLUME_BYTES
    );
  if (!fine) {
    throw new AppError(
      "RESTIC_BACKUP_NOT_FOUND",
      t("Backup {{id}} holds no valid metadata: it was not made by KVM Manager", { id }),
    );
  }
  return meta;
}

export async function checkPool(client: LibvirtClient, pool: string) {
  const p = await client.call("poolGet", pool).catch((err) => {
    throw fromLibvirt(err, { failed: t("Storage pool {{name}} not found", { name: pool }) });
  });
  if (!p.active) {
    throw new AppError(
      "INVALID_STATE",
      t("Storage pool {{name}} is not active: start it first", { name: pool }),
    );
  }
}

/** One disk of the backup written into new raw volume `volume` of `pool`; its path. */
async function restoreDiskInto(
  client: LibvirtClient,
  repo: ResticRepo,
  { meta, target, pool, volume, made, signal }: {
    meta: BackupMeta;
    target: string;
    pool: string;
    volume: string;
    made: { pool: string; volume: string }[];
    signal?: AbortSignal;
  },
): Promise<string> {
  const disk = meta.disks.find((d) => d.target === target);
  if (!disk) {
    throw new AppError(
      "RESTIC_BACKUP_NOT_FOUND",
      t("Backup {{id}} holds no disk {{target}}", { id: meta.backupId, target }),
    );
  }
  const vol = await newLocalVolume(client, {
    pool,
    name: volume,
    bytes: disk.capacityBytes,
    format: "raw",
    label: t("Disk {{target}}", { target }),
    made: [],
  }).catch((err) => {
    throw fromLibvirt(err, { failed: t("Failed to restore disk {{target}}", { target }) });
  });
  if (!vol) {
    throw new AppError(
      "RESTIC_UNSUPPORTED",
      t("Pool {{pool}} is not a folder on this machine: restic restores into local folder pools", {
        pool,
      }),
    );
  }
  made.push({ pool, volume });
  const file = await Deno.open(vol.path, { write: true });
  await repo.dump(disk.snapshot, `/${diskFile(meta.vm.uuid, target)}`, file.writable, signal);
  await client.call("poolRefresh", pool).catch(() => {});
  return vol.path;
}

/** Restores backup `id` as new stopped VM `name` with its disks in `pool`. */
export async function restoreVm(
  client: LibvirtClient,
  repo: ResticRepo,
  { id, name, pool, signal, progress }: {
    id: string;
    name: string;
    pool: string;
    signal?: AbortSignal;
    progress?: (fraction: number) => void;
  },
): Promise<{ id: string; name: string }> {
  if (await domainExists(client, name)) {
    throw new AppError("NAME_EXISTS", t("VM name already exists: {{name}}", { name }));
  }
  await checkPool(client, pool);
  const { meta } = await findBackup(repo, id, signal);
  return await deletedOnFailure(client, async (made) => {
    const disks = new Map<string, { path: string; format: string }>();
    for (const [i, d] of meta.disks.entries()) {
      const volume = meta.disks.length === 1 ? `${name}.raw` : `${name}-${d.target}.raw`;
      const path = await restoreDiskInto(client, repo, {
        meta,
        target: d.target,
        pool,
        volume,
        made,
        signal,
      });
      disks.set(d.target, { path, format: "raw" });
      progress?.((i + 1) / meta.disks.length);
    }
    const xml = restoredDomainXml(meta.xml, { name, disks });
    // The definition comes from the repository, which whoever can write there (its SFTP or S3
    // side, or the maker of a repository attached with `existing`) may have crafted: it passes
    // the XML import's check (no foreign emulator, host file as disk, qemu:commandline), its
    // serial logs only in libvirt's log folder.
    await checkRestoredXml(client, xml);
    const vm = await defineValidated(client, xml, t("Failed to define the restored VM"));
    return { id: vm.uuid, name: vm.name };
  });
}

/** Restores one disk of backup `id` into new raw volume `volume` of `pool`. */
export async function restoreOneDisk(
  client: LibvirtClient,
  repo: ResticRepo,
  { id, target, pool, volume, signal }: {
    id: string;
    target: string;
    pool: string;
    volume: string;
    signal?: AbortSignal;
  },
): Promise<{ pool: string; volume: string; path: string }> {
  await checkPool(client, pool);
  const { meta } = await findBackup(repo, id, signal);
  return await deletedOnFailure(client, async (made) => {
    const path = await restoreDiskInto(client, repo, { meta, target, pool, volume, made, signal });
    return { pool, volume, path };
  });
}

/**
 * Runs `work` with a list it adds each volume it makes to; when `work` fails, they are deleted
 * again (each as far as it goes) and the failure is thrown on: a restore that failed leaves none.
 */
async function deletedOnFailure<T>(
  client: LibvirtClient,
  work: (made: { pool: string; volume: string }[]) => Promise<T>,
): Promise<T> {
  const made: { pool: string; volume: string }[] = [];
  try {
    return await work(made);
  } catch (err) {
    for (const m of made) await client.call("volumeDeleteIn", m.pool, m.volume).catch(() => {});
    throw err;
  }
}

/**
 * A definition from the repository passes the XML import's check on `client`'s host; with
 * `current` (a VM's definition now) the sources it has already pass.
 */
export async function checkRestoredXml(
  client: LibvirtClient,
  xml: string,
  current?: string,
): Promise<void> {
  await checkDomainSources({ client, xml: withoutLogs(xml), current });
}

/** Where virtlogd keeps the serial logs of QEMU guests: the only folder a restored log may name. */
const LOG_FILE = /^\/var\/log\/libvirt\/qemu\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The definition without its chardevs' log files, for the XML import's check (which refuses
 * any): a VM's serial log is kept when it is a file of libvirt's QEMU log folder (virtlogd
 * writes it as root, so never elsewhere), else the restore is refused.
 */
function withoutLogs(xml: string): string {
  const doc = parseOrdered(xml);
  const devices = child(rootElement(doc, "domain"), "devices");
  for (const dev of devices ? children(devices) : []) {
    const log = child(dev, "log");
    if (!log) continue;
    const file = attr(log, "file") ?? "";
    if (!LOG_FILE.test(file)) {
      throw new AppError(
        "DISK_SOURCE_REFUSED",
        t("{{device}}: log file {{file}} is outside libvirt's QEMU log folder", {
          device: tagOf(dev),
          file,
        }),
      );
    }
    removeChildren(dev, (c) => tagOf(c) === "log");
  }
  return buildOrdered(doc);
}
