// A VM's state as a small shape in its state's colour, for dense lists such as the resource
// tree: the shape tells states apart without colour; `stateWord` is for the text beside it.

import type { VmState } from "../../shared/vms.ts";
import { STATE_LABELS } from "../kit/Badge.tsx";

const SHAPES: Record<VmState, string> = {
  running: "▶",
  paused: "❚❚",
  suspended: "☾",
  stopped: "■",
  crashed: "✕",
};

/** The state in words, lower case ("running"). */
export const stateWord = (state: VmState) => (STATE_LABELS[state] ?? state).toLowerCase();

export function StateIcon({ state }: { state: VmState }) {
  return (
    <span class={`state-icon state-icon-${state}`} aria-hidden="true" title={STATE_LABELS[state]}>
      {SHAPES[state] ?? "?"}
    </span>
  );
}
