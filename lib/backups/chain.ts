// Backup chains in the backup pool: an incremental's volumes are qcow2 overlays over its
// parent's. Consolidation turns an incremental into a standalone full backup (a volume copy
// flattens the chain), so its parents can go; retention and delete use it.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import { fromLibvirt } from "../errors.ts";
import type { BackupRecord, BackupRecords } from "./records.ts";
import type { BackupDisk } from "../../shared/backups.ts";
import { backupVolumeXml } from "./xml.ts";
import { copyLocalVolume } from "../storage/pinned_copy.ts";
import { t } from "../../shared/i18n/t.ts";

const gone = (err: unknown) =>
  err instanceof LibvirtError &&
  (err.code === ErrorCode.NO_STORAGE_VOL || err.code === ErrorCode.NO_STORAGE_POOL);

/** Deletes a backup's volumes; ones already gone are fine. */
export async function deleteVolumes(
  client: LibvirtClient,
  pool: string,
  disks: BackupDisk[],
): Promise<void> {
  for (const d of disks) {
    await client.call("volumeDeleteIn", pool, d.volume).catch((err) => {
      if (!gone(err)) {
        throw fromLibvirt(err, {
          failed: t("Failed to delete backup volume {{volume}}", { volume: d.volume }),
        });
      }
    });
  }
}

/** The succeeded or running backups built directly on `rec`. */
export function childrenOf(records: BackupRecords, rec: BackupRecord): BackupRecord[] {
  return records.ofVm(rec.vmId).filter((b) =>
    b.parentId === rec.id && (b.status === "succeeded" || b.status === "running")
  );
}

/**
 * Makes incremental `rec` a standalone full backup. Without children, each disk is flattened
 * into a new volume and the overlay deleted. With children (whose overlays name this volume's
 * path as their backing file) the flattened copy is copied back under the same name, so their
 * chains stay whole: two copies, as libvirt's storage API cannot rebase an overlay.
 */
export async function consolidate(
  client: LibvirtClient,
  records: BackupRecords,
  rec: BackupRecord,
): Promise<BackupRecord> {
  if (rec.kind !== "incremental") return rec;
  const keepPath = childrenOf(records, rec).length > 0;
  const disks: BackupDisk[] = [];
  const failed = t("Failed to consolidate backup {{id}}", { id: rec.id });
  const call = <T>(p: Promise<T>) => p.catch((err) => Promise.reject(fromLibvirt(err, { failed })));
  /** A flat copy of volume `from` of the backup pool as new volume `to`. */
  const copy = async (from: { volume: string; path: string }, to: string, cap: number) => {
    // A local folder pool: the chain pinned and copied into a pinned new volume (copyLocalVolume).
    // libvirt's copy runs qemu-img on the new volume's name, which is predictable here (a link
    // planted at "…-full.qcow2" took the copy outside the pool).
    const made: string[] = [];
    try {
      const vol = await copyLocalVolume(client, {
        source: { pool: rec.pool, name: from.volume, path: from.path, format: "qcow2" },
        pool: rec.pool,
        name: to,
        label: t("Backup volume {{volume}}", { volume: from.volume }),
        made,
        format: "qcow2",
      });
      // Elsewhere (LVM, a remote host's pool) libvirt makes the copy on the volume's host.
      return vol ?? await call(
        client.call("volumeCloneIn", rec.pool, from.volume, backupVolumeXml(to, cap, null)),
      );
    } catch (err) {
      for (const n of made) await client.call("volumeDeleteIn", rec.pool, n).catch(() => {});
      throw err;
    }
  };
  for (const d of rec.disks) {
    const flat = d.volume.replace(/(-full)?\.qcow2$/, "") + "-full.qcow2";
    if (!keepPath) {
      const vol = await copy(d, flat, d.capacityBytes);
      await call(client.call("volumeDeleteIn", rec.pool, d.volume));
      disks.push({ ...d, volume: vol.name, path: vol.path });
    } else {
      const vol = await copy(d, flat, d.capacityBytes);
      await call(client.call("volumeDeleteIn", rec.pool, d.volume));
      await copy({ volume: flat, path: vol.path }, d.volume, d.capacityBytes);
      await call(client.call("volumeDeleteIn", rec.pool, flat));
      disks.push(d);
    }
  }
  const note = [rec.note, t("Consolidated into a full backup when the backup it built on went")]
    .filter(Boolean).join("; ");
  records.update(rec.id, { kind: "full", parentId: null, disks, note });
  return records.get(rec.id)!;
}

/**
 * Keeps the newest `keep` succeeded backups of a VM and deletes the rest, oldest last, after
 * consolidating the oldest kept one when it builds on one that goes. Failed, cancelled and
 * interrupted records older than the oldest kept backup go too. Returns the deleted ids.
 */
export async function applyRetention(
  client: LibvirtClient,
  records: BackupRecords,
  vmId: string,
  keep: number,
): Promise<string[]> {
  const all = records.ofVm(vmId);
  const succeeded = all.filter((b) => b.status === "succeeded");
  if (succeeded.length <= keep) return [];
  const oldestKept = succeeded[keep - 1];
  if (oldestKept.kind === "incremental") await consolidate(client, records, oldestKept);
  const doomed = all.slice(all.indexOf(oldestKept) + 1).filter((b) => b.status !== "running");
  // Newest first: an overlay goes before the volume it is built on.
  const deleted: string[] = [];
  for (const b of doomed) {
    await deleteVolumes(client, b.pool, b.disks);
    records.delete(b.id);
    deleted.push(b.id);
  }
  return deleted;
}
