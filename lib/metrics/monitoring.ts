// Monitoring wired together: collector, history, retention, alerts, insights and /metrics.
// This is what routes/api/metrics.ts and the pages call.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { PolicyAlertRule } from "../../shared/profiles.ts";
import { isStoreBusy, type Store } from "../store.ts";
import type { AppEvent } from "../../shared/events.ts";
import { AlertService } from "./alerts.ts";
import type { FetchRules } from "../outbound/guarded_fetch.ts";
import { Collector } from "./collector.ts";
import { HOST_SOURCE, MetricsHistory } from "./history.ts";
import { summarize } from "./history_summary.ts";
import { insightsFrom, RANGE_HOURS } from "./insights.ts";
import { addDomains, addHost, type Exposition, RequestCounter } from "./prometheus.ts";
import { checkRetentionInput, cleanupDue, readRetention, writeRetention } from "./retention.ts";
import type { GuestSampler } from "./guest_sampler.ts";
import type {
  CleanupResult,
  GuestMetricSeries,
  HostMetricSeries,
  InsightRange,
  InsightReport,
  MetricRange,
  MetricsSettings,
  RetentionPolicy,
  VmMetricSeries,
} from "../../shared/metrics.ts";

/**
 * A reading older than this many ticks (and STALE_MIN_MS) is not exported: a host whose
 * collector fails (libvirtd frozen, the link slow) shows no figures instead of old ones as new.
 */
const STALE_TICKS = 3;
const STALE_MIN_MS = 30_000;

export interface MonitoringOptions {
  client: LibvirtClient;
  /** The app store: retention policy and alerts. */
  store: Store;
  history: MetricsHistory;
  emit: (e: AppEvent) => void;
  /** Resolves a VM id or name to its UUID and name; AppError 404 when unknown. */
  findVm: (id: string) => Promise<{ id: string; name: string }>;
  /** A VM's UUID by name from what the app knows without asking libvirt (EventHub.idOf). */
  knownVm?: (name: string) => string | undefined;
  tickSeconds: number;
  now?: () => number;
  /** What alert webhooks may reach beyond public addresses (AlertServiceOptions.outbound). */
  outbound?: () => FetchRules;
  /** Each VM's effective policy alert rules by UUID (AlertServiceOptions.policyRules). */
  policyRules?: () => Map<string, PolicyAlertRule[]>;
  /**
   * Guest detail (our agent's per-core CPU and memory): the sampler, and which agent answers a
   * VM's heartbeat. Without it guest series are empty with source "none".
   */
  guest?: { sampler: GuestSampler; source(uuid: string): GuestMetricSeries["source"] };
}

export class Monitoring {
  readonly history: MetricsHistory;
  readonly alerts: AlertService;
  readonly collector: Collector;
  readonly requests = new RequestCounter();
  #opts: MonitoringOptions;
  #now: () => number;
  /** Rollups and clean-ups run one at a time, whoever started them. */
  #maintenance: Promise<unknown> = Promise.resolve();
  #rolledMinute = -1;
  #trimmedHour = -1;

  constructor(opts: MonitoringOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.history = opts.history;
    this.alerts = new AlertService(opts.store, {
      emit: opts.emit,
      findVm: opts.findVm,
      now: () => new Date(this.#now()),
      outbound: opts.outbound,
      policyRules: opts.policyRules,
    });
    this.collector = new Collector({
      client: opts.client,
      history: this.history,
      alerts: this.alerts,
      tickMs: opts.tickSeconds * 1000,
      maintain: (nowMs) => this.maintain(nowMs),
    });
  }

  #serialized<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#maintenance.then(job, job);
    this.#maintenance = run.catch(() => {});
    return run;
  }

  /**
   * Between ticks: each new minute rolls up what is complete; each new hour trims raw samples
   * past their window; the daily clean-up runs once its hour has come (when enabled). While
   * another process holds a store's lock, what is left waits for the next tick (rollups and
   * clean-ups carry on from where they stopped).
   */
  maintain(nowMs: number): Promise<void> {
    return this.#serialized(async () => {
      try {
        await this.#maintain(nowMs);
      } catch (err) {
        if (!isStoreBusy(err)) throw err;
      }
    });
  }

  async #maintain(nowMs: number): Promise<void> {
    const minute = Math.floor(nowMs / 60_000);
    if (minute !== this.#rolledMinute) {
      await this.history.rollup(nowMs);
      this.#rolledMinute = minute;
    }
    const policy = readRetention(this.#opts.store);
    const hour = Math.floor(nowMs / 3_600_000);
    if (policy.enabled && hour !== this.#trimmedHour) {
      await this.history.cleanup(policy, nowMs, { raw: true, rollups: false });
      this.#trimmedHour = hour;
    }
    if (cleanupDue(policy, nowMs)) await this.#cleanup(policy, nowMs);
  }

  async #cleanup(policy: RetentionPolicy, nowMs: number): Promise<CleanupResult> {
    const started = performance.now();
    const deleted = await this.history.cleanup(policy, nowMs);
    const at = new Date(nowMs).toISOString();
    writeRetention(this.#opts.store, { lastCleanupAt: at });
    return {
      deleted,
      at,
      durationMs: Math.round(performance.now() - started),
      dbSizeBytes: this.history.sizeBytes(),
    };
  }

  /** "Clean up now": the policy's windows applied at once, even when automatic clean-up is off. */
  cleanupNow(): Promise<CleanupResult> {
    return this.#serialized(() => this.#cleanup(readRetention(this.#opts.store), this.#now()));
  }

  /**
   * The retention policy and the history's size; `historyProblem` says why graphs are kept in
   * memory when metrics.db is unusable (MetricsHistory.problem), else null.
   */
  settings(): MetricsSettings {
    return {
      policy: readRetention(this.#opts.store),
      tickSeconds: this.#opts.tickSeconds,
      dbSizeBytes: this.history.sizeBytes(),
      rows: this.history.counts(),
      historyProblem: this.history.problem,
    };
  }

  setRetention(input: unknown): RetentionPolicy {
    return writeRetention(this.#opts.store, checkRetentionInput(input));
  }

  /**
   * The VM's UUID: known to history as given, or a name the app knows (either way without
   * libvirt, which may be away or frozen: the history answers regardless), else looked up (404
   * for no such VM).
   */
  async #vmUuid(id: string): Promise<string> {
    const lower = id.toLowerCase();
    if (lower !== HOST_SOURCE && this.history.has(lower)) return lower;
    return this.#opts.knownVm?.(id) ?? (await this.#opts.findVm(id)).id;
  }

  async vmSeries(id: string, range: MetricRange): Promise<VmMetricSeries> {
    return this.history.vmSeries(await this.#vmUuid(id), range, this.#now());
  }

  /**
   * A VM's guest detail for a range (history_guest.ts). Reading it is what marks the VM watched:
   * it is sampled while its page keeps asking (GuestSampler.watch).
   */
  async guestSeries(id: string, range: MetricRange): Promise<GuestMetricSeries> {
    const vm = await this.#opts.findVm(id);
    const guest = this.#opts.guest;
    const source = guest?.source(vm.id) ?? "none";
    if (guest && source === "kvmm") guest.sampler.watch(vm.id, vm.name);
    const sampleSeconds = guest?.sampler.sampleSeconds ?? 0;
    return {
      vmId: vm.id,
      ...this.history.guestSeries(vm.id, range, this.#now(), sampleSeconds),
      source,
      sampleSeconds,
    };
  }

  hostSeries(range: MetricRange): HostMetricSeries {
    return this.history.hostSeries(range, this.#now());
  }

  /** Host-wide and per-VM insights, or one VM's when `vmId` is given. */
  async insights(range: InsightRange, vmId?: string): Promise<InsightReport> {
    const now = this.#now();
    const uuid = vmId === undefined ? undefined : await this.#vmUuid(vmId);
    let summaries = summarize(this.history, now - RANGE_HOURS[range] * 3_600_000);
    if (uuid) summaries = summaries.filter((s) => s.uuid === uuid);
    return { range, generatedAt: new Date(now).toISOString(), ...insightsFrom(summaries, range) };
  }

  /** Whether this host's libvirt connection is up now (no libvirt call). */
  get connected(): boolean {
    return this.#opts.client.state.connected;
  }

  /**
   * This host's series for /metrics, each labelled `host`: the collector's last reading (VMs and
   * host figures) while the host is connected and the reading is fresh (STALE_TICKS), and the
   * collector's, alerts' and history's own figures always. Never a libvirt call: a scrape never
   * waits on a host (fleet_metrics.ts puts the hosts together).
   */
  addSeries(out: Exposition, host: string): void {
    const labels = { host };
    const reading = this.collector.latest;
    const staleAfterMs = Math.max(STALE_TICKS * this.collector.tickMs, STALE_MIN_MS);
    if (reading && this.connected && this.#now() - reading.atMs <= staleAfterMs) {
      addDomains(out, reading, labels);
      addHost(out, reading, labels);
    }
    const s = this.collector.stats;
    out.add("kvmm_collector_ticks_total", "counter", "Collector readings taken.", s.ticks, labels);
    out.add(
      "kvmm_collector_errors_total",
      "counter",
      "Collector readings that failed.",
      s.errors,
      labels,
    );
    out.add(
      "kvmm_collector_last_tick_seconds",
      "gauge",
      "Duration of the last collector tick (libvirt trip, storing, alerts).",
      s.lastDurationMs / 1000,
      labels,
    );
    if (s.lastTickAt !== null) {
      out.add(
        "kvmm_collector_last_reading_timestamp_seconds",
        "gauge",
        "When the collector last read the host (Unix time); its VM and host series are left out once it is older than three ticks.",
        s.lastTickAt / 1000,
        labels,
      );
    }
    out.add(
      "kvmm_alerts_active",
      "gauge",
      "Alerts firing now.",
      this.alerts.activeCount(),
      labels,
    );
    out.add(
      "kvmm_metrics_db_bytes",
      "gauge",
      "Size of the metrics history database.",
      this.history.sizeBytes(),
      labels,
    );
  }

  start(): void {
    this.collector.start();
  }

  async close(): Promise<void> {
    await this.collector.stop();
    await this.#maintenance;
    await this.alerts.settled();
    this.history.close();
  }
}
