// Per-VM statistics: counters from one bulk stats call, CPU % from cpu.time deltas.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { DomainStatsRecord } from "../../ffi/libvirt/connection.ts";
import { checkVmId, vmState } from "./domains.ts";
import { fromLibvirt } from "../errors.ts";
import { memoryUsedKiB, sumIndexed } from "../metrics/sampler.ts";
import type { VmStats } from "../../shared/vms.ts";
import { t } from "../../shared/i18n/t.ts";

interface Sample {
  cpuTimeNs: number;
  atMs: number;
}

/** Builds VmStats from a stats record and the previous CPU sample of the same VM. */
export function statsFromRecord(
  rec: DomainStatsRecord,
  previous: Sample | undefined,
  nowMs: number,
): VmStats {
  const p = rec.params;
  const zero: VmStats = {
    vmId: rec.uuid,
    cpuUsagePercent: 0,
    memoryUsedMb: 0,
    memoryAvailableMb: 0,
    diskReadBytes: 0,
    diskWriteBytes: 0,
    networkRxBytes: 0,
    networkTxBytes: 0,
    timestamp: nowMs,
  };
  const state = vmState(Number(p["state.state"] ?? 0));
  if (state === "stopped") return zero;
  const cpuTimeNs = Number(p["cpu.time"] ?? 0);
  const vcpus = Number(p["vcpu.current"] ?? 1) || 1;
  let cpu = 0;
  if (previous && nowMs > previous.atMs) {
    const elapsedNs = (nowMs - previous.atMs) * 1e6;
    cpu = Math.min(100, Math.max(0, (cpuTimeNs - previous.cpuTimeNs) / elapsedNs / vcpus * 100));
  }
  const memory = memoryUsedKiB(p) ?? { usedKiB: 0, totalKiB: 0 };
  return {
    ...zero,
    cpuUsagePercent: Math.round(cpu * 10) / 10,
    memoryUsedMb: Math.round(memory.usedKiB / 1024),
    memoryAvailableMb: Math.round(memory.totalKiB / 1024),
    diskReadBytes: sumIndexed(p, "block", "rd.bytes"),
    diskWriteBytes: sumIndexed(p, "block", "wr.bytes"),
    networkRxBytes: sumIndexed(p, "net", "rx.bytes"),
    networkTxBytes: sumIndexed(p, "net", "tx.bytes"),
  };
}

/** A baseline younger than this gives a noisy CPU %: the short window below is taken instead. */
const MIN_BASELINE_MS = 100;
/** With no usable baseline, two readings this far apart (the first call stays under 50 ms). */
const FIRST_WINDOW_MS = 30;

/**
 * Keeps the last CPU sample of each VM so CPU % can be computed per request. A VM's first
 * request takes its baseline from the metrics collector's last tick (`baseline`), so it costs
 * one libvirt call; without one, two readings FIRST_WINDOW_MS apart.
 */
export class StatsService {
  #client: LibvirtClient;
  #samples = new Map<string, Sample>();
  #baseline: (uuid: string) => Sample | undefined;
  #now: () => number;

  /** `now` is the clock samples are stamped with (a test gives the one its fake libvirt reads). */
  constructor(
    client: LibvirtClient,
    baseline: (uuid: string) => Sample | undefined = () => undefined,
    now: () => number = Date.now,
  ) {
    this.#client = client;
    this.#baseline = baseline;
    this.#now = now;
  }

  /** Stats of one VM: one libvirt call (two on a first request the collector cannot serve). */
  async get(id: string): Promise<VmStats> {
    checkVmId(id);
    let rec = await this.#read(id);
    const running = vmState(Number(rec.params["state.state"])) !== "stopped";
    const cpuTimeNs = Number(rec.params["cpu.time"] ?? 0);
    // A CPU time that went down means the VM restarted since the baseline.
    const ours = this.#samples.get(rec.uuid);
    let previous = running && ours && ours.cpuTimeNs <= cpuTimeNs ? ours : undefined;
    if (!previous) this.#samples.delete(rec.uuid);
    const collector = running && !previous ? this.#baseline(rec.uuid) : undefined;
    if (collector && collector.cpuTimeNs <= cpuTimeNs) {
      if (this.#now() - collector.atMs >= MIN_BASELINE_MS) previous = collector;
    }
    // A driver that reports no CPU time (libvirt's test driver) has no figure to wait for.
    if (!previous && running && rec.params["cpu.time"] !== undefined) {
      previous = this.#remember(rec, this.#now());
      await new Promise((r) => setTimeout(r, FIRST_WINDOW_MS));
      rec = await this.#read(id);
    }
    const now = this.#now();
    const stats = statsFromRecord(rec, previous, now);
    // Keep a baseline at least a second old, so quick polls do not make CPU % noisy.
    if (running && (!previous || now - previous.atMs >= 1000)) this.#remember(rec, now);
    return stats;
  }

  #remember(rec: DomainStatsRecord, atMs: number): Sample {
    const sample = { cpuTimeNs: Number(rec.params["cpu.time"] ?? 0), atMs };
    this.#samples.set(rec.uuid, sample);
    return sample;
  }

  /** Forgets a VM's baseline (it stopped or was deleted). */
  forget(uuid: string): void {
    this.#samples.delete(uuid);
  }

  async #read(id: string): Promise<DomainStatsRecord> {
    try {
      const [rec] = await this.#client.call("domainStats", [id]);
      return rec;
    } catch (err) {
      throw fromLibvirt(err, { id, failed: t("Failed to read VM statistics") });
    }
  }
}
