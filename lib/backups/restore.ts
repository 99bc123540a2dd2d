// Restoring a backup as a new VM: each disk flattened out of the backup chain into a volume of
// the target pool, the stored definition renamed, without UUID and MACs, then defined (not
// started). A half-made restore is removed again.

import { z } from "zod";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import { domainExists } from "../vm_basics.ts";
import { vmName } from "../vms/input.ts";
import { defineValidated, volumeXml } from "../vms/create.ts";
import { undoMake } from "../vms/late_define.ts";
import { volumeAt } from "../storage/lookups.ts";
import { sourceRefused } from "../storage/disk_sources.ts";
import {
  checkVolumeSource,
  createPinnedVolume,
  localPoolRoot,
  pinChain,
} from "../storage/pinned_volume.ts";
import { qemuImgWithProgress } from "../storage/qemu_img.ts";
import type { VolumeSnapshot } from "../../ffi/libvirt/ops/storage.ts";
import type { BackupDisk } from "../../shared/backups.ts";
import { BACKUP_CODES } from "./input.ts";
import type { BackupRecord } from "./records.ts";
import { restoredDomainXml } from "./xml.ts";
import { type IssueCodes, validated } from "../validate.ts";
import { t } from "../../shared/i18n/t.ts";
import { callMake } from "../../ffi/libvirt/late_undo.ts";

const POOL = () => t("pool must be a storage pool name");

/** The body of POST /api/backups/:id/restore; a value's refusal says which field (`field`). */
export const RestoreBody = z.strictObject({
  name: vmName.meta({ description: "The new VM's name" }),
  pool: z.string({ error: POOL }).min(1, { error: POOL }).nullable().optional().meta({
    description: "Where its disks go (default: the original disk's pool when active, else the " +
      "backup pool)",
  }),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t('Unknown field "{{key}}": expected name, pool', { key: issue.keys[0] })
      : t('Body must be a JSON object like {"name": "web-restored"}'),
});

export const RESTORE_CODES: IssueCodes = { ...BACKUP_CODES, fields: { name: "INVALID_NAME" } };

/** The body of POST /api/backups/:id/restore, checked. */
export function restoreInput(input: unknown): { name: string; pool: string | null } {
  const body = validated(RestoreBody, input, RESTORE_CODES);
  return { name: body.name, pool: body.pool ?? null };
}

async function activePool(client: LibvirtClient, name: string): Promise<boolean> {
  return await client.call("poolGet", name).then((p) => p.active, () => false);
}

/**
 * Copies backup disk `disk` (its chain flattened) into new volume `volName` of pool `target`,
 * whose path goes into `made` as soon as it exists. Between local folder pools the backup's chain
 * and the new file are opened once and checked inside their pools, and qemu-img copies through
 * those opened files (a json: chain), so a link swapped in after the check leads nowhere else;
 * libvirt's copy, used for other pools, opens both by name.
 */
async function copyDisk(
  client: LibvirtClient,
  { disk, target, volName, format, share, made }: {
    disk: BackupDisk;
    target: string;
    volName: string;
    format: "qcow2" | "raw";
    share: [number, number];
    made: string[];
  },
): Promise<VolumeSnapshot> {
  const failed = (err: unknown) =>
    fromLibvirt(err, { failed: t("Failed to restore disk {{target}}", { target: disk.target }) });
  const label = t("Disk {{target}}", { target: disk.target });
  // Into a local folder pool, only through pinned files: a lookup that fails (the name being
  // swapped) is a refusal, never a fall back to libvirt's copy by name.
  if (await localPoolRoot(client, target) === null) {
    const vol = await callMake(
      client,
      "volumeClone",
      target,
      volumeXml(volName, disk.capacityBytes, format),
      disk.path,
    ).catch((err) => {
      throw failed(err);
    });
    made.push(vol.path);
    return vol;
  }
  const source = await volumeAt({ client, path: disk.path });
  if (!source) {
    throw sourceRefused(
      label,
      t("{{path}} is not a volume of a storage pool", { path: disk.path }),
    );
  }
  await using chain = await pinChain(client, source, { label });
  const names: string[] = [];
  const { vol, file } = await createPinnedVolume(client, {
    pool: target,
    name: volName,
    bytes: Math.max(disk.capacityBytes, chain.virtualSize),
    format,
    label,
    made: names,
  }).catch(async (err: unknown) => {
    if (names.length) await client.call("volumeDeleteIn", target, volName).catch(() => {});
    throw failed(err);
  });
  made.push(vol.path);
  await using into = file;
  const why = await qemuImgWithProgress(
    ["convert", "-p", "-n", "-O", format, chain.spec, into.path],
    share,
  );
  if (why) {
    throw new AppError(
      "IoError",
      t("Failed to restore disk {{target}}: {{reason}}", { target: disk.target, reason: why }),
    );
  }
  // libvirt made the volume as an empty raw file: let it read what it is now.
  await client.call("poolRefresh", target).catch(() => {});
  return vol;
}

/**
 * Restores succeeded backup `rec` as VM `name`. Disks go to `pool` when given, else to the pool
 * of the VM's original disk when it is still active, else to the backup pool.
 */
export async function restoreBackup(
  client: LibvirtClient,
  rec: BackupRecord,
  { name, pool }: { name: string; pool: string | null },
): Promise<{ id: string; name: string; pools: string[] }> {
  if (rec.status !== "succeeded") {
    throw conflict(
      rec.status === "running"
        ? t("Backup {{id}} is running: only a succeeded backup can be restored", { id: rec.id })
        : t("Backup {{id}} has {{status}}: only a succeeded backup can be restored", {
          id: rec.id,
          status: rec.status,
        }),
    );
  }
  if (await domainExists(client, name)) {
    throw new AppError("NAME_EXISTS", t("VM name already exists: {{name}}", { name }));
  }
  if (pool !== null) {
    const p = await client.call("poolGet", pool).catch((err) => {
      throw fromLibvirt(err, { failed: t("Storage pool {{name}} not found", { name: pool }) });
    });
    if (!p.active) {
      throw conflict(t("Storage pool {{name}} is not active: start it first", { name: pool }));
    }
  }
  const made: string[] = [];
  const pools = new Set<string>();
  const disks = new Map<string, { path: string; format: string }>();
  let defining = false;
  try {
    for (const [at, d] of rec.disks.entries()) {
      const target = pool ??
        (d.sourcePool && await activePool(client, d.sourcePool) ? d.sourcePool : rec.pool);
      const format = d.sourceFormat === "raw" ? "raw" : "qcow2";
      const ext = format === "qcow2" ? "qcow2" : "img";
      const volName = rec.disks.length === 1 ? `${name}.${ext}` : `${name}-${d.target}.${ext}`;
      // The backup's file is read as the new disk: it passes the same check as any disk source.
      // The rest of the definition is the VM's own as libvirt gave it at backup time, with only
      // its name, disks and log files renamed (lib/backups/xml.ts), so it is not checked again.
      await checkVolumeSource({
        client,
        path: d.path,
        label: t("Disk {{target}}", { target: d.target }),
        readonly: true,
        backing: true,
      });
      const share: [number, number] = [at / rec.disks.length, (at + 1) / rec.disks.length];
      const vol = await copyDisk(client, { disk: d, target, volName, format, share, made });
      pools.add(target);
      disks.set(d.target, { path: vol.path, format });
    }
    const xml = restoredDomainXml(rec.domainXml, { name, disks });
    defining = true;
    const vm = await defineValidated(client, xml, t("Failed to define the restored VM"));
    return { id: vm.uuid, name: vm.name, pools: [...pools] };
  } catch (err) {
    await undoMake(client, err, { defining, name }, async () => {
      for (const path of made) await client.call("volumeDelete", path).catch(() => {});
    });
    throw err;
  }
}
