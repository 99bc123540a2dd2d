// CPU models on a worker thread: a guest CPU compared with what a host can give, and the CPU
// several hosts share (ffi/libvirt/cpu.ts). Each runs on its own thread, so its failure is its
// own error (code 91, CPU_INCOMPATIBLE, names the features a host lacks).

import type { Connection } from "../connection.ts";
import { baselineHypervisorCpu, compareHypervisorCpu } from "../cpu.ts";

export const cpuOps = {
  /** "identical" or "superset"; throws LibvirtError CPU_INCOMPATIBLE when the host cannot. */
  cpuCompare(conn: Connection, virtType: string, cpuXml: string): "identical" | "superset" {
    return compareHypervisorCpu(conn, virtType, cpuXml);
  },

  /** The `<cpu>` all of `cpuXmls` can run (BaselineFlags in ffi/libvirt/cpu.ts). */
  cpuBaseline(conn: Connection, virtType: string, cpuXmls: string[], flags: number): string {
    return baselineHypervisorCpu(conn, virtType, cpuXmls, flags);
  },
};
