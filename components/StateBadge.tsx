// The coloured VM state label used by pages and islands alike.

import type { VmState } from "../shared/vms.ts";

export const STATE_LABELS: Record<VmState, string> = {
  running: "Running",
  paused: "Paused",
  suspended: "Suspended",
  stopped: "Stopped",
  crashed: "Crashed",
};

export function StateBadge({ state }: { state: VmState }) {
  return <span class={`badge badge-${state}`}>{STATE_LABELS[state] ?? state}</span>;
}
