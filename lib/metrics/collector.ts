// The collector: one reading per tick (a constant number of libvirt calls, made off the JS
// thread) covers every running VM and the host, whatever the VM count; samples go to history and alerts, and rollups and clean-ups run between ticks. A VM
// whose QEMU does not answer never holds the tick up (LibvirtClient's stats deadline, NOWAIT)
// and is marked in its samples.

import { TickerTask } from "../ticker.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { MetricsReading } from "../../ffi/libvirt/ops/metrics.ts";
import type { AlertService } from "./alerts.ts";
import { HOST_SOURCE, type MetricsHistory } from "./history.ts";
import { Sampler, type VmSample } from "./sampler.ts";
import { readMeminfo } from "../this_host/memory.ts";
import { sameMachine } from "../this_host/same_machine.ts";

/** Seconds between slow readings (vCPUs, balloon, block), whatever the tick length. */
const SLOW_SECONDS = 30;

const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * VMs' samples stored in one transaction: thousands at once are tens of milliseconds of this
 * thread (more when SQLite checkpoints its log), which requests should not wait behind.
 */
const RECORD_SLICE = 1000;

export interface CollectorOptions {
  client: LibvirtClient;
  history: MetricsHistory;
  alerts: AlertService;
  /** Tick length in milliseconds. */
  tickMs: number;
  /** Rollups and clean-ups between ticks; given the time of the tick's reading. */
  maintain: (nowMs: number) => Promise<void>;
}

/** What the collector has done, for /metrics, the settings page and the benchmark. */
export interface CollectorStats {
  ticks: number;
  errors: number;
  lastError: string | null;
  lastTickAt: number | null;
  /** Wall time of the last tick: the libvirt trip, storing, alerts (not maintenance). */
  lastDurationMs: number;
  /** VMs in the last reading. */
  lastVms: number;
  /** libvirt calls of the last reading by function (KVMM_COUNT_LIBVIRT_CALLS=1 only). */
  lastCalls: Record<string, number>;
  /** VMs of the last reading whose QEMU did not answer (marked `unresponsive` in samples). */
  lastUnresponsive: string[];
}

/** Reads every running VM each tickMs (start(), stop() and tick() are TickerTask's). */
export class Collector extends TickerTask {
  readonly stats: CollectorStats = {
    ticks: 0,
    errors: 0,
    lastError: null,
    lastTickAt: null,
    lastDurationMs: 0,
    lastVms: 0,
    lastCalls: {},
    lastUnresponsive: [],
  };
  /**
   * The last reading, for /metrics (no libvirt call per scrape); a fast one carries each VM's
   * figures from the last slow one (withSlowFigures).
   */
  latest: MetricsReading | null = null;
  #latestVms: ReadonlyMap<string, VmSample> = new Map();
  #opts: CollectorOptions;
  #sampler = new Sampler();
  /** The host's CPU threads, from the last slow reading. */
  #hostThreads: number | undefined;
  #slowEvery: number;
  /** Readings tried, failed ones too: every #slowEvery-th is slow, whatever the others did. */
  #tried = 0;

  constructor(opts: CollectorOptions) {
    // Every tickMs after each tick started (never two at once); failures are counted and kept,
    // never thrown (the next tick tries again).
    super(() => this.#tick(), { everyMs: () => opts.tickMs, fromStart: true, firstDelayMs: 0 });
    this.#opts = opts;
    this.#slowEvery = Math.max(1, Math.round(SLOW_SECONDS * 1000 / opts.tickMs));
  }

  /** Each running VM's sample of the last tick by UUID (the VM list's usage columns). */
  latestVmSamples(): ReadonlyMap<string, VmSample> {
    return this.#latestVms;
  }

  /** A running VM's CPU time at the last tick, and when; undefined before its first. */
  cpuBaseline(vmId: string): { cpuTimeNs: number; atMs: number } | undefined {
    return this.#sampler.cpuBaseline(vmId);
  }

  get tickMs(): number {
    return this.#opts.tickMs;
  }

  async #tick(): Promise<void> {
    const { client, history, alerts } = this.#opts;
    if (!client.state.connected) return;
    const started = performance.now();
    try {
      const slow = this.#tried++ % this.#slowEvery === 0;
      // Asking each VM whether its QEMU answers costs a call per VM: only while a call is stuck
      // inside libvirt, or a VM was found not answering, until it answers again.
      const scan = client.stuckCalls > 0 || this.stats.lastUnresponsive.length > 0;
      const reading = await client.readMetrics(slow, scan);
      // Each step below is milliseconds of this thread at thousands of VMs: requests get the
      // event loop between them, so a tick never holds one up for the sum.
      await yieldToEventLoop();
      const meminfo = sameMachine(client.uri) ? readMeminfo() : null;
      const { host, vms } = this.#sampler.take(reading, meminfo);
      if (reading.hostThreads !== undefined) this.#hostThreads = reading.hostThreads;
      await yieldToEventLoop();
      const vcpus = (id: string) =>
        id === HOST_SOURCE ? this.#hostThreads : this.#sampler.vcpus(id);
      for (let i = 0; i === 0 || i < vms.length; i += RECORD_SLICE) {
        history.record(reading.atMs, i === 0 ? host : null, vms.slice(i, i + RECORD_SLICE), vcpus);
        await yieldToEventLoop();
      }
      // The alerts it fires and the tick's figures below are seen together (same run).
      alerts.check(reading.atMs, vms);
      this.latest = withSlowFigures(reading, this.latest);
      this.#latestVms = latestKnown(this.#latestVms, vms);
      this.stats.ticks++;
      this.stats.lastTickAt = reading.atMs;
      this.stats.lastVms = vms.length;
      this.stats.lastCalls = reading.calls ?? {};
      this.stats.lastUnresponsive = reading.unresponsive ?? [];
      this.stats.lastDurationMs = performance.now() - started;
      await this.#opts.maintain(reading.atMs);
    } catch (err) {
      this.stats.errors++;
      this.stats.lastError = (err as Error).message;
      // A dropped connection is reported by the connection banner; anything else is a bug.
      if (client.state.connected) console.error("Metrics collector:", err);
    }
  }
}

/** Stats that only slow readings ask for (SLOW_STATS of ffi/libvirt/ops/metrics.ts). */
const SLOW_ONLY = /^(vcpu|balloon|block)\./;

/**
 * A fast reading with each VM's vCPU, balloon and block figures of the reading before (which has
 * them from the last slow one): /metrics keeps those series between slow readings, where
 * Prometheus would otherwise mark them stale at every fast tick.
 */
function withSlowFigures(reading: MetricsReading, before: MetricsReading | null): MetricsReading {
  if (reading.slow || !before) return reading;
  const prev = new Map(before.domains.map((d) => [d.uuid, d.params]));
  return {
    ...reading,
    domains: reading.domains.map((d) => {
      const old = prev.get(d.uuid);
      if (!old) return d;
      const carried = Object.entries(old).filter(([k]) => SLOW_ONLY.test(k) && !(k in d.params));
      return carried.length ? { ...d, params: { ...Object.fromEntries(carried), ...d.params } } : d;
    }),
  };
}

/**
 * The tick's samples by UUID, memory carried over from the previous ones: only slow readings
 * (every SLOW_SECONDS) have the balloon figures, and the list should not blink between them.
 */
function latestKnown(
  before: ReadonlyMap<string, VmSample>,
  vms: VmSample[],
): Map<string, VmSample> {
  return new Map(vms.map((vm) => {
    const prev = before.get(vm.vmId);
    if (vm.memTotalMb !== null || !prev) return [vm.vmId, vm];
    const { memNoGuestStats: _, ...rest } = vm;
    return [vm.vmId, {
      ...rest,
      memUsedMb: prev.memUsedMb,
      memTotalMb: prev.memTotalMb,
      ...(prev.memNoGuestStats ? { memNoGuestStats: true as const } : {}),
    }];
  }));
}
