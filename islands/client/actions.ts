// Lifecycle action button labels; which state allows which action is lib/vm_actions.ts,
// shared with the server so a button is enabled exactly when the API would accept it.

import type { VmAction } from "../../lib/types.ts";

export { canRun } from "../../lib/vm_actions.ts";

export const ACTION_LABELS: Record<VmAction, string> = {
  start: "Start",
  stop: "Shut down",
  "force-stop": "Force stop",
  pause: "Pause",
  resume: "Resume",
  reboot: "Reboot",
  reset: "Reset",
};
