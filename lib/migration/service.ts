// Moving VMs from this host to another connected host (issue 9): live, with storage copy, or
// offline. This process holds both connections and drives the migration (virDomainMigrate3 on
// a worker of its own); progress comes from the source's job statistics once a second, cancel
// is virDomainAbortJob. Jobs live in memory: the latest per VM while KVM Manager runs.

import type { LibvirtClient, Transfer } from "../../ffi/libvirt/client.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import { JOB_OPERATION_MIGRATION_OUT } from "../../ffi/libvirt/migrate.ts";
import type { JobStats } from "../../ffi/libvirt/ops/snapshot.ts";
import { checkVmId, vmState } from "../vm_basics.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { vmIdentity } from "../vms/identity.ts";
import { type MigrationPlan, migrationPlan, parseMigrationInput } from "./input.ts";
import { finalProgress, progressOf, startingProgress } from "./progress.ts";
import { currentTask } from "../tasks/current.ts";
import type { TaskHandle } from "../tasks/handle.ts";
import { t } from "../../shared/i18n/t.ts";
import { inServerLanguage } from "../i18n/scope.ts";
import type {
  MigrationInput,
  MigrationJob,
  MigrationProgressEvent,
  MigrationState,
} from "../../shared/migration.ts";

/** A host a VM can move to, as the host registry knows it. */
export interface MigrationDestination {
  id: string;
  name: string;
  uri: string;
  client: LibvirtClient;
}

export interface MigrationServiceOptions {
  /** The source host's client: the VM's lookups, progress reads and cancel. */
  client: LibvirtClient;
  emit: (event: MigrationProgressEvent) => void;
  /** This (the source) host's id. */
  hostId: string;
  /** The host with this id; throws 404 HOST_NOT_FOUND when there is none. */
  destination(hostId: string): MigrationDestination;
  /** Throws when the cluster runs the VM `idOf()` names: Pacemaker moves it, not us. */
  refuseManaged?: (idOf: () => Promise<{ name: string; uuid: string }>) => Promise<void>;
  /** How often a running migration's progress is read, in ms (default 1000). */
  pollMs?: number;
  /** How long cancel() waits for libvirt to end the migration before answering (default 15 s). */
  cancelWaitMs?: number;
}

// Keepalive of the destination connection a migration opens (as LibvirtClient's default).
const KEEPALIVE = { intervalSeconds: 5, count: 3 };
/** Why a VM's latest migration cannot be cancelled, in the request's language. */
function notRunning(name: string, state: MigrationState): string {
  switch (state) {
    case "running":
      return t("No migration of {{name}} is running: the last one is running", { name });
    case "completed":
      return t("No migration of {{name}} is running: the last one completed", { name });
    case "failed":
      return t("No migration of {{name}} is running: the last one failed", { name });
    case "cancelled":
      return t("No migration of {{name}} is running: the last one was cancelled", { name });
  }
}
// virErrorNumber VIR_ERR_OPERATION_ABORTED: what libvirt reports for a cancelled job.
const OPERATION_ABORTED = 78;

interface Job {
  job: MigrationJob;
  destination: MigrationDestination;
  plan: MigrationPlan;
  bandwidthMiBs?: number;
  cancel: boolean;
  /** Whether virDomainAbortJob went through (it fails while libvirt has no job yet). */
  aborted: boolean;
  /** Set once virDomainMigrate3 is under way, so progress reads and aborts may start. */
  migrating: boolean;
  transfer: Transfer | null;
  /** The task it ends (lib/tasks/): the request's that started it. */
  task?: TaskHandle;
  timer?: ReturnType<typeof setTimeout>;
  done: Promise<void>;
  settle(): void;
}

export const noMigration = (id: string) =>
  new AppError("NO_MIGRATION", t("No migration of VM {{id}} since KVM Manager started", { id }));

/** Starts, follows and cancels migrations of this host's VMs; see shared/migration.ts. */
export class MigrationService {
  #client: LibvirtClient;
  #emit: (event: MigrationProgressEvent) => void;
  #hostId: string;
  #destination: (hostId: string) => MigrationDestination;
  #pollMs: number;
  #cancelWaitMs: number;
  #refuseManaged: NonNullable<MigrationServiceOptions["refuseManaged"]>;
  /** The latest job of each VM, by UUID. */
  #jobs = new Map<string, Job>();
  #closed = false;

  constructor(
    {
      client,
      emit,
      hostId,
      destination,
      pollMs = 1000,
      cancelWaitMs = 15_000,
      refuseManaged = async () => {},
    }: MigrationServiceOptions,
  ) {
    this.#refuseManaged = refuseManaged;
    this.#client = client;
    this.#emit = emit;
    this.#hostId = hostId;
    this.#destination = destination;
    this.#pollMs = pollMs;
    this.#cancelWaitMs = cancelWaitMs;
  }

  /**
   * Checks the request and starts the migration; answers at once with the running job.
   * 400 for a bad body or the VM's own host, 404 VM_NOT_FOUND / HOST_NOT_FOUND, 409 for a
   * state that rules the request out, MIGRATION_RUNNING while one runs, HOST_NOT_CONNECTED.
   * Failures of libvirt during the migration end the job ("failed", libvirt's words in error).
   */
  async start(vmId: string, input: unknown): Promise<MigrationJob> {
    checkVmId(vmId);
    const request = parseMigrationInput(input);
    if (request.to === this.#hostId) {
      throw new AppError(
        "SAME_HOST",
        t('The VM is on host "{{host}}" already; choose another host to migrate it to', {
          host: request.to,
        }),
      );
    }
    const destination = this.#destination(request.to);
    await this.#refuseManaged(() => vmIdentity(this.#client, vmId));
    if (destination.client.uri === this.#client.uri) {
      throw new AppError(
        "SAME_HOST",
        t('Host "{{name}}" is this host ({{uri}}) under another name', {
          name: destination.name,
          uri: destination.client.uri,
        }),
      );
    }
    if (!destination.client.state.connected) {
      throw new AppError(
        "HOST_NOT_CONNECTED",
        t('Host "{{name}}" is not connected: {{reason}}', {
          name: destination.name,
          reason: destination.client.state.error ?? t("not connected yet"),
        }),
      );
    }
    const vm = await this.#client.call("domainGet", vmId).catch((err) => {
      throw fromLibvirt(err, { id: vmId, failed: t("Failed to read the VM") });
    });
    if (this.#closed) throw new AppError("SHUTTING_DOWN", t("KVM Manager is shutting down"));
    const running = this.#jobs.get(vm.uuid);
    if (running?.job.state === "running") {
      throw new AppError(
        "MIGRATION_RUNNING",
        t("{{name}} is being migrated to {{host}} already", {
          name: vm.name,
          host: running.job.toName,
        }),
      );
    }
    const plan = migrationPlan(request, { state: vmState(vm.state), persistent: vm.persistent });
    const job = this.#newJob(vm, destination, plan, request);
    this.#jobs.set(vm.uuid, job);
    // The request's task ends when the migration does, and can cancel it meanwhile.
    job.task = currentTask()?.follow();
    job.task?.cancellable(() => this.cancel(vm.uuid));
    this.#report(job);
    // Its outcome is kept and sent to everyone: in English, not the asking request's language.
    inServerLanguage(() => this.#run(job)).catch((err) => {
      // #run settles every outcome itself; this is only a last resort against a bug.
      console.error(`migration of ${vm.name}:`, err);
      this.#finish(job, "failed", { error: String(err) });
    });
    return { ...job.job };
  }

  /** The latest migration of a VM (UUID or name); 404 NO_MIGRATION when there was none. */
  status(vmId: string): MigrationJob {
    return { ...this.#find(vmId).job };
  }

  /** The latest migration of a VM (UUID or name), or null when there was none. */
  latest(vmId: string): MigrationJob | null {
    const job = this.#latest(vmId);
    return job ? { ...job.job } : null;
  }

  /**
   * Cancels a running migration (virDomainAbortJob on this host) and answers once libvirt has
   * ended it, or after cancelWaitMs with the job still running. 409 when it is not running.
   */
  async cancel(vmId: string): Promise<MigrationJob> {
    const job = this.#find(vmId);
    if (job.job.state !== "running") {
      throw new AppError(
        "MIGRATION_FINISHED",
        notRunning(job.job.name, job.job.state),
      );
    }
    job.cancel = true;
    await this.#abort(job);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      job.done,
      new Promise((r) => timer = setTimeout(r, this.#cancelWaitMs)),
    ]).finally(() => clearTimeout(timer));
    return { ...job.job };
  }

  /** Cancels running migrations (best effort) and stops reading progress. */
  async close(): Promise<void> {
    this.#closed = true;
    const running = [...this.#jobs.values()].filter((j) => j.job.state === "running");
    for (const job of running) {
      clearTimeout(job.timer);
      job.cancel = true;
    }
    await Promise.allSettled(running.map((job) => this.#abort(job)));
  }

  #find(vmId: string): Job {
    const found = this.#latest(vmId);
    if (!found) throw noMigration(vmId);
    return found;
  }

  #latest(vmId: string): Job | undefined {
    const byUuid = this.#jobs.get(vmId.toLowerCase());
    if (byUuid) return byUuid;
    let found: Job | undefined;
    for (const job of this.#jobs.values()) {
      if (job.job.name === vmId && (!found || job.job.startedAt > found.job.startedAt)) {
        found = job;
      }
    }
    return found;
  }

  #newJob(
    vm: { uuid: string; name: string },
    destination: MigrationDestination,
    plan: MigrationPlan,
    request: MigrationInput,
  ): Job {
    let settle!: () => void;
    const done = new Promise<void>((r) => settle = r);
    return {
      job: {
        id: crypto.randomUUID(),
        vmId: vm.uuid,
        name: vm.name,
        from: this.#hostId,
        to: destination.id,
        toName: destination.name,
        live: plan.live,
        copyStorage: plan.copyStorage,
        offline: plan.offline,
        state: "running",
        startedAt: new Date().toISOString(),
        progress: startingProgress(),
      },
      destination,
      plan,
      bandwidthMiBs: request.bandwidthMiBs,
      cancel: false,
      aborted: false,
      migrating: false,
      transfer: null,
      done,
      settle,
    };
  }

  async #run(job: Job): Promise<void> {
    try {
      job.transfer = await this.#client.openTransfer({ deadlineMs: Infinity });
      if (job.cancel) return this.#finish(job, "cancelled", { error: "Cancelled before it began" });
      job.migrating = true;
      this.#schedule(job);
      const moved = await job.transfer.call("migrate", job.job.vmId, {
        destUri: job.destination.client.uri,
        flags: job.plan.flags,
        keepAlive: KEEPALIVE,
        ...job.bandwidthMiBs === undefined ? {} : { bandwidthMiBs: job.bandwidthMiBs },
      });
      job.migrating = false;
      clearTimeout(job.timer);
      // The destination keeps the finished job's figures; the source forgot the VM.
      const stats = job.plan.offline
        ? null
        : await job.destination.client.call("jobStats", moved.uuid, true).catch(() => null);
      this.#finish(job, "completed", { stats });
    } catch (err) {
      job.migrating = false;
      clearTimeout(job.timer);
      const failed = `Migration of ${job.job.name} to ${job.destination.name} failed`;
      const e = fromLibvirt(err, { id: job.job.vmId, failed });
      const cancelled = job.cancel &&
        (!(err instanceof LibvirtError) || err.code === OPERATION_ABORTED || job.aborted);
      this.#finish(job, cancelled ? "cancelled" : "failed", {
        error: cancelled && err instanceof LibvirtError ? err.message : e.message,
        errorCode: cancelled ? undefined : e instanceof AppError ? e.code : undefined,
      });
    } finally {
      await job.transfer?.close();
      job.transfer = null;
    }
  }

  /** One progress read of the source's migration job; the next is scheduled while it runs. */
  #schedule(job: Job) {
    if (this.#closed || !job.migrating) return;
    job.timer = setTimeout(async () => {
      if (!job.migrating) return;
      // A cancel asked before libvirt had a job to abort is tried again now.
      if (job.cancel && !job.aborted) await this.#abort(job);
      const stats = await this.#client.call("jobStats", job.job.vmId).catch(() => null);
      if (job.migrating && stats && isMigrationOut(stats)) {
        const progress = progressOf(stats.params);
        const p = job.job.progress;
        if (
          progress.dataProcessed !== p.dataProcessed || progress.dataTotal !== p.dataTotal ||
          progress.phase !== p.phase
        ) {
          job.job.progress = progress;
          if (progress.dataTotal > 0) {
            job.task?.progress(progress.dataProcessed / progress.dataTotal);
          }
          this.#report(job);
        }
      }
      this.#schedule(job);
    }, this.#pollMs);
  }

  /** virDomainAbortJob while the migration is under way; a failure is retried by the poll. */
  async #abort(job: Job): Promise<void> {
    if (!job.migrating || job.aborted) return;
    try {
      await this.#client.call("jobAbort", job.job.vmId);
      job.aborted = true;
    } catch (err) {
      // OPERATION_INVALID: libvirt has no job yet (the migration is being prepared).
      if (!(err instanceof LibvirtError && err.code === ErrorCode.OPERATION_INVALID)) {
        console.error(`cancel of the migration of ${job.job.name}:`, err);
      }
    }
  }

  #finish(
    job: Job,
    state: Exclude<MigrationState, "running">,
    { error, errorCode, stats }: { error?: string; errorCode?: string; stats?: JobStats | null },
  ) {
    if (job.job.state !== "running") return;
    job.job.state = state;
    job.job.finishedAt = new Date().toISOString();
    if (error !== undefined) job.job.error = error;
    if (errorCode !== undefined) job.job.errorCode = errorCode;
    job.job.progress = finalProgress(state, job.job.progress, stats?.params);
    this.#report(job);
    if (state === "completed") job.task?.succeed(`Moved to ${job.job.toName}`);
    else if (state === "cancelled") job.task?.cancelled(error ?? "Cancelled");
    else job.task?.fail({ code: errorCode ?? "LIBVIRT_ERROR", message: error ?? "Failed" });
    job.settle();
  }

  #report(job: Job) {
    const { vmId, name, to, state, error, progress } = job.job;
    this.#emit({
      type: "migration-progress",
      vmId,
      name,
      host: this.#hostId,
      to,
      state,
      ...progress,
      ...error === undefined ? {} : { error },
    });
  }
}

/** Whether job statistics describe an outgoing migration (not, say, a backup still running). */
function isMigrationOut(stats: JobStats): boolean {
  const op = stats.params.operation;
  return (stats.type === 1 || stats.type === 2) &&
    (op === undefined || op === JOB_OPERATION_MIGRATION_OUT);
}
