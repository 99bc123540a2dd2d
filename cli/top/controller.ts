// `kvm-manager top`'s moving part: polls the VM list and the host, follows the event stream so a
// state change shows at once, and carries out the actions the keys ask for through the API.

import {
  eventsPath,
  hostMetricsPath,
  hostPath,
  vmActionPath,
  vmsPath,
} from "../../shared/api_paths.ts";
import type { HostEvent } from "../../shared/events.ts";
import type { HostInfo } from "../../shared/host.ts";
import type { HostMetricSeries } from "../../shared/metrics.ts";
import type { VmSummary } from "../../shared/vms.ts";
import type { ApiClient } from "../api_client.ts";
import { CliError } from "../errors.ts";
import { readEvents } from "./event_stream.ts";
import {
  type Effect,
  initialState,
  type KeyPress,
  pressKey,
  splitKeys,
  type TopState,
  withEvent,
  withVms,
} from "./model.ts";

const RECONNECT_MS = 2000;

const why = (err: unknown) =>
  err instanceof CliError ? err.message : err instanceof Error ? err.message : String(err);

export class TopController {
  #state: TopState;
  readonly #listeners = new Set<() => void>();
  readonly #api: ApiClient;
  readonly #intervalMs: number;
  readonly #stop = new AbortController();
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshing = false;
  #again = false;

  constructor(api: ApiClient, intervalMs: number, state: TopState = initialState()) {
    this.#api = api;
    this.#intervalMs = intervalMs;
    this.#state = state;
  }

  get state(): TopState {
    return this.#state;
  }

  /** Calls `fn` after each change; returns its removal. */
  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #set(state: TopState) {
    this.#state = state;
    for (const fn of this.#listeners) fn();
  }

  /** Starts polling and following events, until stop(). */
  start(): void {
    this.#poll();
    this.#follow();
  }

  /** Ends the polling and the event stream; the state stays for the next screen. */
  stop(): void {
    this.#stop.abort();
    clearTimeout(this.#pollTimer);
  }

  /** A key: changes the state; quit and console are for the screen, start and stop run here. */
  press(key: KeyPress, page: number): Effect | undefined {
    for (const one of splitKeys(key)) {
      const { state, effect } = pressKey(this.#state, one, page);
      this.#set(state);
      if (effect?.type === "action" && effect.action !== "console") {
        this.#run(effect.action, effect.vm);
      } else if (effect) {
        return effect; // the screen ends: keys after it are not for this screen
      }
    }
    return undefined;
  }

  async #run(action: "start" | "stop", vm: { id: string; name: string }) {
    const doing = action === "start" ? "Starting" : "Asking to shut down";
    this.#set({ ...this.#state, message: `${doing} ${vm.name}…` });
    try {
      await this.#api.call("POST", vmActionPath(vm.id, action));
      const done = action === "start" ? `Started ${vm.name}` : `Asked ${vm.name} to shut down`;
      this.#set({ ...this.#state, message: done });
    } catch (err) {
      this.#set({ ...this.#state, message: `${vm.name}: ${why(err)}` });
    }
    this.#refresh();
  }

  #poll() {
    if (this.#stop.signal.aborted) return;
    this.#refresh().finally(() => {
      if (!this.#stop.signal.aborted) {
        this.#pollTimer = setTimeout(() => this.#poll(), this.#intervalMs);
      }
    });
  }

  /** Reads the list and the host now; one at a time, a request meanwhile runs once after. */
  async #refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return;
    }
    this.#refreshing = true;
    try {
      const [vms, info, metrics] = await Promise.all([
        this.#api.call<VmSummary[]>("GET", vmsPath()),
        this.#api.call<HostInfo>("GET", hostPath()),
        this.#api.call<HostMetricSeries>("GET", hostMetricsPath(), { query: { range: "live" } }),
      ]);
      if (this.#stop.signal.aborted) return;
      const cpu = metrics.body.cpu.findLast((v) => v !== null) ?? null;
      this.#set({ ...withVms(this.#state, vms.body), host: { info: info.body, cpuPercent: cpu } });
    } catch (err) {
      if (!this.#stop.signal.aborted) this.#set({ ...this.#state, error: why(err) });
    } finally {
      this.#refreshing = false;
      if (this.#again && !this.#stop.signal.aborted) {
        this.#again = false;
        this.#refresh();
      }
    }
  }

  /** Follows the event stream, reconnecting after a pause while the server is away. */
  async #follow() {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      try {
        const res = await this.#api.download(eventsPath(), signal);
        this.#set({ ...this.#state, live: true });
        await readEvents(res.body!, (e) => this.#onEvent(e));
      } catch { /* the server went away or we stopped: said by `live`, retried below */ }
      if (signal.aborted) return;
      this.#set({ ...this.#state, live: false });
      await new Promise((r) => setTimeout(r, RECONNECT_MS));
    }
  }

  #onEvent(event: HostEvent) {
    this.#set(withEvent(this.#state, event));
    // A new or removed VM, or a reconnect to libvirt: the list is read again now.
    const relist = ["vm-created", "vm-deleted", "connection-status-changed"];
    if (relist.includes(event.type)) this.#refresh();
  }
}
