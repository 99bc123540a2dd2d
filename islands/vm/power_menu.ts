// Which power action a VM's header offers as its one primary button, and which go in its More
// menu; the words its confirmations use for the ones that cost the guest unsaved data.

import type { VmAction, VmState } from "../../shared/vms.ts";

/** The action the state calls for: Start a stopped VM, Resume a paused one, else Shut down. */
export function primaryAction(state: VmState): VmAction {
  if (state === "paused") return "resume";
  if (state === "stopped" || state === "crashed") return "start";
  return "stop";
}

/** The rarer actions, in the More menu's order. */
export const MENU_ACTIONS: VmAction[] = ["reboot", "reset", "force-stop", "pause"];

/** Actions that hit the guest without warning it: asked first, naming the VM. */
export const CONFIRMED: Partial<Record<VmAction, { title: string; why: string }>> = {
  reset: {
    title: "Reset",
    why: "The guest is restarted without shutting down; unsaved data is lost.",
  },
  "force-stop": {
    title: "Force stop",
    why:
      "This is like pulling the power plug: the guest gets no chance to shut down and unsaved data is lost.",
  },
};
