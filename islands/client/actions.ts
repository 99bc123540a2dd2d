// Which lifecycle actions make sense in which VM state, and their button labels.

import type { VmAction, VmState } from "../../lib/types.ts";

export const ACTION_LABELS: Record<VmAction, string> = {
  start: "Start",
  stop: "Shut down",
  "force-stop": "Force stop",
  pause: "Pause",
  resume: "Resume",
  reboot: "Reboot",
  reset: "Reset",
};

// Buttons only follow libvirt's rules loosely; the API has the last word (409 → toast).
const ALLOWED: Record<VmAction, readonly VmState[]> = {
  start: ["stopped", "crashed"],
  stop: ["running"],
  "force-stop": ["running", "paused", "suspended", "crashed"],
  pause: ["running"],
  resume: ["paused"],
  reboot: ["running"],
  reset: ["running", "paused"],
};

export function canRun(action: VmAction, state: VmState): boolean {
  return ALLOWED[action].includes(state);
}
