// Which power action a VM's header offers as its one primary button, and which go in its More
// menu; the words its confirmations use for the ones that cost the guest unsaved data.

import type { VmAction, VmState } from "../../shared/vms.ts";
import { tKey } from "../../shared/i18n/t.ts";

/** The action the state calls for: Start a stopped VM, Resume a paused one, else Shut down. */
export function primaryAction(state: VmState): VmAction {
  if (state === "paused") return "resume";
  if (state === "stopped" || state === "crashed") return "start";
  return "stop";
}

/** The rarer actions, in the More menu's order. */
export const MENU_ACTIONS: VmAction[] = ["reboot", "reset", "force-stop", "pause"];

/**
 * The words of a confirmation (keys, translated where shown): the button, the dialog's title and
 * its question naming the VM ({{name}}), and why it is asked.
 */
export interface Confirmation {
  title: string;
  heading: string;
  question: string;
  why: string;
}

/** Actions that hit the guest without warning it: asked first, naming the VM. */
export const CONFIRMED: Partial<Record<VmAction, Confirmation>> = {
  reset: {
    title: tKey("Reset"),
    heading: tKey("Reset {{name}}"),
    question: tKey("Reset {{name}}?"),
    why: tKey("The guest is restarted without shutting down; unsaved data is lost."),
  },
  "force-stop": {
    title: tKey("Force stop"),
    heading: tKey("Force stop {{name}}"),
    question: tKey("Force stop {{name}}?"),
    why: tKey(
      "This is like pulling the power plug: the guest gets no chance to shut down and unsaved data is lost.",
    ),
  },
};
