// Lifecycle action button labels; which state allows which action is shared/vm_actions.ts,
// shared with the server so a button is enabled exactly when the API would accept it.

import type { PowerMethod } from "../../shared/guest.ts";
import type { VmAction } from "../../shared/vms.ts";

export { canRun } from "../../shared/vm_actions.ts";

export const ACTION_LABELS: Record<VmAction, string> = {
  start: "Start",
  stop: "Shut down",
  "force-stop": "Force stop",
  pause: "Pause",
  resume: "Resume",
  reboot: "Reboot",
  reset: "Reset",
};

const METHOD_WORDS: Record<PowerMethod, string> = {
  "kvmm-agent": "the KVM Manager agent",
  "qemu-agent": "the QEMU guest agent",
  acpi: "the ACPI power button",
};

/**
 * What a Shut down or Reboot did, from the API's `method` ("Shutdown requested through the QEMU
 * guest agent"); null for other actions or an answer without one.
 */
export function powerMessage(action: VmAction, answer: unknown): string | null {
  if (action !== "stop" && action !== "reboot") return null;
  const method = (answer as { method?: unknown } | null)?.method;
  if (typeof method !== "string" || !Object.hasOwn(METHOD_WORDS, method)) return null;
  const what = action === "stop" ? "Shutdown" : "Reboot";
  return `${what} requested through ${METHOD_WORDS[method as PowerMethod]}`;
}
