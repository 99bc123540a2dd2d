// Backups of VMs through libvirt's backup API into a backup storage pool: full and incremental
// (with checkpoints), progress, cancel, retention, restore to a new VM, delete. Owner: the
// backups work (issue 6).

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import type { JobStats } from "../../ffi/libvirt/ops/snapshot.ts";
import { checkVmId, vmState } from "../vms/domains.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import {
  beginError,
  failure,
  OPERATION_BACKUP,
  type Outcome,
  outcomeOf,
  REUSE_EXTERNAL,
} from "./jobs.ts";
import type { Store } from "../store.ts";
import type { AppEvent } from "../../shared/events.ts";
import { applyRetention, childrenOf, consolidate, deleteVolumes } from "./chain.ts";
import { type BaseFacts, planBackup, resolveDisks } from "./plan.ts";
import { type BackupRecord, BackupRecords, publicBackup } from "./records.ts";
import { restoreBackup, restoreInput } from "./restore.ts";
import {
  checkBackupPool,
  checkKeep,
  noLocation,
  poolChoices,
  readSettings,
  updateSettings,
} from "./settings.ts";
import {
  type Backup,
  BACKUP_MODES,
  type BackupDisk,
  type BackupMode,
  type BackupPoolChoice,
  type BackupSettings,
} from "../../shared/backups.ts";
import { backupVolumeXml, backupXml, checkpointXml, selectDisks, volumeNamePart } from "./xml.ts";
import { type VmLock, VmLocks } from "../vms/lock.ts";

export interface BackupServiceDeps {
  client: LibvirtClient;
  store: Store;
  emit: (e: AppEvent) => void;
  /** How often a running job's progress is read, in ms (default 1000). */
  pollMs?: number;
  /** Freezes a running guest's filesystems around each backup's start, when it can. */
  quiesce?: Quiescer;
  /** Backups kept of a VM (by UUID) by its effective policy; null when it sets none. */
  keepFor?: (uuid: string) => number | null;
  /**
   * The VM's turn among its state-changing operations (the app's per-VM lock): a backup's start,
   * its finish and a delete each take it. Its own queue per VM by default.
   */
  lock?: VmLock;
}

/** Filesystem freeze and thaw of a running guest (the QEMU guest agent, through libvirt). */
export interface Quiescer {
  /** How many filesystems were frozen; null when no agent can freeze this guest now. */
  freeze(vmId: string): Promise<number | null>;
  /** Must not give up easily: a guest left frozen stops writing. */
  thaw(vmId: string): Promise<void>;
}

const CHECKPOINT_PREFIX = "kvmm-";

interface Job {
  id: string;
  vmId: string;
  cancel: boolean;
  timer?: ReturnType<typeof setTimeout>;
  done: Promise<BackupRecord>;
  settle(rec: BackupRecord): void;
}

const notFound = (id: string) => new AppError("BACKUP_NOT_FOUND", `Backup not found: ${id}`);

/** The body of POST /api/vms/:id/backups (also what the scheduler passes), checked. */
export function startOptions(input: unknown): { mode: BackupMode; keep: number | null } {
  if (input === undefined || input === null) return { mode: "auto", keep: null };
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new AppError("INVALID_OPTIONS", 'Options must be a JSON object like {"mode": "auto"}');
  }
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (key !== "mode" && key !== "keep") {
      throw new AppError("INVALID_OPTIONS", `Unknown option "${key}": expected mode, keep`);
    }
  }
  const mode = body.mode ?? "auto";
  if (!BACKUP_MODES.includes(mode as BackupMode)) {
    throw new AppError("INVALID_OPTIONS", "mode must be auto, full or incremental", {
      field: "mode",
    });
  }
  return { mode: mode as BackupMode, keep: body.keep === undefined ? null : checkKeep(body.keep) };
}

/** Backups kept of a VM: the backup's own keep, else the VM's policy's, else the default. */
export function keepOf(own: number | null, policy: number | null, defaultKeep: number): number {
  return own ?? policy ?? defaultKeep;
}

export class BackupService {
  #client: LibvirtClient;
  #store: Store;
  #emit: (e: AppEvent) => void;
  #records: BackupRecords;
  #pollMs: number;
  #jobs = new Map<string, Job>();
  #locked: VmLock;
  /** Backups a crash left running: their volumes and checkpoints are removed lazily. */
  #orphans: BackupRecord[];
  #closed = false;
  #quiesce: Quiescer | undefined;
  #keepFor: (uuid: string) => number | null;

  constructor(
    { client, store, emit, pollMs = 1000, quiesce, keepFor = () => null, lock }: BackupServiceDeps,
  ) {
    const locks = new VmLocks();
    this.#locked = lock ?? ((id, fn) => locks.run(id, fn));
    this.#client = client;
    this.#quiesce = quiesce;
    this.#keepFor = keepFor;
    this.#store = store;
    this.#emit = emit;
    this.#records = new BackupRecords(store);
    this.#pollMs = pollMs;
    this.#orphans = this.#markInterrupted();
  }

  settings(): BackupSettings {
    return readSettings(this.#store);
  }

  /** The settings plus the pools they may choose. */
  async settingsView(): Promise<BackupSettings & { pools: BackupPoolChoice[] }> {
    return { ...this.settings(), pools: await poolChoices(this.#client) };
  }

  updateSettings(input: unknown): Promise<BackupSettings> {
    return updateSettings(this.#client, this.#store, input);
  }

  /** Newest first; only one VM's (by UUID or name) when `vm` is given. */
  list(vm?: string): Backup[] {
    return this.#records.list(vm).map(publicBackup);
  }

  get(id: string): Backup {
    return publicBackup(this.#get(id));
  }

  #get(id: string): BackupRecord {
    const rec = this.#records.get(id);
    if (!rec) throw notFound(id);
    return rec;
  }

  /**
   * Starts a backup of VM `vmId` (UUID or name) with `{mode, keep}`; resolves once libvirt's job
   * runs (or the disk copy of a stopped VM began), with the backup as recorded.
   */
  async start(vmId: string, input: unknown): Promise<Backup> {
    const opts = startOptions(input);
    const settings = this.settings();
    if (!settings.pool) throw noLocation();
    checkVmId(vmId);
    const vm = await this.#client.call("domainState", vmId).catch((err) => {
      throw fromLibvirt(err, { id: vmId, failed: "Failed to read VM" });
    });
    await this.#cleanOrphans();
    const keep = keepOf(opts.keep, this.#keepFor(vm.uuid), settings.defaultKeep);
    return await this.#locked(
      vm.uuid,
      () => this.#begin(vm.uuid, opts.mode, keep, settings.pool!),
    );
  }

  async #begin(uuid: string, mode: BackupMode, keep: number, pool: string): Promise<Backup> {
    const client = this.#client;
    const running = this.#records.ofVm(uuid).find((b) => b.status === "running");
    const snap = await client.call("domainGet", uuid, 0).catch((err) => {
      throw fromLibvirt(err, { id: uuid, failed: "Failed to read VM" });
    });
    const name = snap.name;
    if (running) {
      throw new AppError(
        "BACKUP_RUNNING",
        `A backup of ${name} is already running (started ${running.startedAt})`,
      );
    }
    await checkBackupPool(client, pool);
    const state = vmState(snap.state);
    const active = state === "running" || state === "paused" || state === "suspended";
    const selection = selectDisks(snap.xml);
    const skipped = selection.skipped.map((s) => `${s.target} (${s.reason})`).join(", ");
    if (selection.disks.length === 0) {
      throw conflict(`${name} has no disk to back up${skipped ? `: ${skipped}` : ""}`);
    }
    const disks = await resolveDisks(client, { id: uuid, name, active }, selection.disks);
    const plan = planBackup({
      mode,
      vmName: name,
      active,
      disks,
      pool,
      base: await this.#base(uuid),
    });
    const domainXml = await client.call("domainXml", uuid, 2 | 1 /* INACTIVE | SECURE */)
      .catch((err) => {
        throw fromLibvirt(err, { id: uuid, failed: "Failed to read VM" });
      });
    const id = crypto.randomUUID();
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
    const notes = [...plan.notes, ...skipped ? [`Not backed up: ${skipped}`] : []];
    const rec: BackupRecord = {
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
    this.#records.insert({ ...rec, startedAt: Date.now() });
    if (plan.method === "backup") {
      try {
        await this.#beginJob(rec, plan.parent);
      } catch (err) {
        await deleteVolumes(client, pool, rec.disks).catch(() => {});
        this.#records.delete(id);
        throw beginError(err, name);
      }
    }
    const job = this.#newJob(id, uuid);
    this.#changed(this.#get(id));
    this.#emit({ type: "storage-changed", pool });
    if (plan.method === "copy") this.#guard(job, this.#copy(job));
    else this.#schedule(job, Math.min(this.#pollMs, 100));
    return this.get(id);
  }

  /** Makes the target volumes (overlays of the parent's for an incremental) and begins. */
  async #beginJob(rec: BackupRecord, parent: BackupRecord | null): Promise<void> {
    const client = this.#client;
    for (const d of rec.disks) {
      const backing = parent?.disks.find((p) => p.target === d.target)?.path ?? null;
      const vol = await client.call(
        "volumeCreate",
        rec.pool,
        backupVolumeXml(d.volume, d.capacityBytes, backing),
      );
      d.path = vol.path;
    }
    this.#records.update(rec.id, { disks: rec.disks });
    const xml = backupXml(rec.disks, parent?.checkpoint ?? null);
    const targets = rec.disks.map((d) => d.target);
    // The backup's point in time is its start: frozen filesystems make it consistent on disk.
    let note: string | null = null;
    const frozen = await (this.#quiesce?.freeze(rec.vmId) ?? Promise.resolve(null)).catch(
      (err: Error) => {
        note = `Not quiesced: ${err.message}`;
        return null;
      },
    );
    if (frozen !== null) note = `Quiesced: ${frozen} guest filesystem(s) frozen at the start`;
    if (note) {
      rec.note = [rec.note, note].filter(Boolean).join("; ");
      this.#records.update(rec.id, { note: rec.note });
    }
    try {
      await this.#beginLibvirt(rec, xml, targets);
    } finally {
      if (frozen !== null) await this.#quiesce!.thaw(rec.vmId);
    }
  }

  /** virDomainBackupBegin, with the checkpoint when there is one and libvirt takes it. */
  async #beginLibvirt(rec: BackupRecord, xml: string, targets: string[]): Promise<void> {
    const client = this.#client;
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
      const note = `No checkpoint: libvirt refused it (${err.message}); the next backup is full`;
      rec.note = [rec.note, note].filter(Boolean).join("; ");
      this.#records.update(rec.id, { checkpoint: null, note: rec.note });
    }
  }

  /** The VM's last succeeded backup and whether it can still be built on. */
  async #base(uuid: string): Promise<BaseFacts> {
    const last = this.#records.ofVm(uuid).find((b) => b.status === "succeeded") ?? null;
    if (!last) return { last, checkpointExists: false, missingVolumes: [] };
    const cps = last.checkpoint
      ? await this.#client.call("checkpointList", uuid).catch(() => [])
      : [];
    const missingVolumes: string[] = [];
    for (const d of last.disks) {
      const found = await this.#client.call("volumeGet", last.pool, d.volume).then(
        () => true,
        () => false,
      );
      if (!found) missingVolumes.push(d.volume);
    }
    return { last, checkpointExists: cps.some((c) => c.name === last.checkpoint), missingVolumes };
  }

  #newJob(id: string, vmId: string): Job {
    let settle!: (rec: BackupRecord) => void;
    const done = new Promise<BackupRecord>((r) => settle = r);
    const job: Job = { id, vmId, cancel: false, done, settle };
    this.#jobs.set(id, job);
    return job;
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
      if (rec) job.settle(rec);
    });
  }

  #progress(id: string, processedBytes: number, totalBytes: number) {
    const rec = this.#records.get(id);
    if (!rec || (rec.processedBytes === processedBytes && rec.totalBytes === totalBytes)) return;
    this.#records.update(id, { processedBytes, totalBytes });
    this.#changed(this.#records.get(id)!);
  }

  /** A stopped VM's backup: each disk volume copied (flattened) into the backup pool. */
  async #copy(job: Job): Promise<void> {
    const rec = this.#get(job.id);
    let processed = 0;
    try {
      for (const d of rec.disks) {
        if (job.cancel) return await this.#finish(job, { status: "cancelled" });
        const vol = await this.#client.call(
          "volumeClone",
          rec.pool,
          backupVolumeXml(d.volume, d.capacityBytes, null),
          d.sourcePath,
        ).catch((err) => {
          throw fromLibvirt(err, { failed: `Failed to copy disk ${d.target}` });
        });
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

  /** Records how a backup ended, cleans up after a failure or prunes after a success. */
  async #finish(job: Job, outcome: Outcome): Promise<void> {
    const deleted = await this.#locked(job.vmId, async () => {
      const rec = this.#get(job.id);
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
    const rec = this.#get(job.id);
    this.#jobs.delete(job.id);
    for (const id of deleted) this.#emitDeleted(id, rec.vmId);
    this.#emit({ type: "storage-changed", pool: rec.pool });
    this.#changed(rec);
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

  #changed(rec: BackupRecord) {
    this.#emit({
      type: "backup-changed",
      backupId: rec.id,
      vmId: rec.vmId,
      status: rec.status,
      processedBytes: rec.processedBytes,
      totalBytes: rec.totalBytes,
    });
  }

  /** Resolves when backup `id` finished; rejects with AppError when it did not succeed. */
  async waitFor(id: string): Promise<Backup> {
    const job = this.#jobs.get(id);
    const rec = job ? await job.done : this.#get(id);
    if (rec.status === "succeeded") return publicBackup(rec);
    if (rec.status === "running") {
      throw conflict(`Backup ${id} is running, but not under this server: it cannot be followed`);
    }
    throw failure(rec);
  }

  /** Aborts a running backup; resolves with how it ended (it may have finished first). */
  async cancel(id: string): Promise<Backup> {
    const rec = this.#get(id);
    const job = this.#jobs.get(id);
    if (rec.status !== "running" || !job) {
      throw conflict(`Backup ${id} is not running (it ${rec.status})`);
    }
    job.cancel = true;
    if (rec.method === "backup") {
      await this.#client.call("jobAbort", rec.vmId).catch((err) => {
        // OPERATION_INVALID: no job any more, it just finished; the poll records how.
        if (!(err instanceof LibvirtError && err.code === ErrorCode.OPERATION_INVALID)) {
          throw fromLibvirt(err, { id: rec.vmId, failed: "Failed to cancel the backup" });
        }
      });
    }
    return publicBackup(await job.done);
  }

  /**
   * Deletes a backup and its volumes. An incremental built on it is consolidated first into a
   * full backup, so it stays restorable.
   */
  async delete(id: string): Promise<void> {
    const rec = this.#get(id);
    if (rec.status === "running") throw conflict(`Backup ${id} is running: cancel it first`);
    await this.#cleanOrphans();
    await this.#locked(rec.vmId, async () => {
      const fresh = this.#get(id);
      const kids = childrenOf(this.#records, fresh);
      if (kids.some((k) => k.status === "running")) {
        throw new AppError(
          "BACKUP_RUNNING",
          `A backup built on backup ${id} is running: wait for it or cancel it first`,
        );
      }
      for (const k of kids) {
        const consolidated = await consolidate(this.#client, this.#records, k);
        this.#changed(consolidated);
      }
      await deleteVolumes(this.#client, fresh.pool, fresh.disks);
      if (fresh.checkpoint) {
        await this.#client.call("checkpointDelete", fresh.vmId, fresh.checkpoint, 0)
          .catch(() => {});
      }
      this.#records.delete(id);
    });
    this.#emit({ type: "storage-changed", pool: rec.pool });
    this.#emitDeleted(id, rec.vmId);
  }

  #emitDeleted(backupId: string, vmId: string) {
    this.#emit({
      type: "backup-changed",
      backupId,
      vmId,
      status: "deleted",
      processedBytes: 0,
      totalBytes: 0,
    });
  }

  /** Restores a succeeded backup as a new, stopped VM `{name, pool?}`. */
  async restore(id: string, input: unknown): Promise<{ id: string; name: string }> {
    const opts = restoreInput(input);
    const rec = this.#get(id);
    const made = await this.#locked(
      rec.vmId,
      () => restoreBackup(this.#client, this.#get(id), opts),
    );
    for (const pool of made.pools) this.#emit({ type: "storage-changed", pool });
    return { id: made.id, name: made.name };
  }

  /** Stops polling running jobs (jobs themselves go on in libvirt). */
  close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#jobs.values()) clearTimeout(job.timer);
    return Promise.resolve();
  }

  #markInterrupted(): BackupRecord[] {
    const running = this.#records.withStatus("running");
    for (const r of running) {
      this.#records.update(r.id, {
        status: "interrupted",
        finishedAt: Date.now(),
        error: "KVM Manager stopped while this backup ran; its partial volumes are deleted",
      });
    }
    return running;
  }

  /** Removes what backups interrupted by a crash left: a job still running, volumes, checkpoint. */
  async #cleanOrphans(): Promise<void> {
    const orphans = this.#orphans;
    this.#orphans = [];
    for (const r of orphans) {
      try {
        if (r.method === "backup") {
          const xml = await this.#client.call("backupXml", r.vmId).catch(() => "");
          if (r.disks.some((d) => d.path && xml.includes(d.path))) {
            await this.#client.call("jobAbort", r.vmId).catch(() => {});
          }
        }
        await deleteVolumes(this.#client, r.pool, r.disks);
        if (r.checkpoint) {
          await this.#client.call("checkpointDelete", r.vmId, r.checkpoint, 0).catch(() => {});
        }
      } catch {
        this.#orphans.push(r); // libvirt unreachable: tried again next time
      }
    }
  }
}
