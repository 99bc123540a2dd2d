// Moving a VM's disk to another pool and format (issue 47): checked (plan.ts), then as the
// request's task, followed to its end: a running VM's disk by a live block copy and pivot
// (live.ts), a stopped VM's by a copy of its volume (qemu-img, with progress and cancel). Either
// way the persistent definition names the new volume afterwards, and the old volume is deleted
// only when asked. One move per disk at a time; a disk in another block job is refused (409).

import type { LibvirtClient } from "../../../ffi/libvirt/client.ts";
import { XmlFlags } from "../../../ffi/libvirt/domain.ts";
import { AppError, fromLibvirt } from "../../errors.ts";
import { t } from "../../../shared/i18n/t.ts";
import type { DiskMoveStarted } from "../../../shared/disk_move.ts";
import { inServerLanguage } from "../../i18n/scope.ts";
import { currentTask } from "../../tasks/current.ts";
import type { TaskHandle } from "../../tasks/handle.ts";
import { linkedChildren } from "../../storage/linked.ts";
import { copyLocalVolume, newVolume } from "../../storage/pinned_copy.ts";
import { vmState } from "../domains.ts";
import type { VmLock } from "../lock.ts";
import type { DiskMoveInput } from "./input.ts";
import { dropCopy, followCopy, startCopy } from "./live.ts";
import { diskBusy, type MovePlan, planMove } from "./plan.ts";
import { diskFileOf, withMovedDisk } from "./xml.ts";

export interface DiskMoveDeps {
  client: LibvirtClient;
  /** The VMs' operation lock (lib/vms/lock.ts): setup and switch-over hold it. */
  lock: VmLock;
  /** How often a running copy's progress is read, in ms (default 500). */
  pollMs?: number;
}

/** Starts and follows disk moves of one host's VMs. */
export class DiskMoves {
  readonly #client: LibvirtClient;
  readonly #lock: VmLock;
  readonly #pollMs: number;
  /** Disks being moved now, as `uuid/target`. */
  /** The disks being moved ("UUID/target"), with the VM's name, to know them by either. */
  readonly #moving = new Map<string, string>();

  constructor({ client, lock, pollMs = 500 }: DiskMoveDeps) {
    this.#client = client;
    this.#lock = lock;
    this.#pollMs = pollMs;
  }

  /**
   * Checks and starts moving disk `target` of VM `id`; answers once the copy is under way. The
   * request's task follows the move to its end (progress, cancel). 400/404/409/507 refusals as
   * plan.ts says; 409 DISK_BUSY while the disk is being moved or in another block job.
   */
  async start(id: string, target: string, input: DiskMoveInput): Promise<DiskMoveStarted> {
    const client = this.#client;
    const task = currentTask();
    const { plan, path, key } = await this.#lock(id, async () => {
      // Busy first: a move's own pivot leaves the running disk apart from the definition's until
      // the move ends, which the plan would call pending changes.
      for (const [moving, name] of this.#moving) {
        const [uuid, disk] = moving.split("/");
        if (disk === target && (uuid === id || name === id)) throw diskBusy(target);
      }
      const plan = await planMove(client, id, target, input);
      const key = `${plan.uuid}/${plan.target}`;
      if (this.#moving.has(key)) throw diskBusy(target);
      let path: string | null = null;
      if (plan.live) {
        const made = await newVolume(client, {
          pool: plan.pool,
          name: plan.volName,
          bytes: plan.bytes,
          format: plan.format,
        }).catch((err) => {
          throw fromLibvirt(err, { failed: t("Failed to make the new volume") });
        });
        path = made.vol.path;
        try {
          await startCopy(client, plan, path);
        } catch (err) {
          await this.#deleteNew(plan);
          throw err;
        }
      }
      this.#moving.set(key, plan.name);
      return { plan, path, key };
    });
    task?.follow();
    task?.update({ vmIds: [plan.uuid] });
    inServerLanguage(() => plan.live ? this.#live(plan, task) : this.#offline(plan, task))
      .then((message) => task?.succeed(message))
      .catch((err) => task?.fail(err))
      .finally(() => this.#moving.delete(key));
    return {
      taskId: task?.id ?? null,
      vm: plan.uuid,
      target: plan.target,
      live: plan.live,
      pool: plan.pool,
      volume: plan.volName,
      format: plan.format,
      sourcePath: plan.source.path,
      deleteSource: plan.deleteSource,
      ...(path ? { path } : {}),
    };
  }

  async #live(plan: MovePlan, task: TaskHandle | undefined): Promise<string | null> {
    let end;
    try {
      end = await followCopy(this.#client, plan, task, this.#pollMs);
    } catch (err) {
      await dropCopy(this.#client, plan);
      await this.#deleteNew(plan);
      throw err;
    }
    if (end === "cancelled") {
      await this.#deleteNew(plan);
      task?.cancelled(t("Cancelled: the VM keeps its old disk and the new volume is deleted"));
      return null;
    }
    const vol = await this.#client.call("volumeGet", plan.pool, plan.volName);
    await this.#lock(plan.uuid, () => this.#persist(plan, vol.path));
    return await this.#finish(plan);
  }

  async #offline(plan: MovePlan, task: TaskHandle | undefined): Promise<string | null> {
    const client = this.#client;
    return await this.#lock(plan.uuid, async () => {
      const made: string[] = [];
      try {
        const vol = await copyLocalVolume(client, {
          source: { ...plan.source, format: plan.source.format },
          pool: plan.pool,
          name: plan.volName,
          label: t("Disk {{target}}", { target: plan.target }),
          made,
          format: plan.format,
        });
        if (!vol) {
          throw new AppError("NOT_ON_REMOTE_HOST", t("Both pools must be local folder pools"));
        }
        const now = await client.call("domainGet", plan.uuid);
        if (vmState(now.state) !== "stopped") {
          throw new AppError(
            "INVALID_STATE",
            t("{{name}} was started while its disk was copied: the copy is dropped", {
              name: plan.name,
            }),
          );
        }
        await this.#persist(plan, vol.path);
      } catch (err) {
        if (made.length > 0) await this.#deleteNew(plan);
        throw err;
      }
      if (task?.ended) return null;
      return await this.#finish(plan);
    });
  }

  /**
   * The persistent definition's disk names the new volume. After a pivot libvirt (9, with QEMU's
   * -blockdev) has rewritten it already; a stopped VM's, and older libvirts', are redefined here.
   */
  async #persist(plan: MovePlan, path: string): Promise<void> {
    const client = this.#client;
    const failed = t("The disk moved, but its definition could not be updated");
    const vm = await client.call("domainGet", plan.uuid, XmlFlags.INACTIVE).catch((err) => {
      throw fromLibvirt(err, { id: plan.uuid, failed });
    });
    if (!vm.persistent || diskFileOf(vm.xml, plan.target) === path) return;
    const xml = withMovedDisk(vm.xml, plan.target, { path, format: plan.format });
    if (!xml) throw new AppError("DISK_NOT_FOUND", failed);
    await client.call("domainDefine", xml).catch((err) => {
      throw fromLibvirt(err, { id: plan.uuid, failed });
    });
  }

  /**
   * Deletes the old volume when asked, no other VM uses it and no linked clone reads from it
   * (a clone's VM names only its overlay); says how the move ended.
   */
  async #finish(plan: MovePlan): Promise<string> {
    const client = this.#client;
    const where = { target: plan.target, pool: plan.pool, volume: plan.volName };
    for (const pool of [plan.pool, plan.source.pool]) {
      await client.call("poolRefresh", pool).catch(() => {});
    }
    if (!plan.deleteSource) {
      return t("Disk {{target}} moved to {{pool}}/{{volume}}; the old volume is kept", where);
    }
    const users = await client.call("diskUsers", [plan.source.path]).catch(() => null);
    const others = users?.[plan.source.path] ?? [];
    if (!users || others.length > 0) {
      return t(
        "Disk {{target}} moved to {{pool}}/{{volume}}; the old volume is kept: another VM uses it",
        where,
      );
    }
    const clones = await linkedChildren(client, plan.source.path).catch(() => null);
    if (!clones || clones.length > 0) {
      return t(
        "Disk {{target}} moved to {{pool}}/{{volume}}; the old volume is kept: it is the base of linked clones {{clones}}",
        { ...where, clones: (clones ?? ["?"]).join(", ") },
      );
    }
    await client.call("volumeDelete", plan.source.path).catch((err) => {
      throw fromLibvirt(err, { failed: t("The disk moved, but the old volume was not deleted") });
    });
    await client.call("poolRefresh", plan.source.pool).catch(() => {});
    return t("Disk {{target}} moved to {{pool}}/{{volume}}; the old volume is deleted", where);
  }

  async #deleteNew(plan: MovePlan): Promise<void> {
    await this.#client.call("volumeDeleteIn", plan.pool, plan.volName).catch(() => {});
  }
}
