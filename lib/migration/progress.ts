// A migration's progress from libvirt's job statistics (virDomainGetJobStats field names:
// https://libvirt.org/html/libvirt-libvirt-domain.html#VIR_DOMAIN_JOB_DATA_TOTAL).

import type { TypedParams } from "../../ffi/libvirt/typed_params.ts";
import type { MigrationPhase, MigrationProgress, MigrationState } from "../../shared/migration.ts";

const num = (v: unknown): number => typeof v === "number" && Number.isFinite(v) ? v : 0;

/** Before libvirt reports anything. */
export function startingProgress(): MigrationProgress {
  return { phase: "starting", dataProcessed: 0, dataTotal: 0, dataRemaining: 0, percent: 0 };
}

/** A running migration's figures and phase. */
export function progressOf(params: TypedParams): MigrationProgress {
  const dataTotal = num(params.data_total);
  const dataRemaining = num(params.data_remaining);
  const dataProcessed = num(params.data_processed);
  let phase: MigrationPhase;
  if (dataTotal === 0) phase = "starting";
  else if (num(params.disk_remaining) > 0) phase = "copying-storage";
  else if (dataRemaining === 0) phase = "finishing";
  else phase = "copying-memory";
  return {
    phase,
    dataProcessed,
    dataTotal,
    dataRemaining,
    percent: percentOf(dataTotal, dataRemaining),
  };
}

/**
 * The figures a migration ended with: the completed job's statistics when libvirt kept them
 * (the destination does), else the last ones read.
 */
export function finalProgress(
  state: Exclude<MigrationState, "running">,
  last: MigrationProgress,
  params?: TypedParams,
): MigrationProgress {
  if (state !== "completed") return { ...last, phase: state };
  const dataTotal = params ? num(params.data_total) : last.dataTotal;
  const dataProcessed = params ? num(params.data_processed) : last.dataProcessed;
  return { phase: "completed", dataProcessed, dataTotal, dataRemaining: 0, percent: 100 };
}

/** How much of the total is no longer left to send, 0 to 100 (memory pages may be re-sent). */
export function percentOf(total: number, remaining: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor(((total - remaining) / total) * 100)));
}
