// Turns polled cumulative VmStats into a fixed-length time series of values and rates.

import type { VmStats } from "../../lib/types.ts";

/** Column arrays in uPlot's layout: time in seconds, then one array per series. */
export interface Series {
  t: number[];
  cpu: (number | null)[];
  mem: (number | null)[];
  diskRead: (number | null)[];
  diskWrite: (number | null)[];
  netRx: (number | null)[];
  netTx: (number | null)[];
}

export class StatsSeries {
  readonly data: Series = {
    t: [],
    cpu: [],
    mem: [],
    diskRead: [],
    diskWrite: [],
    netRx: [],
    netTx: [],
  };
  #prev: VmStats | null = null;

  constructor(readonly maxPoints = 60) {}

  /** Adds one sample; rates need two, so the first point of a run has null rates. */
  push(s: VmStats): void {
    const prev = this.#prev;
    const dt = prev ? (s.timestamp - prev.timestamp) / 1000 : 0;
    if (prev && dt <= 0) return;
    this.#prev = s;
    // A counter that went down means the VM restarted: no rate for that interval.
    const rate = (now: number, before: number | undefined) =>
      before === undefined || now < before ? null : (now - before) / dt;
    const d = this.data;
    d.t.push(s.timestamp / 1000);
    d.cpu.push(s.cpuUsagePercent);
    d.mem.push(s.memoryUsedMb);
    d.diskRead.push(rate(s.diskReadBytes, prev?.diskReadBytes));
    d.diskWrite.push(rate(s.diskWriteBytes, prev?.diskWriteBytes));
    d.netRx.push(rate(s.networkRxBytes, prev?.networkRxBytes));
    d.netTx.push(rate(s.networkTxBytes, prev?.networkTxBytes));
    if (d.t.length > this.maxPoints) {
      for (const column of Object.values(d)) column.shift();
    }
  }
}
