// Following backups while they run: polling libvirt's job for progress, copying a stopped VM's
// disks, and recording how each ended (clean-up after a failure, size, checkpoints and retention
// after a success). Kept apart from the service, which starts, cancels and deletes backups.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { JobStats } from "../../ffi/libvirt/ops/snapshot.ts";
import { vmState } from "../vm_basics.ts";
import { conflict, fromLibvirt } from "../errors.ts";
import type { VmLock } from "../vms/lock.ts";
import type { AppEvent } from "../../shared/events.ts";
import { CHECKPOINT_PREFIX } from "./begin.ts";
import { applyRetention, deleteVolumes } from "./chain.ts";
import { backupChanged, backupDeleted, recordOf } from "./events.ts";
import { failure, OPERATION_BACKUP, type Outcome, outcomeOf } from "./jobs.ts";
import type { BackupRecord, BackupRecords } from "./records.ts";
import type { TaskHandle } from "../tasks/handle.ts";
import { backupVolumeXml } from "./xml.ts";
import { copyLocalVolume } from "../storage/pinned_copy.ts";
import type { BackupDisk } from "../../shared/backups.ts";
import { t } from "../../shared/i18n/t.ts";
import { withLanguage } from "../i18n/scope.ts";
import { DEFAULT_LANGUAGE } from "../../shared/i18n/languages.ts";
import { callMake } from "../../ffi/libvirt/late_undo.ts";

/** One backup this server follows until it ends. */
export interface Job {
  id: string;
  vmId: string;
  cancel: boolean;
  /** The task it ends (lib/tasks/): the request's that started it, when there was one. */
  task?: TaskHandle;
  timer?: ReturnType<typeof setTimeout>;
  done: Promise<BackupRecord>;
  settle(rec: BackupRecord): void;
}

/** The backups this server follows, by id; `close()` stops following (libvirt's jobs go on). */
export class RunningBackups {
  #client: LibvirtClient;
  #records: BackupRecords;
  #emit: (e: AppEvent) => void;
  #pollMs: number;
  #locked: VmLock;
  #jobs = new Map<string, Job>();
  #closed = false;

  constructor({ client, records, emit, pollMs, locked }: {
    client: LibvirtClient;
    records: BackupRecords;
    emit: (e: AppEvent) => void;
    /** How often a running job's progress is read, in ms. */
    pollMs: number;
    /** The VM's turn among its state-changing operations: a backup's finish takes it. */
    locked: VmLock;
  }) {
    this.#client = client;
    this.#records = records;
    this.#emit = emit;
    this.#pollMs = pollMs;
    this.#locked = locked;
  }

  /** The job of backup `id` while this server follows it. */
  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** A new job for backup `id` of VM `vmId`, followed once `run` is called. */
  add(id: string, vmId: string, task?: TaskHandle): Job {
    let settle!: (rec: BackupRecord) => void;
    const done = new Promise<BackupRecord>((r) => settle = r);
    const job: Job = { id, vmId, cancel: false, task, done, settle };
    this.#jobs.set(id, job);
    return job;
  }

  /**
   * Follows a job: polls libvirt's backup job, or copies the disks of a stopped VM. In English,
   * whoever started it: what the job records (its error, notes, its task's end) is kept for all.
   */
  run(job: Job, method: BackupRecord["method"]): void {
    withLanguage(DEFAULT_LANGUAGE, () => {
      if (method === "copy") this.#guard(job, this.#copy(job));
      else this.#schedule(job, Math.min(this.#pollMs, 100));
    });
  }

  /** Stops polling running jobs (jobs themselves go on in libvirt). */
  close(): void {
    this.#closed = true;
    for (const job of this.#jobs.values()) clearTimeout(job.timer);
  }

  /** One progress read of a running backup job; the next is scheduled unless it ended. */
  async #poll(job: Job): Promise<void> {
    if (this.#closed) return;
    let stats: JobStats;
    try {
      stats = await this.#client.call("jobStats", job.vmId);
    } catch (err) {
      // The VM stopped or went away: its job ended with it.
      const done = await this.#client.call("jobStats", job.vmId, true).catch(() => null);
      const outcome = outcomeOf(done, job.cancel);
      if (outcome.status === "failed" && !done) outcome.error = (err as Error).message;
      return await this.#finish(job, outcome);
    }
    const op = stats.params.operation;
    if ((stats.type === 1 || stats.type === 2) && (op === undefined || op === OPERATION_BACKUP)) {
      const processed = Number(stats.params.disk_processed ?? stats.params.data_processed ?? 0);
      const total = Number(stats.params.disk_total ?? stats.params.data_total ?? 0);
      this.#progress(job.id, processed, total);
      this.#schedule(job, this.#pollMs);
      return;
    }
    const done = await this.#client.call("jobStats", job.vmId, true).catch(() => null);
    await this.#finish(job, outcomeOf(done, job.cancel));
  }

  #schedule(job: Job, ms: number) {
    if (!this.#closed) job.timer = setTimeout(() => this.#guard(job, this.#poll(job)), ms);
  }

  /** A job's background work must never reject unheard: it settles the job with the record. */
  #guard(job: Job, work: Promise<void>) {
    work.catch((err) => {
      console.error(`backup ${job.id}:`, err);
      this.#jobs.delete(job.id);
      const rec = this.#records.get(job.id);
      job.task?.fail(err);
      if (rec) job.settle(rec);
    });
  }

  #progress(id: string, processedBytes: number, totalBytes: number) {
    if (totalBytes > 0) this.#jobs.get(id)?.task?.progress(processedBytes / totalBytes);
    const rec = this.#records.get(id);
    if (!rec || (rec.processedBytes === processedBytes && rec.totalBytes === totalBytes)) return;
    this.#records.update(id, { processedBytes, totalBytes });
    this.#emit(backupChanged(this.#records.get(id)!));
  }

  /** A stopped VM's backup: each disk volume copied (flattened) into the backup pool. */
  async #copy(job: Job): Promise<void> {
    const rec = recordOf(this.#records, job.id);
    let processed = 0;
    try {
      for (const d of rec.disks) {
        if (job.cancel) return await this.#finish(job, { status: "cancelled" });
        const vol = await this.#copyDisk(rec, d);
        d.path = vol.path;
        processed += d.capacityBytes;
        this.#records.update(rec.id, { disks: rec.disks });
        this.#progress(rec.id, processed, rec.totalBytes);
        const now = await this.#client.call("domainState", rec.vmId);
        if (vmState(now.state) !== "stopped") {
          throw conflict(
            `${rec.vmName} was started while its disks were copied: the copy may be inconsistent`,
          );
        }
      }
      await this.#finish(job, {
        status: job.cancel ? "cancelled" : "succeeded",
        processedBytes: processed,
        totalBytes: rec.totalBytes,
      });
    } catch (err) {
      await this.#finish(job, { status: "failed", error: (err as Error).message });
    }
  }

  /**
   * One disk of a stopped VM copied (flattened, as qcow2) into a new volume of the backup pool.
   * Both in local folder pools: the disk's chain pinned and copied into a pinned new volume
   * (copyLocalVolume), as libvirt's copy reads the disk and writes the new volume by their names
   * (a link planted at the new name took the copy outside the pool). Elsewhere (LVM, a remote
   * host's pools) libvirt copies on the volumes' host.
   */
  async #copyDisk(rec: BackupRecord, d: BackupDisk): Promise<{ path: string }> {
    const made: string[] = [];
    try {
      const local = d.sourcePool === null ? null : await copyLocalVolume(this.#client, {
        source: {
          pool: d.sourcePool,
          name: d.sourcePath.slice(d.sourcePath.lastIndexOf("/") + 1),
          path: d.sourcePath,
          format: d.sourceFormat,
        },
        pool: rec.pool,
        name: d.volume,
        label: t("Disk {{target}}", { target: d.target }),
        made,
        format: "qcow2",
      });
      return local ?? await callMake(
        this.#client,
        "volumeClone",
        rec.pool,
        backupVolumeXml(d.volume, d.capacityBytes, null),
        d.sourcePath,
      ).catch((err) => {
        throw fromLibvirt(err, { failed: `Failed to copy disk ${d.target}` });
      });
    } catch (err) {
      // #finish deletes the record's volumes by name; what this made goes now.
      for (const n of made) await this.#client.call("volumeDeleteIn", rec.pool, n).catch(() => {});
      throw err;
    }
  }

  /** Records how a backup ended, cleans up after a failure or prunes after a success. */
  async #finish(job: Job, outcome: Outcome): Promise<void> {
    const deleted = await this.#locked(job.vmId, async () => {
      const rec = recordOf(this.#records, job.id);
      const finishedAt = Date.now();
      if (outcome.status !== "succeeded") {
        await deleteVolumes(this.#client, rec.pool, rec.disks).catch(() => {});
        if (rec.checkpoint) {
          // Deleting it merges its bitmap into the previous checkpoint, which stays usable.
          await this.#client.call("checkpointDelete", rec.vmId, rec.checkpoint, 0).catch(() => {});
        }
        this.#records.update(rec.id, {
          status: outcome.status,
          finishedAt,
          error: outcome.error ?? null,
        });
        return [];
      }
      this.#records.update(rec.id, {
        status: "succeeded",
        finishedAt,
        processedBytes: outcome.processedBytes ?? rec.processedBytes,
        totalBytes: outcome.totalBytes ?? rec.totalBytes,
        sizeBytes: await this.#sizeOf(rec),
      });
      if (rec.checkpoint) await this.#dropOlderCheckpoints(rec.vmId, rec.checkpoint);
      try {
        return await applyRetention(this.#client, this.#records, rec.vmId, rec.keep);
      } catch (err) {
        const note = `Retention failed: ${(err as Error).message}`;
        this.#records.update(rec.id, { note: [rec.note, note].filter(Boolean).join("; ") });
        return [];
      }
    });
    const rec = recordOf(this.#records, job.id);
    this.#jobs.delete(job.id);
    for (const id of deleted) this.#emit(backupDeleted(id, rec.vmId));
    this.#emit({ type: "storage-changed", pool: rec.pool });
    this.#emit(backupChanged(rec));
    if (rec.status === "succeeded") job.task?.succeed();
    else if (rec.status === "cancelled") job.task?.cancelled();
    else job.task?.fail(failure(rec));
    job.settle(rec);
  }

  async #sizeOf(rec: BackupRecord): Promise<number | null> {
    let size = 0;
    for (const d of rec.disks) {
      const vol = await this.#client.call("volumeGet", rec.pool, d.volume).catch(() => null);
      if (!vol) return null;
      size += vol.physical;
    }
    return size;
  }

  /** Only the newest checkpoint is an incremental's base: the app's older ones go. */
  async #dropOlderCheckpoints(vmId: string, newest: string): Promise<void> {
    const cps = await this.#client.call("checkpointList", vmId).catch(() => []);
    for (const c of cps) {
      if (c.name.startsWith(CHECKPOINT_PREFIX) && c.name !== newest) {
        await this.#client.call("checkpointDelete", vmId, c.name, 0).catch(() => {});
      }
    }
  }
}
