// Lifecycle action button labels (keys: shown through actionLabel, or t() where shown); which
// state allows which action is shared/vm_actions.ts, shared with the server so a button is
// enabled exactly when the API would accept it.

import type { PowerMethod } from "../../shared/guest.ts";
import type { VmAction } from "../../shared/vms.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

export { canRun } from "../../shared/vm_actions.ts";

export const ACTION_LABELS: Record<VmAction, string> = {
  start: tKey("Start"),
  stop: tKey("Shut down"),
  "force-stop": tKey("Force stop"),
  pause: tKey("Pause"),
  resume: tKey("Resume"),
  reboot: tKey("Reboot"),
  reset: tKey("Reset"),
};

/** A lifecycle action's label in the current language: "Shut down", "Herunterfahren". */
export const actionLabel = (action: VmAction): string => t(ACTION_LABELS[action]);

// Whole sentences per action and method, so each language words them its own way.
const POWER_MESSAGES: Record<"stop" | "reboot", Record<PowerMethod, string>> = {
  stop: {
    "kvmm-agent": tKey("Shutdown requested through the KVM Manager agent"),
    "qemu-agent": tKey("Shutdown requested through the QEMU guest agent"),
    acpi: tKey("Shutdown requested through the ACPI power button"),
  },
  reboot: {
    "kvmm-agent": tKey("Reboot requested through the KVM Manager agent"),
    "qemu-agent": tKey("Reboot requested through the QEMU guest agent"),
    acpi: tKey("Reboot requested through the ACPI power button"),
  },
};

/**
 * What a Shut down or Reboot did, from the API's `method` ("Shutdown requested through the QEMU
 * guest agent"); null for other actions or an answer without one.
 */
export function powerMessage(action: VmAction, answer: unknown): string | null {
  if (action !== "stop" && action !== "reboot") return null;
  const method = (answer as { method?: unknown } | null)?.method;
  const messages = POWER_MESSAGES[action];
  if (typeof method !== "string" || !Object.hasOwn(messages, method)) return null;
  return t(messages[method as PowerMethod]);
}
