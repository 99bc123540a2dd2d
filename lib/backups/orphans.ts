// Backups a crash left "running": marked interrupted at start, and their leftovers (a job still
// running in libvirt, partial volumes, a checkpoint) removed later, when libvirt answers. Kept
// apart from the service because it is recovery, not the normal life of a backup.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { deleteVolumes } from "./chain.ts";
import type { BackupRecord, BackupRecords } from "./records.ts";

/** Marks every backup still recorded as running interrupted; returns them for cleanOrphans. */
export function markInterrupted(records: BackupRecords): BackupRecord[] {
  const running = records.withStatus("running");
  for (const r of running) {
    records.update(r.id, {
      status: "interrupted",
      finishedAt: Date.now(),
      error: "KVM Manager stopped while this backup ran; its partial volumes are deleted",
    });
  }
  return running;
}

/**
 * Removes what `orphans` left: a job still running, volumes, checkpoint. One that cannot be
 * cleaned now (libvirt unreachable) goes to `retryLater` at once.
 */
export async function cleanOrphans(
  client: LibvirtClient,
  orphans: BackupRecord[],
  retryLater: (rec: BackupRecord) => void,
): Promise<void> {
  for (const r of orphans) {
    try {
      if (r.method === "backup") {
        const xml = await client.call("backupXml", r.vmId).catch(() => "");
        if (r.disks.some((d) => d.path && xml.includes(d.path))) {
          await client.call("jobAbort", r.vmId).catch(() => {});
        }
      }
      await deleteVolumes(client, r.pool, r.disks);
      if (r.checkpoint) {
        await client.call("checkpointDelete", r.vmId, r.checkpoint, 0).catch(() => {});
      }
    } catch {
      retryLater(r); // libvirt unreachable: tried again next time
    }
  }
}
