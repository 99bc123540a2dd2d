// Test helper: a collector reading of one VM with only the figures a test gives (the test driver
// has no usage figures, so alert tests hand readings to the alert check as the collector would).

import type { VmSample } from "../../lib/metrics/sampler.ts";

export function vmSample(
  vmId: string,
  name: string,
  cpu: number | null,
  extra: Partial<VmSample> = {},
): VmSample {
  return {
    vmId,
    name,
    cpu,
    memUsedMb: null,
    memTotalMb: null,
    diskRead: null,
    diskWrite: null,
    netRx: null,
    netTx: null,
    ...extra,
  };
}
