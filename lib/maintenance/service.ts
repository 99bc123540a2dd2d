// Maintenance mode of hosts (issue 46): a host's running VMs live-migrated to other hosts one or
// two at a time (each a migration of lib/migration/ with its own task), new VMs refused there
// while it is marked, and leaving in one step, optionally migrating back what left. The mark and
// the VMs it moved are kept in the app store (settings key "maintenance"); a run lives in memory.

import type { Store } from "../store.ts";
import { settingText, writeSetting } from "../store_settings.ts";
import {
  type HostHandle as AnyHostHandle,
  type HostRegistry as AnyHostRegistry,
  statusOf,
} from "../hosts/registry.ts";
import type { VmService } from "../vms/service.ts";
import type { MigrationService } from "../migration/service.ts";
import type { TaskLog } from "../tasks/log.ts";
import { currentTask, outsideTask, withTask } from "../tasks/current.ts";
import { errorWords, type TaskHandle } from "../tasks/handle.ts";
import { AppError } from "../errors.ts";
import { hostInfo } from "../this_host/info.ts";
import { inServerLanguage } from "../i18n/scope.ts";
import { t } from "../../shared/i18n/t.ts";
import type { MigrationJob } from "../../shared/migration.ts";
import type {
  MaintenancePlan,
  MaintenanceRun,
  MaintenanceStatus,
  MovedVm,
  PlanHost,
} from "../../shared/maintenance.ts";
import { parseLeaveInput, parseMaintenanceInput } from "./input.ts";
import { planMoves } from "./plan.ts";

const KEY = "maintenance";

/**
 * The services of a host that maintenance uses: its VM list. Named here rather than taken from
 * lib/context.ts, which holds this service. Its migrations come through `migrationsOf`.
 */
export interface MaintainedHost {
  vms: Pick<VmService, "listVms">;
}

/** What maintenance moves a host's VMs with: the migrations feature of that host. */
type Migrations = Pick<MigrationService, "start" | "latest" | "cancel">;

type HostHandle = AnyHostHandle<MaintainedHost>;
type HostRegistry = AnyHostRegistry<MaintainedHost>;

interface Mark {
  since: string;
  by: string;
  moved: MovedVm[];
}

interface Move {
  vmId: string;
  name: string;
  from: HostHandle;
  to: string;
}

interface Running {
  run: MaintenanceRun;
  cancelled: boolean;
  /** VMs migrating now, by UUID, with the host they leave. */
  current: Map<string, HostHandle>;
  done: Promise<void>;
}

/** 409 HOST_IN_MAINTENANCE naming the host. */
export const inMaintenance = (name: string) =>
  new AppError(
    "HOST_IN_MAINTENANCE",
    t('Host "{{name}}" is in maintenance: it takes no new VMs until it leaves maintenance', {
      name,
    }),
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class MaintenanceService {
  #store: Store;
  #hosts: HostRegistry;
  #tasks: TaskLog;
  #migrationsOf: (host: HostHandle) => Migrations;
  #pollMs: number;
  #runs = new Map<string, Running>();
  #closed = false;
  /** The stored marks, read once: only this service writes them. */
  #cache: Record<string, Mark> | null = null;

  constructor({ store, hosts, tasks, migrationsOf, pollMs = 500 }: {
    store: Store;
    hosts: HostRegistry;
    tasks: TaskLog;
    /** A host's migrations (made on first use, lib/migration/feature.ts; the composition says). */
    migrationsOf: (host: HostHandle) => Migrations;
    pollMs?: number;
  }) {
    this.#store = store;
    this.#hosts = hosts;
    this.#tasks = tasks;
    this.#migrationsOf = migrationsOf;
    this.#pollMs = pollMs;
    hosts.setMaintenance((id) => this.isIn(id));
  }

  #marks(): Record<string, Mark> {
    return structuredClone(this.#cache ??= this.#read());
  }

  #read(): Record<string, Mark> {
    const text = settingText(this.#store, KEY);
    if (text === undefined) return {};
    try {
      return JSON.parse(text) as Record<string, Mark>;
    } catch {
      return {};
    }
  }

  #save(marks: Record<string, Mark>): void {
    writeSetting(this.#store, KEY, marks);
    this.#cache = marks;
  }

  #update(hostId: string, fn: (mark: Mark | undefined) => Mark | undefined): void {
    const marks = this.#marks();
    const next = fn(marks[hostId]);
    if (next) marks[hostId] = next;
    else delete marks[hostId];
    this.#save(marks);
  }

  /** Whether a host is marked in maintenance. */
  isIn(hostId: string): boolean {
    return hostId in this.#marks();
  }

  /** Ids of the hosts in maintenance. */
  hostIds(): string[] {
    return Object.keys(this.#marks());
  }

  /**
   * Throws 409 HOST_IN_MAINTENANCE when the host is marked: create, clone, import, restore of a
   * backup, migrate-in (asked by the services that make them).
   */
  refuseNewVms(hostId: string): void {
    if (!this.isIn(hostId)) return;
    throw inMaintenance(this.#hosts.find(hostId)?.name ?? hostId);
  }

  /** A host's mark and its latest run; 404 HOST_NOT_FOUND for an unknown host. */
  status(hostId: string): MaintenanceStatus {
    this.#hosts.get(hostId);
    const mark = this.#marks()[hostId];
    const running = this.#runs.get(hostId);
    return {
      hostId,
      inMaintenance: mark !== undefined,
      since: mark?.since ?? null,
      by: mark?.by ?? null,
      moved: mark?.moved ?? [],
      run: running ? { ...running.run, moving: [...running.run.moving] } : null,
    };
  }

  /** Which VM would go where; nothing changes. 400 for a bad body, 404 for a VM not there. */
  async plan(hostId: string, input: unknown): Promise<MaintenancePlan> {
    const host = this.#hosts.get(hostId);
    const request = parseMaintenanceInput(input ?? {});
    const vms = await host.ctx.vms.listVms();
    const find = (vm: string) => {
      const found = vms.find((v) => v.id === vm.toLowerCase() || v.name === vm);
      if (found) return found;
      throw new AppError(
        "VM_NOT_FOUND",
        t('No VM "{{vm}}" on host "{{host}}"', { vm, host: host.name }),
      );
    };
    const only = request.only ? new Set(request.only.map((vm) => find(vm).id)) : null;
    const targets = new Map<string, string>();
    for (const [vm, to] of Object.entries(request.targets ?? {})) {
      const found = find(vm);
      if (!this.#hosts.find(to) || to === hostId) {
        throw new AppError(
          "BAD_REQUEST",
          t('The target of {{vm}}, "{{to}}", is no other host (GET /api/hosts)', { vm, to }),
        );
      }
      targets.set(found.id, to);
    }
    return planMoves({
      hostId,
      vms,
      hosts: await this.#planHosts(),
      targets,
      stopped: request.stopped ?? "stay",
      only,
    });
  }

  async #planHosts(): Promise<PlanHost[]> {
    const marked = new Set(this.hostIds());
    return await Promise.all(
      this.#hosts.handles().map(async (h) => {
        const base = { id: h.id, name: h.name, inMaintenance: marked.has(h.id) };
        const none = { memoryFreeMb: null, cpuThreads: null, runningVcpus: null };
        if (!statusOf(h).connected) return { ...base, connected: false, ...none };
        try {
          const [info, vms] = await Promise.all([
            hostInfo({ client: h.client }),
            h.ctx.vms.listVms(),
          ]);
          const running = vms.filter((v) => v.state !== "stopped");
          // libvirt's test driver tells no free memory: its total less what its VMs hold.
          const assigned = running.reduce((n, v) => n + v.memoryMb, 0);
          return {
            ...base,
            connected: true,
            memoryFreeMb: info.memoryAvailableMb > 0
              ? info.memoryAvailableMb
              : Math.max(0, info.memoryTotalMb - assigned),
            cpuThreads: info.cpuThreads,
            runningVcpus: running.reduce((n, v) => n + v.cpuCount, 0),
          };
        } catch {
          return { ...base, connected: false, ...none };
        }
      }),
    );
  }

  /**
   * Marks the host and starts moving its VMs as planned; answers at once (the run goes on, its
   * task followed). 409 HOST_IN_MAINTENANCE when it is already, MAINTENANCE_NO_ROOM when a VM
   * has nowhere to go.
   */
  async enter(hostId: string, input: unknown, user: string): Promise<MaintenanceStatus> {
    const host = this.#hosts.get(hostId);
    this.#refuseRunning(host);
    if (this.isIn(hostId)) {
      throw new AppError(
        "HOST_IN_MAINTENANCE",
        t('Host "{{name}}" is in maintenance already', { name: host.name }),
      );
    }
    const request = parseMaintenanceInput(input ?? {});
    const plan = await this.plan(hostId, request);
    const stuck = plan.moves.find((m) => m.kind !== "stay" && m.to === null);
    if (stuck) {
      throw new AppError(
        "MAINTENANCE_NO_ROOM",
        t("{{vm}} has nowhere to go: {{problem}}", { vm: stuck.name, problem: stuck.problem }),
      );
    }
    this.#refuseRunning(host);
    this.#update(hostId, () => ({ since: new Date().toISOString(), by: user, moved: [] }));
    const moves = plan.moves.filter((m) => m.kind !== "stay")
      .map((m) => ({ vmId: m.vmId, name: m.name, from: host, to: m.to! }));
    this.#start(host, "enter", moves, request.parallel ?? 1, user);
    return this.status(hostId);
  }

  /**
   * Clears the mark; with bringBack, migrates the VMs maintenance moved back here (a run with
   * its task). 409 NOT_IN_MAINTENANCE, or MAINTENANCE_RUNNING while a run goes on.
   */
  leave(hostId: string, input: unknown, user: string): MaintenanceStatus {
    const host = this.#hosts.get(hostId);
    const { bringBack = false } = parseLeaveInput(input ?? {});
    this.#refuseRunning(host);
    const mark = this.#marks()[hostId];
    if (!mark) {
      throw new AppError(
        "NOT_IN_MAINTENANCE",
        t('Host "{{name}}" is not in maintenance', { name: host.name }),
      );
    }
    this.#update(hostId, () => undefined);
    if (bringBack) {
      const moves: Move[] = [];
      for (const vm of mark.moved) {
        const from = this.#hosts.find(vm.to);
        if (from) moves.push({ vmId: vm.vmId, name: vm.name, from, to: hostId });
      }
      this.#start(host, "leave", moves, 1, user);
    } else {
      currentTask()?.succeed(t("Left maintenance"));
    }
    return this.status(hostId);
  }

  /** Stops a run: migrations under way cancelled, the rest not started. 409 when none runs. */
  async cancel(hostId: string): Promise<MaintenanceStatus> {
    const host = this.#hosts.get(hostId);
    const running = this.#runs.get(hostId);
    if (!running || running.run.state !== "running") {
      throw new AppError(
        "MAINTENANCE_RUNNING",
        t('No maintenance run of host "{{name}}" is going on', { name: host.name }),
      );
    }
    running.cancelled = true;
    await Promise.allSettled(
      [...running.current].map(([vm, from]) => this.#migrationsOf(from).cancel(vm)),
    );
    await running.done;
    return this.status(hostId);
  }

  /** Starts no further moves, at shutdown (the migration services abort those under way). */
  close(): void {
    this.#closed = true;
    for (const running of this.#runs.values()) running.cancelled = true;
  }

  #refuseRunning(host: HostHandle): void {
    if (this.#runs.get(host.id)?.run.state === "running") {
      throw new AppError(
        "MAINTENANCE_RUNNING",
        t('VMs of host "{{name}}" are being moved: wait for it, or cancel it', {
          name: host.name,
        }),
      );
    }
  }

  #start(host: HostHandle, kind: "enter" | "leave", moves: Move[], parallel: number, user: string) {
    const task = currentTask()?.follow() ?? outsideTask(() =>
      this.#tasks.start({
        action: `host.maintenance-${kind}`,
        user,
        target: { kind: "host", id: host.id, name: host.name },
        hostId: host.id,
        vmIds: [],
      })
    );
    task.update({
      target: { kind: "host", id: host.id, name: host.name },
      vmIds: moves.map((m) => m.vmId),
    });
    let settle!: () => void;
    const running: Running = {
      run: {
        kind,
        state: "running",
        total: moves.length,
        done: 0,
        moving: [],
        failures: [],
        startedAt: new Date().toISOString(),
        taskId: task.id,
      },
      cancelled: false,
      current: new Map(),
      done: new Promise((r) => settle = r),
    };
    this.#runs.set(host.id, running);
    task.cancellable(() => this.cancel(host.id));
    task.progress(moves.length === 0 ? 1 : 0);
    // Its moves are no part of the request's task: each has a task of its own.
    outsideTask(() => inServerLanguage(() => this.#run(host, running, moves, parallel, user, task)))
      .catch((err) => {
        running.run.failures.push({ name: host.name, message: String(err) });
      }).finally(() => {
        const run = running.run;
        run.finishedAt = new Date().toISOString();
        run.moving = [];
        run.state = running.cancelled
          ? "cancelled"
          : run.failures.length > 0
          ? "failed"
          : "completed";
        const words = `${run.done} of ${run.total} VMs moved`;
        if (run.state === "completed") task.succeed(words);
        else if (run.state === "cancelled") task.cancelled(`Cancelled: ${words}`);
        else {
          const first = run.failures[0];
          task.fail({
            code: "MIGRATION_FAILED",
            message: `${words}; ${first.name}: ${first.message}`,
          });
        }
        settle();
      });
  }

  async #run(
    host: HostHandle,
    running: Running,
    moves: Move[],
    parallel: number,
    user: string,
    task: TaskHandle,
  ): Promise<void> {
    const queue = [...moves];
    const worker = async () => {
      for (let move = queue.shift(); move; move = queue.shift()) {
        if (running.cancelled || this.#closed) return;
        running.run.moving.push(move.name);
        running.current.set(move.vmId, move.from);
        task.note(`Moving ${running.run.moving.join(", ")}`);
        try {
          const job = await this.#migrate(move, user);
          if (job.state === "completed") {
            running.run.done++;
            if (running.run.kind === "enter") {
              this.#update(host.id, (mark) =>
                mark && {
                  ...mark,
                  moved: [...mark.moved, { vmId: move!.vmId, name: move!.name, to: move!.to }],
                });
            }
          } else if (job.state !== "cancelled") {
            running.run.failures.push({ name: move.name, message: job.error ?? job.state });
          }
        } catch (err) {
          running.run.failures.push({ name: move.name, message: errorWords(err).message });
        } finally {
          running.current.delete(move.vmId);
          running.run.moving = running.run.moving.filter((n) => n !== move!.name);
          task.progress(running.run.done / Math.max(1, running.run.total));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, moves.length) }, worker));
  }

  /** One migration with its own task (lib/migration/ ends it); resolves when it has ended. */
  async #migrate(move: Move, user: string): Promise<MigrationJob> {
    const child = this.#tasks.start({
      action: "vm.migrate",
      user,
      target: { kind: "vm", id: move.vmId, name: move.name },
      hostId: move.from.id,
      vmIds: [move.vmId],
    });
    const migrations = this.#migrationsOf(move.from);
    try {
      await withTask(child, () => migrations.start(move.vmId, { to: move.to }));
    } catch (err) {
      child.fail(errorWords(err));
      throw err;
    }
    for (;;) {
      const job = migrations.latest(move.vmId);
      if (!job || job.state !== "running") return job ?? Promise.reject(new Error("no job"));
      await sleep(this.#pollMs);
    }
  }
}
