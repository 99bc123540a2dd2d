// Which lifecycle action a VM's state allows, with the API's refusal words. Pure: the
// server checks requests with it and the islands enable their buttons with it.

import type { VmAction, VmState } from "./vms.ts";

const notRunning = (s: VmState) => s === "running" ? null : "VM is not running";

const RULES: Record<VmAction, (state: VmState) => string | null> = {
  // A PM-suspended VM is still active, so libvirt would refuse to start it too.
  start: (s) =>
    s === "running" || s === "paused" || s === "suspended" ? "VM is already running" : null,
  stop: notRunning,
  "force-stop": (s) => s === "stopped" ? "VM is not running" : null,
  pause: (s) => s === "paused" ? "VM is already paused" : notRunning(s),
  resume: (s) => s === "paused" ? null : "VM is not paused",
  reboot: notRunning,
  reset: notRunning,
};

/** Why `action` is refused in `state`, or null when it may go ahead. */
export function actionRefusal(action: VmAction, state: VmState): string | null {
  return RULES[action](state);
}

/** True when `action` may go ahead in `state`. */
export function canRun(action: VmAction, state: VmState): boolean {
  return actionRefusal(action, state) === null;
}
