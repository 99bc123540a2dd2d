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

/** Keeps the last CPU sample of each VM so CPU % can be computed per request. */
export class StatsService {
  #client: LibvirtClient;
  #samples = new Map<string, Sample>();

  constructor(client: LibvirtClient) {
    this.#client = client;
  }

  /** Stats of one VM: one libvirt call (two on the first request, 200 ms apart, for CPU %). */
  async get(id: string): Promise<VmStats> {
    checkVmId(id);
    let rec = await this.#read(id);
    const running = vmState(Number(rec.params["state.state"])) !== "stopped";
    let previous = this.#samples.get(rec.uuid);
    // A stopped VM has no baseline; a CPU time that went down means the VM restarted.
    if (!running || (previous && Number(rec.params["cpu.time"] ?? 0) < previous.cpuTimeNs)) {
      this.#samples.delete(rec.uuid);
      previous = undefined;
    }
    if (!previous && running) {
      previous = this.#remember(rec, Date.now());
      await new Promise((r) => setTimeout(r, 200));
      rec = await this.#read(id);
    }
    const now = Date.now();
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
