// Beginning a backup: what the last one leaves to build on, the record of the new one, and
// libvirt's backup job itself (target volumes, an optional filesystem freeze, the checkpoint).
// Kept apart from the service, which checks, locks and follows the job.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { LibvirtError } from "../../ffi/libvirt/error.ts";
import type { BackupDisk } from "../../shared/backups.ts";
import { REUSE_EXTERNAL } from "./jobs.ts";
import type { BaseFacts, Plan, ResolvedDisk } from "./plan.ts";
import type { BackupRecord, BackupRecords } from "./records.ts";
import { backupVolumeXml, backupXml, checkpointXml, volumeNamePart } from "./xml.ts";
import { t } from "../../shared/i18n/t.ts";
import { newLocalVolume } from "../storage/pinned_copy.ts";
import { callMake } from "../../ffi/libvirt/late_undo.ts";

/** Filesystem freeze and thaw of a running guest (the QEMU guest agent, through libvirt). */
export interface Quiescer {
  /** How many filesystems were frozen; null when no agent can freeze this guest now. */
  freeze(vmId: string): Promise<number | null>;
  /** Must not give up easily: a guest left frozen stops writing. */
  thaw(vmId: string): Promise<void>;
}

/** Our checkpoints' names start with this; only those are ever deleted. */
export const CHECKPOINT_PREFIX = "kvmm-";

/** The VM's last succeeded backup and whether it can still be built on. */
export async function baseFacts(
  client: LibvirtClient,
  records: BackupRecords,
  uuid: string,
): Promise<BaseFacts> {
  const last = records.ofVm(uuid).find((b) => b.status === "succeeded") ?? null;
  if (!last) return { last, checkpointExists: false, missingVolumes: [] };
  const cps = last.checkpoint ? await client.call("checkpointList", uuid).catch(() => []) : [];
  const missingVolumes: string[] = [];
  for (const d of last.disks) {
    const found = await client.call("volumeGet", last.pool, d.volume).then(
      () => true,
      () => false,
    );
    if (!found) missingVolumes.push(d.volume);
  }
  return { last, checkpointExists: cps.some((c) => c.name === last.checkpoint), missingVolumes };
}

/** The record of a backup about to begin: status running, target volumes named, not made. */
export function newBackupRecord({ id, uuid, name, plan, disks, skipped, keep, pool, domainXml }: {
  id: string;
  uuid: string;
  name: string;
  plan: Plan;
  disks: ResolvedDisk[];
  /** The disks left out, each "target (reason)", joined by commas; "" when none. */
  skipped: string;
  keep: number;
  pool: string;
  domainXml: string;
}): BackupRecord {
  const stem = `${volumeNamePart(name)}-${id}`;
  const backupDisks: BackupDisk[] = disks.map((d) => ({
    target: d.target,
    sourcePath: d.path,
    sourceFormat: d.format,
    sourcePool: d.pool,
    capacityBytes: d.capacityBytes,
    volume: `${stem}-${volumeNamePart(d.target)}.qcow2`,
    path: "",
  }));
  const notes = [...plan.notes, ...skipped ? [t("Not backed up: {{skipped}}", { skipped })] : []];
  return {
    id,
    vmId: uuid,
    vmName: name,
    kind: plan.kind,
    method: plan.method,
    parentId: plan.parent?.id ?? null,
    checkpoint: plan.checkpoint ? CHECKPOINT_PREFIX + id : null,
    status: "running",
    startedAt: "",
    finishedAt: null,
    processedBytes: 0,
    totalBytes: disks.reduce((n, d) => n + d.capacityBytes, 0),
    sizeBytes: null,
    keep,
    error: null,
    note: notes.join("; ") || null,
    pool,
    disks: backupDisks,
    domainXml,
  };
}

/** Makes the target volumes (overlays of the parent's for an incremental) and begins. */
export async function beginBackupJob(
  { client, records, quiesce }: {
    client: LibvirtClient;
    records: BackupRecords;
    quiesce: Quiescer | undefined;
  },
  rec: BackupRecord,
  parent: BackupRecord | null,
): Promise<void> {
  for (const d of rec.disks) {
    const backing = parent?.disks.find((p) => p.target === d.target)?.path ?? null;
    // A local folder pool: libvirt makes an empty file, formatted through the opened file
    // (newLocalVolume; the backing is only named in the header). libvirt's own qcow2 creation
    // runs qemu-img on the new name, which follows a link planted there. Elsewhere (LVM, a
    // remote host's pool) libvirt makes it on the volume's host. The caller deletes the record's
    // volumes when this fails.
    const vol = await newLocalVolume(client, {
      pool: rec.pool,
      name: d.volume,
      bytes: d.capacityBytes,
      format: "qcow2",
      backing: backing === null ? undefined : { path: backing, format: "qcow2" },
      label: t("Disk {{target}}", { target: d.target }),
      made: [],
    }) ?? await callMake(
      client,
      "volumeCreate",
      rec.pool,
      backupVolumeXml(d.volume, d.capacityBytes, backing),
    );
    d.path = vol.path;
  }
  records.update(rec.id, { disks: rec.disks });
  const xml = backupXml(rec.disks, parent?.checkpoint ?? null);
  const targets = rec.disks.map((d) => d.target);
  // The backup's point in time is its start: frozen filesystems make it consistent on disk.
  let note: string | null = null;
  const frozen = await (quiesce?.freeze(rec.vmId) ?? Promise.resolve(null)).catch(
    (err: Error) => {
      note = t("Not quiesced: {{error}}", { error: err.message });
      return null;
    },
  );
  if (frozen !== null) {
    note = t("Quiesced: {{count}} guest filesystem(s) frozen at the start", { count: frozen });
  }
  if (note) {
    rec.note = [rec.note, note].filter(Boolean).join("; ");
    records.update(rec.id, { note: rec.note });
  }
  try {
    await beginLibvirt(client, records, rec, xml, targets);
  } finally {
    if (frozen !== null) await quiesce!.thaw(rec.vmId);
  }
}

/** virDomainBackupBegin, with the checkpoint when there is one and libvirt takes it. */
async function beginLibvirt(
  client: LibvirtClient,
  records: BackupRecords,
  rec: BackupRecord,
  xml: string,
  targets: string[],
): Promise<void> {
  if (!rec.checkpoint) {
    await client.call("backupBegin", rec.vmId, xml, null, REUSE_EXTERNAL);
    return;
  }
  try {
    await client.call(
      "backupBegin",
      rec.vmId,
      xml,
      checkpointXml(rec.checkpoint, targets),
      REUSE_EXTERNAL,
    );
  } catch (err) {
    // Disks outside any pool are not checked beforehand: a disk that cannot keep a bitmap
    // (qcow2 version 2) fails here. A full backup goes on without the checkpoint.
    if (!(err instanceof LibvirtError) || rec.kind !== "full") throw err;
    await client.call("backupBegin", rec.vmId, xml, null, REUSE_EXTERNAL);
    rec.checkpoint = null;
    const note = t("No checkpoint: libvirt refused it ({{error}}); the next backup is full", {
      error: err.message,
    });
    rec.note = [rec.note, note].filter(Boolean).join("; ");
    records.update(rec.id, { checkpoint: null, note: rec.note });
  }
}
