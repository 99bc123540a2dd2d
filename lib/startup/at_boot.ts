// The start at boot: once this program's libvirt connection is up, when the host booted since
// the program last ran (host_boot.ts), the VMs with a boot order start in order as one task
// (sequence.ts). The boot is kept as done when that task ends, so a program stopped midway starts
// the rest when it starts again; a task an admin cancels counts as done.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { Store } from "../store.ts";
import type { TaskLog } from "../tasks/log.ts";
import { outsideTask, withTask } from "../tasks/current.ts";
import { inServerLanguage } from "../i18n/scope.ts";
import { bootKind, currentBootId, recordBootId } from "./host_boot.ts";
import type { StartupService } from "./service.ts";

export interface BootStartOptions {
  client: LibvirtClient;
  store: Store;
  tasks: TaskLog;
  hostId: string;
  hostName: string;
  startup: Pick<StartupService, "run">;
  /** This boot's id (host_boot.ts currentBootId); a test may name one. */
  bootId?: string | null;
}

export class BootStart {
  readonly #opts: BootStartOptions;
  readonly #abort = new AbortController();
  #closing = false;
  #running: Promise<void> | null = null;
  #onConnection = () => {
    if (this.#opts.client.state.connected) this.#begin();
  };

  constructor(opts: BootStartOptions) {
    this.#opts = opts;
  }

  /** Waits for the connection, then runs the start in order if the host booted. */
  start(): void {
    if (this.#opts.client.state.connected) this.#begin();
    else this.#opts.client.addEventListener("connection", this.#onConnection);
  }

  /** Stops a start in order midway (its boot is not kept as done) and waits for it. */
  async stop(): Promise<void> {
    this.#closing = true;
    this.#opts.client.removeEventListener("connection", this.#onConnection);
    this.#abort.abort();
    await this.#running;
  }

  #begin(): void {
    this.#opts.client.removeEventListener("connection", this.#onConnection);
    if (this.#running || this.#closing) return;
    const { store, tasks, hostId, hostName, startup } = this.#opts;
    const bootId = this.#opts.bootId === undefined ? currentBootId() : this.#opts.bootId;
    const kind = bootKind(store, bootId);
    if (kind === "unknown") {
      console.error("start at boot: the host's boot id cannot be read; no VM is started in order");
      return;
    }
    if (kind !== "boot") {
      if (kind === "first") recordBootId(store, bootId!);
      return;
    }
    this.#running = outsideTask(() =>
      inServerLanguage(async () => {
        const task = tasks.start({
          action: "host.start-in-order",
          user: "kvm-manager",
          target: { kind: "host", id: hostId, name: hostName },
          hostId,
          vmIds: [],
        });
        await withTask(task, () => startup.run("start", task, this.#abort.signal));
        if (!this.#closing) recordBootId(store, bootId!);
      })
    ).catch((err) => console.error("start at boot:", err));
  }
}
