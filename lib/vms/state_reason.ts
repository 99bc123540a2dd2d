// libvirt's state reason (virDomainGetState's second answer, the bulk stats' `state.reason`) in
// the API's words (shared/vm_state_reason.ts). Only reasons that tell something get a word: a
// pause by a user, a normal shutdown, a boot have none. The enums:
// https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainPausedReason (and
// virDomainShutoffReason, virDomainCrashedReason, virDomainRunningReason beside it).

import { DomainState } from "../../ffi/libvirt/domain.ts";
import type { VmStateReason } from "../../shared/vm_state_reason.ts";

/** virDomainPausedReason → word. USER (1) has none. */
const PAUSED: Record<number, VmStateReason> = {
  // UNKNOWN: QEMU stopped on its own without saying why. libvirt reads QEMU's "internal-error"
  // run state (a KVM emulation failure, for one) as this, and a user's pause is always USER.
  0: "internal-error",
  2: "migration", // MIGRATION
  3: "save", // SAVE
  4: "dump", // DUMP
  5: "io-error", // IOERROR
  6: "watchdog", // WATCHDOG
  7: "from-snapshot", // FROM_SNAPSHOT
  8: "shutting-down", // SHUTTING_DOWN
  9: "snapshot", // SNAPSHOT
  10: "panicked", // CRASHED: the guest panicked (pvpanic) and on_crash says preserve
  11: "starting-up", // STARTING_UP
  12: "postcopy", // POSTCOPY
  13: "postcopy-failed", // POSTCOPY_FAILED
  14: "api-error", // API_ERROR (libvirt 9.2)
};

/** virDomainShutoffReason → word. UNKNOWN (never started) and SHUTDOWN (normal) have none. */
const SHUTOFF: Record<number, VmStateReason> = {
  2: "destroyed", // DESTROYED: forced off
  3: "crashed", // CRASHED: the QEMU process died
  4: "migrated", // MIGRATED
  5: "saved", // SAVED
  6: "failed", // FAILED to start
  7: "from-snapshot", // FROM_SNAPSHOT
  8: "daemon", // DAEMON: killed by libvirtd while reconnecting
};

/** virDomainRunningReason → word, for the two that say something is wrong. */
const RUNNING: Record<number, VmStateReason> = {
  9: "panicked", // CRASHED: running on in a crashed state
  11: "postcopy-failed", // POSTCOPY_FAILED
};

/** The API's word for a virDomainState and its reason; undefined when there is none worth telling. */
export function stateReason(state: number, reason: number): VmStateReason | undefined {
  const table = state === DomainState.PAUSED
    ? PAUSED
    : state === DomainState.SHUTOFF
    ? SHUTOFF
    : state === DomainState.RUNNING
    ? RUNNING
    : state === DomainState.CRASHED
    ? { 1: "panicked" as const } // virDomainCrashedReason PANICKED
    : {};
  return Object.hasOwn(table, reason) ? table[reason] : undefined;
}
