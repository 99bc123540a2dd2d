// Off-host backup repositories (issue 47): restic repositories kept in the app store (password
// write-only), VM backups into them, their listing, restore to a new VM or of one disk,
// forget --prune by the keep policy and check; each long operation a job (jobs.ts) and a task.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { Store } from "../store.ts";
import type { Quiescer } from "../backups/begin.ts";
import type { VmLock } from "../vms/lock.ts";
import type { AppEvent } from "../../shared/events.ts";
import { KIND_SEVERITY, type NotifyEvent } from "../../shared/notify.ts";
import type { Repository, RepositoryBackup, ResticJob } from "../../shared/restic.ts";
import { validated } from "../validate.ts";
import { checkVmId } from "../vm_basics.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import {
  REPO_CODES,
  RepositoryBody,
  RepositoryUpdateBody,
  ResticBackupBody,
  ResticCheckBody,
  ResticRestoreBody,
  ResticRestoreDiskBody,
  ResticRestoreInPlaceBody,
} from "./input.ts";
import { accessOf, publicRepository, type RepositoryRecord, RepositoryRecords } from "./records.ts";
import { type ResticPlaces, ResticRepo } from "./repo.ts";
import { ResticJobs } from "./jobs.ts";
import { CheckTimer } from "./check_timer.ts";
import { checkTiming, hostTimeZone } from "../scheduler/timing.ts";
import { outsideTask } from "../tasks/current.ts";
import { backupVm } from "./backup.ts";
import { findBackup, groupBackups, restoreOneDisk, restoreVm } from "./restore.ts";
import { inPlaceVm, restoreInPlace } from "./in_place.ts";
import { restoreVmOnHost } from "./on_host.ts";
import { LOCAL_HOST } from "../../shared/hosts.ts";
import { t } from "../../shared/i18n/t.ts";
import type { FetchRules } from "../outbound/guarded_fetch.ts";

export interface ResticServiceDeps {
  client: LibvirtClient;
  store: Store;
  hostId: string;
  places: ResticPlaces;
  lock: VmLock;
  quiesce?: Quiescer;
  emit?: (e: AppEvent) => void;
  /** The VM's policy in force (kept with each backup), or null. */
  policyFor?: (uuid: string) => unknown;
  /** Where backup failures and successes are told (lib/notify/). */
  notify?: (event: NotifyEvent) => void;
  /** Run each repository's check on its schedule (a timer a minute; stopped by close()). */
  scheduleChecks?: boolean;
  /** Another host's libvirt client (lib/hosts/; HOST_NOT_FOUND when none): restores there. */
  hostClient?: (hostId: string) => LibvirtClient;
  /** The address rule a repository's host is judged by before each restic run (reach.ts). */
  outbound: () => FetchRules;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ResticService {
  readonly #deps: ResticServiceDeps;
  readonly #records: RepositoryRecords;
  readonly #jobs = new ResticJobs();
  readonly #checks: CheckTimer | null;

  constructor(deps: ResticServiceDeps) {
    this.#deps = deps;
    this.#records = new RepositoryRecords(deps.store);
    this.#checks = deps.scheduleChecks
      ? new CheckTimer({
        list: () => this.#records.list(),
        check: (id) => this.#scheduledCheck(id),
      })
      : null;
    this.#checks?.start();
  }

  /** A scheduled check, part of no request's task; a failure is told as a failed job. */
  async #scheduledCheck(id: string): Promise<void> {
    const rec = this.#records.get(id);
    const job = await outsideTask(() => this.#jobs.waitFor(this.startCheck(id, {}).id));
    if (job.status !== "failed") return;
    this.#deps.notify?.({
      kind: "job-failed",
      severity: KIND_SEVERITY["job-failed"],
      hostId: this.#deps.hostId,
      title: `Scheduled check of repository ${rec.name} failed`,
      text: `restic check of repository ${rec.name} failed: ${job.error?.message}`,
      at: new Date().toISOString(),
    });
  }

  list(): Repository[] {
    return this.#records.list().map(publicRepository);
  }

  get(id: string): Repository {
    return publicRepository(this.#records.get(id));
  }

  #repo(rec: RepositoryRecord): ResticRepo {
    return new ResticRepo(rec.name, accessOf(rec), this.#deps.places, this.#deps.outbound);
  }

  /** Adds a repository: `restic init`, or with `existing` a check that the password opens it. */
  async create(input: unknown): Promise<Repository> {
    const body = validated(RepositoryBody, input, REPO_CODES);
    checkSchedule(body.checkSchedule);
    const rec: RepositoryRecord = {
      id: crypto.randomUUID(),
      name: body.name,
      kind: body.kind,
      location: body.location,
      keyFile: body.keyFile ?? null,
      knownHostsFile: body.knownHostsFile ?? null,
      port: body.port ?? null,
      accessKeyId: body.accessKeyId ?? null,
      secretKey: body.secretKey ?? null,
      hasSecretKey: body.secretKey !== undefined && body.secretKey !== null,
      hasPassword: true,
      password: body.password,
      keep: { last: 0, daily: 0, weekly: 0, monthly: 0, ...body.keep },
      checkSchedule: body.checkSchedule ?? null,
      createdAt: Date.now(),
    };
    // The name first: no repository is made for a record that cannot be kept.
    this.#records.checkFree(rec.name);
    const repo = this.#repo(rec);
    if (body.existing) await repo.snapshots();
    else {
      if (rec.kind === "local") await checkNewFolder(rec.location);
      await repo.init();
    }
    this.#records.insert(rec);
    return publicRepository(rec);
  }

  update(id: string, input: unknown): Repository {
    const rec = this.#records.get(id);
    const body = validated(RepositoryUpdateBody, input, REPO_CODES);
    checkSchedule(body.checkSchedule);
    this.#records.update(rec.id, {
      ...body,
      keep: body.keep ? { ...rec.keep, ...body.keep } : undefined,
    });
    return this.get(rec.id);
  }

  /** Forgets the repository here; its data stays where it is. */
  delete(id: string): void {
    this.#records.delete(this.#records.get(id).id);
  }

  /** The VM backups in the repository, newest first; only one VM's (UUID or name) with `vm`. */
  async backups(id: string, vm?: string): Promise<RepositoryBackup[]> {
    const rec = this.#records.get(id);
    const tags = vm && UUID.test(vm) ? [`vm:${vm.toLowerCase()}`] : [];
    const all = groupBackups(await this.#repo(rec).snapshots(["kvmm", ...tags]));
    return vm && !UUID.test(vm) ? all.filter((b) => b.vmName === vm) : all;
  }

  /** Starts a backup of VM `vmId` into the repository the body names. */
  async startBackup(vmId: string, input: unknown): Promise<ResticJob> {
    const body = validated(ResticBackupBody, input, REPO_CODES);
    checkVmId(vmId);
    const rec = this.#records.get(body.repository);
    const { client, lock, quiesce, hostId, policyFor = () => null } = this.#deps;
    const vm = await client.call("domainState", vmId).catch((err) => {
      throw fromLibvirt(err, { id: vmId, failed: t("Failed to read VM") });
    });
    const repo = this.#repo(rec);
    const id = crypto.randomUUID();
    return this.#jobs.start("backup", rec.id, async ({ signal, progress }) => {
      const done = await backupVm({
        client,
        lock,
        quiesce,
        repo,
        hostId,
        policyFor,
        vmId: vm.uuid,
        id,
        signal,
        progress,
      });
      const added = done.disks.reduce((n, d) => n + d.dataAdded, 0);
      return {
        result: done as unknown as Record<string, unknown>,
        message: t("Backup {{id}} into {{repository}}: {{added}} bytes added", {
          id,
          repository: rec.name,
          added: String(added),
        }),
      };
    }, async (job) => {
      if (job.status === "cancelled") await repo.unlock();
      // Snapshots of a backup that did not finish would count in prune's groups: forgotten.
      if (job.status !== "succeeded") {
        const left = await repo.snapshots([`backup:${id}`]).catch(() => []);
        await repo.forgetIds(left.map((s) => s.id)).catch(() => {});
      }
      if (job.status !== "cancelled") this.#tell(job, rec, vm.name);
    });
  }

  #tell(job: ResticJob, rec: RepositoryRecord, vm: string) {
    const notify = this.#deps.notify;
    if (!notify) return;
    const failed = job.status === "failed";
    const kind = failed ? "backup-failed" : "backup-succeeded";
    notify({
      kind,
      severity: KIND_SEVERITY[kind],
      hostId: this.#deps.hostId,
      title: failed
        ? `Backup of ${vm} into repository ${rec.name} failed`
        : `Backup of ${vm} into repository ${rec.name} succeeded`,
      text: failed
        ? `The backup of ${vm} into restic repository ${rec.name} failed: ${job.error?.message}`
        : `The backup of ${vm} into restic repository ${rec.name} finished.`,
      at: new Date().toISOString(),
    });
  }

  /**
   * Restores backup `backupId` of the repository as a new, stopped VM: here, or with `host` on
   * that host (its disks uploaded over libvirt into its pool).
   */
  startRestore(id: string, backupId: string, input: unknown): ResticJob {
    const { host, ...body } = validated(ResticRestoreBody, input, REPO_CODES);
    const rec = this.#records.get(id);
    const repo = this.#repo(rec);
    const remote = host && host !== LOCAL_HOST && host !== this.#deps.hostId
      ? this.#deps.hostClient?.(host)
      : undefined;
    if (host && host !== LOCAL_HOST && host !== this.#deps.hostId && !remote) {
      throw new AppError("HOST_NOT_FOUND", t("Host not found: {{id}}", { id: host }));
    }
    return this.#jobs.start("restore", rec.id, async ({ signal, progress }) => {
      const made = remote
        ? await restoreVmOnHost(remote, repo, {
          id: backupId,
          ...body,
          host: host!,
          signal,
          progress,
        })
        : await restoreVm(this.#deps.client, repo, { id: backupId, ...body, signal, progress });
      if (!remote) this.#deps.emit?.({ type: "storage-changed", pool: body.pool });
      return {
        result: made,
        message: t("Restored as {{name}}", { name: made.name }),
      };
    }, (job) => job.status === "cancelled" ? repo.unlock() : undefined);
  }

  /**
   * Restores backup `backupId` over the VM it was taken of (shut off, unprotected: 409 before
   * any job starts otherwise); with `definition` its backed-up definition too.
   */
  async startRestoreInPlace(id: string, backupId: string, input: unknown): Promise<ResticJob> {
    const body = validated(ResticRestoreInPlaceBody, input, REPO_CODES);
    const rec = this.#records.get(id);
    const repo = this.#repo(rec);
    const { client, lock } = this.#deps;
    const { meta } = await findBackup(repo, backupId);
    const vm = await inPlaceVm(client, meta);
    if (body.vm !== vm.uuid && body.vm !== vm.name) {
      throw new AppError(
        "BACKUP_OF_OTHER_VM",
        t("Backup {{id}} is of VM {{of}}, not {{vm}}: restore over the VM it was taken of", {
          id: backupId,
          of: vm.name,
          vm: body.vm,
        }),
        { field: "vm" },
      );
    }
    return this.#jobs.start("restore-in-place", rec.id, async ({ signal, progress }) => {
      const done = await restoreInPlace({
        client,
        repo,
        lock,
        id: backupId,
        definition: body.definition ?? false,
        signal,
        progress,
      });
      return {
        result: done,
        message: t("{{name}} restored from backup {{id}}", { name: vm.name, id: backupId }),
      };
    }, (job) => job.status === "cancelled" ? repo.unlock() : undefined);
  }

  /** Restores one disk of backup `backupId` into a new raw volume. */
  startRestoreDisk(id: string, backupId: string, input: unknown): ResticJob {
    const body = validated(ResticRestoreDiskBody, input, REPO_CODES);
    const rec = this.#records.get(id);
    const repo = this.#repo(rec);
    return this.#jobs.start("restore-disk", rec.id, async ({ signal }) => {
      const made = await restoreOneDisk(this.#deps.client, repo, { id: backupId, ...body, signal });
      this.#deps.emit?.({ type: "storage-changed", pool: body.pool });
      return {
        result: made,
        message: t("Disk {{target}} restored into {{volume}}", {
          target: body.target,
          volume: body.volume,
        }),
      };
    }, (job) => job.status === "cancelled" ? repo.unlock() : undefined);
  }

  /** forget --prune by the repository's keep policy (only our snapshots: tag kvmm). */
  startPrune(id: string): ResticJob {
    const rec = this.#records.get(id);
    const repo = this.#repo(rec);
    return this.#jobs.start("prune", rec.id, async ({ signal }) => {
      const out = await repo.forget(rec.keep, ["kvmm"], signal);
      return {
        result: out,
        message: t("{{removed}} snapshots removed, {{kept}} kept", {
          removed: String(out.removed.length),
          kept: String(out.kept.length),
        }),
      };
    }, (job) => job.status === "cancelled" ? repo.unlock() : undefined);
  }

  /** restic check; with readData or readDataSubset it reads packs too. */
  startCheck(id: string, input: unknown): ResticJob {
    const body = validated(ResticCheckBody, input, REPO_CODES) ?? {};
    const rec = this.#records.get(id);
    const repo = this.#repo(rec);
    return this.#jobs.start("check", rec.id, async ({ signal }) => {
      await repo.check(body, signal);
      return { result: { ok: true }, message: t("No errors were found") };
    }, (job) => job.status === "cancelled" ? repo.unlock() : undefined);
  }

  job(id: string): ResticJob {
    return this.#jobs.get(id);
  }

  waitFor(id: string): Promise<ResticJob> {
    return this.#jobs.waitFor(id);
  }

  cancel(id: string): ResticJob {
    return this.#jobs.cancel(id);
  }

  close(): Promise<void> {
    this.#checks?.stop();
    return this.#jobs.close();
  }
}

/** A check schedule's cron expression as the scheduler reads it (INVALID_CRON when not). */
function checkSchedule(expression: string | null | undefined) {
  if (expression) checkTiming({ kind: "cron", expression }, hostTimeZone());
}

/**
 * restic init adds its files (config, data/, keys/, …) to any folder, also /etc or /root/.ssh
 * (its config in /etc/sudoers.d breaks sudo): a new repository goes into a new or empty folder.
 */
async function checkNewFolder(location: string) {
  try {
    const names = [];
    for await (const e of Deno.readDir(location)) names.push(e.name);
    // A config file there: restic init refuses it itself, writing nothing (RESTIC_REPO_EXISTS).
    if (names.length && !names.includes("config")) {
      throw conflict(
        t("{{location}} holds files: a new repository goes into a new or empty folder", {
          location,
        }),
      );
    }
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw err;
  }
}
