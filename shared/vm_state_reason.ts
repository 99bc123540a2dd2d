// Why a VM is in its state, as the API says it (libvirt's state reason: lib/vms/state_reason.ts
// maps it), and the words, tone and next step the pages show for it. Only reasons worth telling
// have a word: a pause by a user, a normal shutdown or a plain boot have none.

import { t, tKey } from "./i18n/t.ts";
import type { VmState } from "./vm_kinds.ts";

/** The reasons the API tells (`stateReason` of a VM and of its `vm-state-changed` events). */
export const VM_STATE_REASONS = [
  // paused
  "internal-error",
  "io-error",
  "migration",
  "save",
  "dump",
  "watchdog",
  "snapshot",
  "from-snapshot",
  "shutting-down",
  "starting-up",
  "postcopy",
  "postcopy-failed",
  "api-error",
  "panicked",
  // stopped
  "crashed",
  "failed",
  "destroyed",
  "migrated",
  "saved",
  "daemon",
] as const;

export type VmStateReason = (typeof VM_STATE_REASONS)[number];

/** A reason in words: `short` beside the state badge, `full` on its own ("Paused: I/O error"). */
export interface ReasonWords {
  short: string;
  full: string;
  /** "warning": something went wrong and wants a look; "info": a step of a known operation. */
  tone: "warning" | "info";
  /** What to do about it, when there is something to do. */
  hint?: string;
}

interface Entry {
  short: string;
  tone: ReasonWords["tone"];
  hint?: string;
}

// One entry per reason; "from-snapshot" and the crash words read by state below.
const ENTRIES: Record<VmStateReason, Entry> = {
  "internal-error": {
    short: tKey("internal error"),
    tone: "warning",
    hint: tKey(
      "QEMU stopped the VM without naming a reason: most often an internal error, such as a KVM emulation failure. The QEMU log tells more. If it happens again, switch the VM to software emulation (TCG) or update the host's kernel and QEMU.",
    ),
  },
  "io-error": {
    short: tKey("I/O error"),
    tone: "warning",
    hint: tKey(
      "A disk could not be written or read. When its storage is full, free space (or grow the pool), then resume the VM.",
    ),
  },
  migration: { short: tKey("migrating"), tone: "info" },
  save: { short: tKey("saving memory"), tone: "info" },
  dump: { short: tKey("dumping memory"), tone: "info" },
  watchdog: {
    short: tKey("watchdog fired"),
    tone: "warning",
    hint: tKey(
      "The guest stopped answering its watchdog. Look at its console, then resume or reset it.",
    ),
  },
  snapshot: { short: tKey("taking a snapshot"), tone: "info" },
  "from-snapshot": { short: tKey("snapshot reverted"), tone: "info" },
  "shutting-down": { short: tKey("shutting down"), tone: "info" },
  "starting-up": { short: tKey("starting up"), tone: "info" },
  postcopy: { short: tKey("post-copy migration"), tone: "info" },
  "postcopy-failed": {
    short: tKey("post-copy migration failed"),
    tone: "warning",
    hint: tKey(
      "Part of the VM's memory is still on the other host. Recover the migration there, or the VM is lost.",
    ),
  },
  "api-error": {
    short: tKey("an operation failed to resume it"),
    tone: "warning",
    hint: tKey("A snapshot, save or migration paused the VM and could not resume it. Resume it."),
  },
  panicked: {
    short: tKey("guest kernel panic"),
    tone: "warning",
    hint: tKey(
      "The guest's kernel panicked. Look at its console or log, then reset or restart it.",
    ),
  },
  crashed: {
    short: tKey("QEMU crashed"),
    tone: "warning",
    hint: tKey(
      "The VM's QEMU process ended unexpectedly (killed, out of memory, or a QEMU fault). The QEMU log tells more. Start the VM again.",
    ),
  },
  failed: {
    short: tKey("failed to start"),
    tone: "warning",
    hint: tKey("libvirt could not start the VM. The QEMU log tells why."),
  },
  destroyed: { short: tKey("forced off"), tone: "info" },
  migrated: { short: tKey("migrated away"), tone: "info" },
  saved: { short: tKey("memory saved"), tone: "info" },
  daemon: {
    short: tKey("stopped by libvirt"),
    tone: "warning",
    hint: tKey("libvirt stopped the VM when it restarted and could not take it back."),
  },
};

/** A state's word for the full text: "Paused: I/O error", "Shut off: forced off". */
const PREFIX: Record<VmState, string> = {
  running: tKey("Running: {{reason}}"),
  paused: tKey("Paused: {{reason}}"),
  suspended: tKey("Suspended: {{reason}}"),
  stopped: tKey("Shut off: {{reason}}"),
  crashed: tKey("Crashed: {{reason}}"),
};

/** True for a word the API may send (an older or newer server may send others). */
export const isVmStateReason = (word: unknown): word is VmStateReason =>
  typeof word === "string" && (VM_STATE_REASONS as readonly string[]).includes(word);

/** The words for `reason` in `state`; null when there is no reason, or one this build does not know. */
export function reasonWords(state: VmState, reason: string | undefined): ReasonWords | null {
  if (!isVmStateReason(reason)) return null;
  const entry = ENTRIES[reason];
  const short = t(entry.short);
  // A stop that is itself the trouble reads as one word: "Crashed", "Failed to start".
  const full = state === "stopped" && reason === "crashed"
    ? t("Crashed")
    : state === "stopped" && reason === "failed"
    ? t("Failed to start")
    : t(PREFIX[state] ?? PREFIX.paused, { reason: short });
  return { short, full, tone: entry.tone, ...(entry.hint ? { hint: t(entry.hint) } : {}) };
}

/** `GET /api/vms/:id/qemu-log` (admins): the end of the VM's QEMU log on its host. */
export interface QemuLogTail {
  /** False when there is none to read: no log yet, or the VM is on a remote host. */
  available: boolean;
  /** The last lines, oldest first. */
  lines: string[];
  /** The log file on the host. */
  path?: string;
  /** True when the log holds more than the lines sent. */
  truncated?: boolean;
  /** Why there is none, when `available` is false for a reason worth saying. */
  note?: string;
}
