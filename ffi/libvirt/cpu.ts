// A guest CPU against what a hypervisor on a host can give (virConnectCompareHypervisorCPU), and
// the CPU several hosts share (virConnectBaselineHypervisorCPU), both for a virt type ("kvm", or
// "qemu" for TCG) and the host's default emulator. The older virConnectCompareCPU and
// virConnectBaselineCPU read the machine's own CPUID, which is not what a TCG guest gets (the
// research in docs/dev/cpu-models-plan.md, 1a).

import type { Connection } from "./connection.ts";
import { check } from "./error.ts";
import { cString, lv } from "./library.ts";
import { takeChecked } from "./returned.ts";

/** VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE: an incompatible CPU is an error (code 91). */
const FAIL_INCOMPATIBLE = 1;
/** VIR_CPU_COMPARE_IDENTICAL (VIR_CPU_COMPARE_SUPERSET is 2). */
const IDENTICAL = 1;

export const BaselineFlags = {
  /** VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES: every feature named, not only those past the model. */
  EXPAND_FEATURES: 1,
  /** VIR_CONNECT_BASELINE_CPU_MIGRATABLE: without features that block migration. */
  MIGRATABLE: 2,
} as const;

/**
 * Whether the host can run a guest with `<cpu>` `cpuXml` under `virtType`: "identical" or
 * "superset" (it can); a LibvirtError with code CPU_INCOMPATIBLE (91) whose message names the
 * missing features when it cannot.
 */
export function compareHypervisorCpu(
  conn: Connection,
  virtType: string,
  cpuXml: string,
): "identical" | "superset" {
  const result = check(
    lv().virConnectCompareHypervisorCPU(
      conn.rawHandle(),
      null,
      null,
      null,
      cString(virtType),
      cString(cpuXml),
      FAIL_INCOMPATIBLE,
    ),
    "virConnectCompareHypervisorCPU",
  );
  // With FAIL_INCOMPATIBLE an incompatible CPU fails (above): what is left is one of these.
  return result === IDENTICAL ? "identical" : "superset";
}

/** The `<cpu>` every CPU of `cpuXmls` can run, under `virtType` on this host (BaselineFlags). */
export function baselineHypervisorCpu(
  conn: Connection,
  virtType: string,
  cpuXmls: string[],
  flags: number,
): string {
  // const char **xmlCPUs: an array of pointers to C strings; `strings` holds them for the
  // (synchronous) call.
  const strings = cpuXmls.map(cString);
  const array = new BigUint64Array(strings.length);
  strings.forEach((s, i) => array[i] = BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(s))));
  const xml = takeChecked(
    lv().virConnectBaselineHypervisorCPU(
      conn.rawHandle(),
      null,
      null,
      null,
      cString(virtType),
      new Uint8Array(array.buffer),
      strings.length,
      flags,
    ),
    "virConnectBaselineHypervisorCPU",
  );
  return xml;
}
