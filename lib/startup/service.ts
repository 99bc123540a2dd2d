// A VM's boot order behind /api/vms/:id/startup: read, set and remove the element in its domain
// XML, and hand "start at boot" between libvirt's autostart and our ordered start. A VM with an
// order has libvirt's autostart off (libvirtd would start every such VM at once when it starts);
// the ordered start (boot_start.ts) starts it instead.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { VmService } from "../vms/service.ts";
import type { TaskHandle } from "../tasks/handle.ts";
import { currentTask } from "../tasks/current.ts";
import { type Planned, type SequenceDeps, startInOrder, stopInOrder } from "./sequence.ts";
import { sequenceDeps } from "./deps.ts";
import { Impact } from "../../ffi/libvirt/domain.ts";
import type { StartupOrder, VmStartup } from "../../shared/startup.ts";
import { DEFAULT_DOWN_TIMEOUT } from "../../shared/startup.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import { checkVmId, vmState } from "../vm_basics.ts";
import { parseXml } from "../xml/parser.ts";
import {
  STARTUP_NAMESPACE,
  STARTUP_PREFIX,
  startupElement,
  startupOf,
} from "../xml/startup_metadata.ts";
import type { StartupBody } from "./input.ts";
import type { z } from "zod";
import { t } from "../../shared/i18n/t.ts";

/** What a domain's snapshot says of its boot order. */
function startupIn(xml: string): StartupOrder | null {
  return startupOf(parseXml(xml).domain?.metadata);
}

/** Ascending order, ties by name: the start sequence (a stop in order runs it backwards). */
export function inStartOrder<T extends { name: string; startup: StartupOrder }>(vms: T[]): T[] {
  return vms.toSorted((a, b) =>
    a.startup.order - b.startup.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

export class StartupService {
  readonly #client: LibvirtClient;
  /** What the sequences do to each VM. */
  readonly sequence: SequenceDeps;
  /** The sequence running now (at boot or asked for), one at a time. */
  #busy: AbortController | null = null;

  constructor({ client, vms }: { client: LibvirtClient; vms: VmService }) {
    this.#client = client;
    this.sequence = sequenceDeps({ client, vms, plan: () => this.plan() });
  }

  /**
   * Runs the start (or stop) sequence as `task` until it ends or `signal` aborts; 409 while
   * another sequence runs.
   */
  async run(kind: "start" | "stop", task: TaskHandle, signal?: AbortSignal): Promise<void> {
    if (this.#busy) {
      throw conflict(t("The VMs are being started or shut down in boot order: wait for it to end"));
    }
    const abort = new AbortController();
    signal?.addEventListener("abort", () => abort.abort(), { once: true });
    task.cancellable(() => abort.abort());
    this.#busy = abort;
    try {
      await (kind === "start" ? startInOrder : stopInOrder)(this.sequence, task, abort.signal);
    } finally {
      this.#busy = null;
    }
  }

  /**
   * The sequence now, as the request's task, which it takes over and ends; the task's id, or
   * null outside a request's task.
   */
  runNow(kind: "start" | "stop"): { taskId: number | null } {
    if (this.#busy) {
      throw conflict(t("The VMs are being started or shut down in boot order: wait for it to end"));
    }
    const task = currentTask()?.follow();
    if (!task) throw new AppError("INTERNAL_ERROR", "A sequence runs as a task");
    this.run(kind, task).catch((err) => task.fail(err));
    return { taskId: task.id };
  }

  async #read(id: string) {
    checkVmId(id);
    try {
      return await this.#client.call("domainGet", id);
    } catch (err) {
      throw fromLibvirt(err, { id, failed: t("Failed to read VM") });
    }
  }

  /** The VM's boot order and libvirt's autostart flag. */
  async get(id: string): Promise<VmStartup> {
    const snap = await this.#read(id);
    return {
      id: snap.uuid,
      name: snap.name,
      startup: startupIn(snap.xml),
      libvirtAutostart: snap.autostart,
    };
  }

  /** Gives the VM this boot order and turns libvirt's autostart off. */
  async set(id: string, body: z.output<typeof StartupBody>): Promise<VmStartup> {
    const snap = await this.#read(id);
    if (!snap.persistent) {
      throw new AppError(
        "INVALID_STATE",
        t("VM {{name}} is transient: it has no definition to start at boot", { name: snap.name }),
      );
    }
    const startup: StartupOrder = {
      order: body.order,
      upDelay: body.upDelay ?? 0,
      waitForAgent: body.waitForAgent ?? false,
      downTimeout: body.downTimeout ?? DEFAULT_DOWN_TIMEOUT,
    };
    await this.#write(snap, startupElement(startup));
    // Order first, flag second: a failure between leaves it starting at boot either way.
    if (snap.autostart) await this.#autostart(snap.uuid, false);
    return await this.get(snap.uuid);
  }

  /**
   * Removes the VM's boot order. It goes on starting with the host, by libvirt's autostart (on
   * again), unless it had none.
   */
  async clear(id: string): Promise<VmStartup> {
    const snap = await this.#read(id);
    if (startupIn(snap.xml) === null) return await this.get(snap.uuid);
    await this.#autostart(snap.uuid, true);
    await this.#write(snap, null);
    return await this.get(snap.uuid);
  }

  /** Every defined VM with a boot order, in start order. */
  async plan(): Promise<Planned[]> {
    let records;
    try {
      records = await this.#client.call("domainList", { scan: false });
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Failed to list VMs") });
    }
    const planned: Planned[] = [];
    for (const rec of records) {
      // One that vanished or cannot be read meanwhile is not in the sequence.
      const snap = await this.#client.call("domainGet", rec.uuid).catch(() => null);
      const startup = snap?.persistent ? startupIn(snap.xml) : null;
      if (!snap || !startup) continue;
      planned.push({
        uuid: snap.uuid,
        name: snap.name,
        running: vmState(snap.state) !== "stopped",
        startup,
      });
    }
    return inStartOrder(planned);
  }

  async #write(snap: { uuid: string; state: number }, xml: string | null) {
    const running = vmState(snap.state) !== "stopped";
    const flags = running ? Impact.LIVE | Impact.CONFIG : Impact.CONFIG;
    try {
      await this.#client.call(
        "domainSetMetadataElement",
        snap.uuid,
        { xml, key: STARTUP_PREFIX, uri: STARTUP_NAMESPACE },
        flags,
      );
    } catch (err) {
      throw fromLibvirt(err, { id: snap.uuid, failed: t("Failed to set the boot order") });
    }
  }

  async #autostart(uuid: string, on: boolean) {
    try {
      await this.#client.call("domainSetAutostart", uuid, on);
    } catch (err) {
      throw fromLibvirt(err, { id: uuid, failed: t("Failed to set the boot order") });
    }
  }
}
