// What a new backup takes and how: the VM's disks resolved to volumes, and full or incremental
// (with or without a checkpoint) from the mode asked for and the VM's last backup.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import type { BackupRecord } from "./records.ts";
import type { BackupKind, BackupMethod, BackupMode } from "../../shared/backups.ts";
import { type DiskSource, qcow2Compat } from "./xml.ts";
import { t } from "../../shared/i18n/t.ts";

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
        throw fromLibvirt(err, {
          failed: t("Disk {{target}} of {{name}}", { target: d.target, name: vm.name }),
        });
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
        throw fromLibvirt(err, {
          id: vm.id,
          failed: t("Failed to read disk {{target}}", { target: d.target }),
        });
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
        t(
          "Disk {{target}} of the stopped VM {{name}} is not a storage volume and cannot be copied: {{path}}. Start the VM to back it up with libvirt's backup API.",
          { target: d.target, name: vm.name, path: String(d.path) },
        ),
      );
    }
  }
  return out;
}

/** Why the disks cannot keep a checkpoint's dirty bitmap; null when they can (or may). */
export function bitmapIssue(disks: ResolvedDisk[]): string | null {
  for (const d of disks) {
    if (d.format !== "qcow2") {
      return t(
        "Disk {{target}} is {{format}}: only qcow2 disks keep the dirty bitmaps incremental backups count changes with",
        { target: d.target, format: d.format },
      );
    }
    if (d.compat === "0.10") {
      return t(
        "Disk {{target}} is qcow2 version 2 (compat 0.10): Cannot store dirty bitmaps in qcow2 v2 files. Convert it to version 3 (qemu-img amend -o compat=1.1) while the VM is off",
        { target: d.target },
      );
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
      t("Cannot make an incremental backup of {{name}}: {{issue}}", { name: vmName, issue }),
    );
  }
  const notes: string[] = [];
  if (!active) {
    notes.push(
      t("Copied while the VM was stopped: no checkpoint, so its next backup is full again"),
    );
  } else if (bitmaps) notes.push(t("No checkpoint: {{reason}}", { reason: bitmaps }));
  else if (mode === "auto" && issue && base.last) {
    notes.push(t("Full: {{reason}}", { reason: issue }));
  }
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
    return t(
      "{{name}} is not running, and libvirt's backup API (which counts changes) needs a running or paused VM",
      { name: vmName },
    );
  }
  if (bitmaps) return bitmaps;
  if (!last) return t("{{name}} has no earlier backup to build on", { name: vmName });
  if (!last.checkpoint) {
    return t("its last backup ({{startedAt}}) has no checkpoint to count changes from", {
      startedAt: last.startedAt,
    });
  }
  if (!base.checkpointExists) {
    return t("checkpoint {{checkpoint}} of its last backup no longer exists in libvirt", {
      checkpoint: last.checkpoint,
    });
  }
  if (last.pool !== pool) {
    return t("its last backup is in storage pool {{old}}, backups now go to {{pool}}", {
      old: last.pool,
      pool,
    });
  }
  const before = last.disks.map((d) => `${d.target}:${d.capacityBytes}`).sort().join();
  const now = disks.map((d) => `${d.target}:${d.capacityBytes}`).sort().join();
  if (before !== now) return t("its disks changed since its last backup");
  if (base.missingVolumes.length) {
    return t("volume {{volume}} of its last backup is gone from {{pool}}", {
      volume: base.missingVolumes[0],
      pool: last.pool,
    });
  }
  return null;
}
