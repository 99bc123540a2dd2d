// What a new backup takes and how: the VM's disks resolved to volumes, and full or incremental
// (with or without a checkpoint) from the mode asked for and the VM's last backup.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import type { BackupRecord } from "./records.ts";
import type { BackupKind, BackupMethod, BackupMode } from "../../shared/backups.ts";
import { type DiskSource, qcow2Compat } from "./xml.ts";

/** A disk to back up with what its volume says. */
export interface ResolvedDisk {
  target: string;
  path: string;
  format: string;
  pool: string | null;
  capacityBytes: number;
  /** qcow2 compat level ("1.1" = version 3), null when unknown or not qcow2. */
  compat: string | null;
}

/** Reads each disk's volume (or, outside any pool, the running VM's block info). */
export async function resolveDisks(
  client: LibvirtClient,
  vm: { id: string; name: string; active: boolean },
  disks: DiskSource[],
): Promise<ResolvedDisk[]> {
  const out: ResolvedDisk[] = [];
  for (const d of disks) {
    const vol = d.path === null
      ? await client.call("volumeGet", d.pool!, d.volume!).catch((err) => {
        throw fromLibvirt(err, { failed: `Disk ${d.target} of ${vm.name}` });
      })
      : await client.call("volumeAt", d.path).catch(() => null);
    if (vol) {
      out.push({
        target: d.target,
        path: vol.path,
        format: d.format,
        pool: vol.pool,
        capacityBytes: vol.capacity,
        // libvirt writes <compat>1.1</compat> for qcow2 version 3 and nothing for version 2.
        compat: d.format === "qcow2" ? qcow2Compat(vol.xml) ?? "0.10" : null,
      });
    } else if (vm.active) {
      const info = await client.call("domainBlockInfo", vm.id, d.target).catch((err) => {
        throw fromLibvirt(err, { id: vm.id, failed: `Failed to read disk ${d.target}` });
      });
      out.push({
        target: d.target,
        path: d.path!,
        format: d.format,
        pool: null,
        capacityBytes: info.capacity,
        compat: null,
      });
    } else {
      throw new AppError(
        "BACKUP_UNSUPPORTED",
        `Disk ${d.target} of the stopped VM ${vm.name} is not a storage volume and cannot be ` +
          `copied: ${d.path}. Start the VM to back it up with libvirt's backup API.`,
      );
    }
  }
  return out;
}

/** Why the disks cannot keep a checkpoint's dirty bitmap; null when they can (or may). */
export function bitmapIssue(disks: ResolvedDisk[]): string | null {
  for (const d of disks) {
    if (d.format !== "qcow2") {
      return `Disk ${d.target} is ${d.format}: only qcow2 disks keep the dirty bitmaps ` +
        "incremental backups count changes with";
    }
    if (d.compat === "0.10") {
      return `Disk ${d.target} is qcow2 version 2 (compat 0.10): Cannot store dirty bitmaps in ` +
        "qcow2 v2 files. Convert it to version 3 (qemu-img amend -o compat=1.1) while the VM " +
        "is off";
    }
  }
  return null;
}

/** The VM's last succeeded backup as an incremental base, with what libvirt still has. */
export interface BaseFacts {
  last: BackupRecord | null;
  checkpointExists: boolean;
  /** The last backup's volumes that are gone from its pool. */
  missingVolumes: string[];
}

export interface Plan {
  method: BackupMethod;
  kind: BackupKind;
  /** The backup an incremental builds on. */
  parent: BackupRecord | null;
  /** Whether this backup makes a checkpoint (the next incremental's base). */
  checkpoint: boolean;
  notes: string[];
}

/**
 * Decides full or incremental. `auto` is incremental when the last succeeded backup left a
 * checkpoint libvirt still has, over the same disks in the same pool; otherwise full, with the
 * reason in the notes. `incremental` when impossible is a 409 INCREMENTAL_UNAVAILABLE.
 */
export function planBackup(
  { mode, vmName, active, disks, pool, base }: {
    mode: BackupMode;
    vmName: string;
    active: boolean;
    disks: ResolvedDisk[];
    pool: string;
    base: BaseFacts;
  },
): Plan {
  const bitmaps = bitmapIssue(disks);
  const issue = incrementalIssue({ vmName, active, disks, pool, base, bitmaps });
  if (mode === "incremental" && issue) {
    throw new AppError(
      "INCREMENTAL_UNAVAILABLE",
      `Cannot make an incremental backup of ${vmName}: ${issue}`,
    );
  }
  const notes: string[] = [];
  if (!active) {
    notes.push(
      "Copied while the VM was stopped: no checkpoint, so its next backup is full again",
    );
  } else if (bitmaps) notes.push(`No checkpoint: ${bitmaps}`);
  else if (mode === "auto" && issue && base.last) notes.push(`Full: ${issue}`);
  const incremental = mode !== "full" && !issue;
  return {
    method: active ? "backup" : "copy",
    kind: incremental ? "incremental" : "full",
    parent: incremental ? base.last : null,
    checkpoint: active && !bitmaps,
    notes,
  };
}

function incrementalIssue(
  { vmName, active, disks, pool, base, bitmaps }: {
    vmName: string;
    active: boolean;
    disks: ResolvedDisk[];
    pool: string;
    base: BaseFacts;
    bitmaps: string | null;
  },
): string | null {
  const { last } = base;
  if (!active) {
    return `${vmName} is not running, and libvirt's backup API (which counts changes) needs ` +
      "a running or paused VM";
  }
  if (bitmaps) return bitmaps;
  if (!last) return `${vmName} has no earlier backup to build on`;
  if (!last.checkpoint) {
    return `its last backup (${last.startedAt}) has no checkpoint to count changes from`;
  }
  if (!base.checkpointExists) {
    return `checkpoint ${last.checkpoint} of its last backup no longer exists in libvirt`;
  }
  if (last.pool !== pool) {
    return `its last backup is in storage pool ${last.pool}, backups now go to ${pool}`;
  }
  const before = last.disks.map((d) => `${d.target}:${d.capacityBytes}`).sort().join();
  const now = disks.map((d) => `${d.target}:${d.capacityBytes}`).sort().join();
  if (before !== now) return "its disks changed since its last backup";
  if (base.missingVolumes.length) {
    return `volume ${base.missingVolumes[0]} of its last backup is gone from ${last.pool}`;
  }
  return null;
}
