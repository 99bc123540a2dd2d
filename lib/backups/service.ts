// Backups of VMs through libvirt's backup API into a backup storage pool: full and incremental
// (with checkpoints), progress, cancel, retention, restore to a new VM, delete. Owner: the
// backups work (issue 6). Beginning a job (begin.ts), following it (running.ts), crash
// recovery (orphans.ts) and the start options (input.ts) live beside it.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import { checkVmId, vmState } from "../vm_basics.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import { beginError, failure } from "./jobs.ts";
import type { Store } from "../store.ts";
import type { AppEvent } from "../../shared/events.ts";
import { childrenOf, consolidate, deleteVolumes } from "./chain.ts";
import { planBackup, resolveDisks } from "./plan.ts";
import { type BackupRecord, BackupRecords, publicBackup } from "./records.ts";
import { restoreBackup, restoreInput } from "./restore.ts";
import type { z } from "zod";
import {
  checkBackupPool,
  noLocation,
  poolChoices,
  readSettings,
  type SettingsBody,
  updateSettings,
} from "./settings.ts";
import type { Backup, BackupMode, BackupPoolChoice, BackupSettings } from "../../shared/backups.ts";
import { selectDisks } from "./xml.ts";
import { type VmLock, VmLocks } from "../vms/lock.ts";
import { baseFacts, beginBackupJob, newBackupRecord, type Quiescer } from "./begin.ts";
import { backupChanged, backupDeleted, recordOf } from "./events.ts";
import { keepOf, startOptions } from "./input.ts";
import { cleanOrphans, markInterrupted } from "./orphans.ts";
import { RunningBackups } from "./running.ts";
import { currentTask } from "../tasks/current.ts";
import { t } from "../../shared/i18n/t.ts";

export type { Quiescer } from "./begin.ts";
export { keepOf, startOptions } from "./input.ts";

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
  /** Throws when this host takes no new VMs (maintenance): asked before a restore. */
  refuseNewVm?: () => void;
}

export class BackupService {
  #client: LibvirtClient;
  #store: Store;
  #emit: (e: AppEvent) => void;
  #records: BackupRecords;
  #running: RunningBackups;
  #locked: VmLock;
  /** Backups a crash left running: their volumes and checkpoints are removed lazily. */
  #orphans: BackupRecord[];
  #quiesce: Quiescer | undefined;
  #keepFor: (uuid: string) => number | null;
  #refuseNewVm: () => void;

  constructor(
    {
      client,
      store,
      emit,
      pollMs = 1000,
      quiesce,
      keepFor = () => null,
      lock,
      refuseNewVm = () => {},
    }: BackupServiceDeps,
  ) {
    this.#refuseNewVm = refuseNewVm;
    const locks = new VmLocks();
    this.#locked = lock ?? ((id, fn) => locks.run(id, fn));
    this.#client = client;
    this.#quiesce = quiesce;
    this.#keepFor = keepFor;
    this.#store = store;
    this.#emit = emit;
    this.#records = new BackupRecords(store);
    this.#running = new RunningBackups({
      client,
      records: this.#records,
      emit,
      pollMs,
      locked: this.#locked,
    });
    this.#orphans = markInterrupted(this.#records);
  }

  settings(): BackupSettings {
    return readSettings(this.#store);
  }

  /** The settings plus the pools they may choose. */
  async settingsView(): Promise<BackupSettings & { pools: BackupPoolChoice[] }> {
    return { ...this.settings(), pools: await poolChoices(this.#client) };
  }

  updateSettings(input: z.output<typeof SettingsBody>): Promise<BackupSettings> {
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
    return recordOf(this.#records, id);
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
      throw fromLibvirt(err, { id: vmId, failed: t("Failed to read VM") });
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
      throw fromLibvirt(err, { id: uuid, failed: t("Failed to read VM") });
    });
    const name = snap.name;
    if (running) {
      throw new AppError(
        "BACKUP_RUNNING",
        t("A backup of {{name}} is already running (started {{startedAt}})", {
          name,
          startedAt: running.startedAt,
        }),
      );
    }
    await checkBackupPool(client, pool);
    const state = vmState(snap.state);
    const active = state === "running" || state === "paused" || state === "suspended";
    const selection = selectDisks(snap.xml);
    const skipped = selection.skipped.map((s) => `${s.target} (${s.reason})`).join(", ");
    if (selection.disks.length === 0) {
      throw conflict(
        skipped
          ? t("{{name}} has no disk to back up: {{skipped}}", { name, skipped })
          : t("{{name}} has no disk to back up", { name }),
      );
    }
    const disks = await resolveDisks(client, { id: uuid, name, active }, selection.disks);
    const plan = planBackup({
      mode,
      vmName: name,
      active,
      disks,
      pool,
      base: await baseFacts(client, this.#records, uuid),
    });
    const domainXml = await client.call("domainXml", uuid, 2 | 1 /* INACTIVE | SECURE */)
      .catch((err) => {
        throw fromLibvirt(err, { id: uuid, failed: t("Failed to read VM") });
      });
    const id = crypto.randomUUID();
    const rec = newBackupRecord({ id, uuid, name, plan, disks, skipped, keep, pool, domainXml });
    this.#records.insert({ ...rec, startedAt: Date.now() });
    if (plan.method === "backup") {
      try {
        await beginBackupJob(
          { client, records: this.#records, quiesce: this.#quiesce },
          rec,
          plan.parent,
        );
      } catch (err) {
        await deleteVolumes(client, pool, rec.disks).catch(() => {});
        this.#records.delete(id);
        throw beginError(err, name);
      }
    }
    // The request's task (if any) ends when the backup does, and can cancel it meanwhile.
    const task = currentTask()?.follow();
    task?.cancellable(() => this.cancel(id));
    const job = this.#running.add(id, uuid, task);
    this.#emit(backupChanged(this.#get(id)));
    this.#emit({ type: "storage-changed", pool });
    this.#running.run(job, plan.method);
    return this.get(id);
  }

  /** Resolves when backup `id` finished; rejects with AppError when it did not succeed. */
  async waitFor(id: string): Promise<Backup> {
    const job = this.#running.get(id);
    const rec = job ? await job.done : this.#get(id);
    if (rec.status === "succeeded") return publicBackup(rec);
    if (rec.status === "running") {
      throw conflict(
        t("Backup {{id}} is running, but not under this server: it cannot be followed", { id }),
      );
    }
    throw failure(rec);
  }

  /** Aborts a running backup; resolves with how it ended (it may have finished first). */
  async cancel(id: string): Promise<Backup> {
    const rec = this.#get(id);
    const job = this.#running.get(id);
    if (rec.status !== "running" || !job) {
      throw conflict(t("Backup {{id}} is not running (it {{status}})", { id, status: rec.status }));
    }
    job.cancel = true;
    if (rec.method === "backup") {
      await this.#client.call("jobAbort", rec.vmId).catch((err) => {
        // OPERATION_INVALID: no job any more, it just finished; the poll records how.
        if (!(err instanceof LibvirtError && err.code === ErrorCode.OPERATION_INVALID)) {
          throw fromLibvirt(err, { id: rec.vmId, failed: t("Failed to cancel the backup") });
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
    if (rec.status === "running") {
      throw conflict(t("Backup {{id}} is running: cancel it first", { id }));
    }
    await this.#cleanOrphans();
    await this.#locked(rec.vmId, async () => {
      const fresh = this.#get(id);
      const kids = childrenOf(this.#records, fresh);
      if (kids.some((k) => k.status === "running")) {
        throw new AppError(
          "BACKUP_RUNNING",
          t("A backup built on backup {{id}} is running: wait for it or cancel it first", { id }),
        );
      }
      for (const k of kids) {
        const consolidated = await consolidate(this.#client, this.#records, k);
        this.#emit(backupChanged(consolidated));
      }
      await deleteVolumes(this.#client, fresh.pool, fresh.disks);
      if (fresh.checkpoint) {
        await this.#client.call("checkpointDelete", fresh.vmId, fresh.checkpoint, 0)
          .catch(() => {});
      }
      this.#records.delete(id);
    });
    this.#emit({ type: "storage-changed", pool: rec.pool });
    this.#emit(backupDeleted(id, rec.vmId));
  }

  /**
   * Restores a succeeded backup as a new, stopped VM `{name, pool?}`; 409 HOST_IN_MAINTENANCE
   * while this host is in maintenance (asked again once the VM's turn comes).
   */
  async restore(id: string, input: unknown): Promise<{ id: string; name: string }> {
    const opts = restoreInput(input);
    const rec = this.#get(id);
    this.#refuseNewVm();
    const made = await this.#locked(rec.vmId, async () => {
      this.#refuseNewVm();
      return await restoreBackup(this.#client, this.#get(id), opts);
    });
    for (const pool of made.pools) this.#emit({ type: "storage-changed", pool });
    return { id: made.id, name: made.name };
  }

  /** Stops polling running jobs (jobs themselves go on in libvirt). */
  close(): Promise<void> {
    this.#running.close();
    return Promise.resolve();
  }

  /** Removes what backups interrupted by a crash left: a job still running, volumes, checkpoint. */
  async #cleanOrphans(): Promise<void> {
    const orphans = this.#orphans;
    this.#orphans = [];
    await cleanOrphans(this.#client, orphans, (r) => this.#orphans.push(r));
  }
}
