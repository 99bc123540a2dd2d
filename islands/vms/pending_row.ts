// A list row after a state event: a VM that stopped has no changes pending any more (its next
// start reads its definition), so its "Changes pending" badge goes with the event.

import type { VmState, VmSummary } from "../../shared/vms.ts";

/** `vm` in state `state`; without `changesPending` once stopped. */
export function withState<T extends VmSummary>(vm: T, state: VmState): T {
  if (state !== "stopped" || !vm.changesPending) return { ...vm, state };
  const { changesPending: _, ...rest } = vm;
  return { ...rest, state } as T;
}
