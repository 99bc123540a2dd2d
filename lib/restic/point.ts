// The consistent point a restic backup reads: each disk's guest-visible bytes at one moment,
// as a raw file in the disk's own (local folder) pool. A running VM's disks are copied by
// libvirt's backup job (push mode, all disks at one point, filesystems frozen by the guest
// agent when it answers), as lib/backups does; a stopped VM's by qemu-img under the VM's lock.
// The caller streams the files into restic and removes them (dropPoint).

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { newLocalVolume } from "../storage/pinned_copy.ts";
import { outcomeOf } from "../backups/jobs.ts";
import type { Quiescer } from "../backups/begin.ts";
import type { ResolvedDisk } from "../backups/plan.ts";
import { volumeNamePart } from "../backups/xml.ts";
import { runCommand } from "./exec.ts";
import { t } from "../../shared/i18n/t.ts";

/** One disk's frozen copy. */
export interface PointDisk {
  target: string;
  format: string;
  capacityBytes: number;
  sourcePath: string;
  /** The raw copy and the pool volume holding it. */
  pool: string;
  volume: string;
  path: string;
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/'/g, "&apos;").replace(/"/g, "&quot;");

/** A push-mode `<domainbackup>` writing each disk raw into the pre-made file (REUSE_EXTERNAL). */
export function rawBackupXml(disks: { target: string; path: string }[]): string {
  const ds = disks.map((d) =>
    `<disk name='${esc(d.target)}' backup='yes' type='file'>` +
    `<target file='${esc(d.path)}'/><driver type='raw'/></disk>`
  ).join("");
  return `<domainbackup><disks>${ds}</disks></domainbackup>`;
}

/** Makes the raw copy volumes, one per disk, in each disk's pool. */
async function makeVolumes(
  client: LibvirtClient,
  id: string,
  disks: ResolvedDisk[],
): Promise<PointDisk[]> {
  const out: PointDisk[] = [];
  try {
    for (const d of disks) {
      if (!d.pool) {
        throw new AppError(
          "RESTIC_UNSUPPORTED",
          t(
            "Disk {{target}} is in no storage pool: restic backups read disks of local folder pools",
            {
              target: d.target,
            },
          ),
        );
      }
      const volume = `kvmm-restic-${id}-${volumeNamePart(d.target)}.raw`;
      const vol = await newLocalVolume(client, {
        pool: d.pool,
        name: volume,
        bytes: d.capacityBytes,
        format: "raw",
        label: t("Disk {{target}}", { target: d.target }),
        made: [],
      });
      if (!vol) {
        throw new AppError(
          "RESTIC_UNSUPPORTED",
          t(
            "Pool {{pool}} is not a folder on this machine: restic backups read disks of local folder pools",
            {
              pool: d.pool,
            },
          ),
        );
      }
      out.push({ ...d, pool: d.pool, sourcePath: d.path, volume, path: vol.path });
    }
    return out;
  } catch (err) {
    await dropPoint(client, out);
    throw err;
  }
}

/** Removes the raw copies. */
export async function dropPoint(client: LibvirtClient, disks: PointDisk[]): Promise<void> {
  for (const d of disks) await client.call("volumeDeleteIn", d.pool, d.volume).catch(() => {});
}

/**
 * Takes the point of a running VM: libvirt's backup job into the raw copies, waited for;
 * `signal` aborts the job. `progress` gets the fraction copied.
 */
export async function runningPoint(
  { client, quiesce, uuid, id, disks, signal, progress }: {
    client: LibvirtClient;
    quiesce?: Quiescer;
    uuid: string;
    id: string;
    disks: ResolvedDisk[];
    signal: AbortSignal;
    progress: (fraction: number) => void;
  },
): Promise<{ disks: PointDisk[]; quiesced: boolean }> {
  const point = await makeVolumes(client, id, disks);
  let quiesced = false;
  try {
    const frozen = await (quiesce?.freeze(uuid) ?? Promise.resolve(null)).catch(() => null);
    try {
      await client.call("backupBegin", uuid, rawBackupXml(point), null, 1 /* REUSE_EXTERNAL */);
    } catch (err) {
      throw fromLibvirt(err, { id: uuid, failed: t("libvirt refused the backup job") });
    } finally {
      if (frozen !== null) await quiesce!.thaw(uuid);
    }
    quiesced = frozen !== null;
    const abort = () => client.call("jobAbort", uuid).catch(() => {});
    signal.addEventListener("abort", abort, { once: true });
    try {
      for (;;) {
        await new Promise((r) => setTimeout(r, 300));
        const stats = await client.call("jobStats", uuid).catch(() => null);
        if (stats && (stats.type === 1 || stats.type === 2)) {
          const done = Number(stats.params.disk_processed ?? stats.params.data_processed ?? 0);
          const total = Number(stats.params.disk_total ?? stats.params.data_total ?? 0);
          if (total > 0) progress(done / total);
          continue;
        }
        const end = await client.call("jobStats", uuid, true).catch(() => null);
        const outcome = outcomeOf(end, signal.aborted);
        if (outcome.status === "succeeded") break;
        if (outcome.status === "cancelled") {
          throw new AppError("BACKUP_CANCELLED", t("Cancelled: restic was stopped"));
        }
        throw new AppError("BACKUP_FAILED", outcome.error ?? t("The backup job failed"));
      }
    } finally {
      signal.removeEventListener("abort", abort);
    }
    return { disks: point, quiesced };
  } catch (err) {
    await dropPoint(client, point);
    throw err;
  }
}

/** Takes the point of a stopped VM: each disk converted to raw by qemu-img. */
export async function stoppedPoint(
  { client, id, disks, signal }: {
    client: LibvirtClient;
    id: string;
    disks: ResolvedDisk[];
    signal: AbortSignal;
  },
): Promise<PointDisk[]> {
  const point = await makeVolumes(client, id, disks);
  try {
    for (const d of point) {
      await runCommand("qemu-img", [
        "convert",
        "-f",
        d.format === "raw" ? "raw" : d.format,
        "-O",
        "raw",
        "-n",
        d.sourcePath,
        d.path,
      ], signal);
    }
    return point;
  } catch (err) {
    await dropPoint(client, point);
    throw err;
  }
}
