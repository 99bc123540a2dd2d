// A VM's state as a small shape in its state's colour, for dense lists such as the resource
// tree: the shape tells states apart without colour; `stateWord` is for the text beside it.

import type { VmState } from "../../shared/vms.ts";
import { STATE_LABELS } from "../kit/Badge.tsx";
import { t } from "../../shared/i18n/t.ts";

/** The state in words: "Running", "Läuft". */
const stateLabel = (state: VmState) => STATE_LABELS[state] ? t(STATE_LABELS[state]) : state;

const SHAPES: Record<VmState, string> = {
  running: "▶",
  paused: "❚❚",
  suspended: "☾",
  stopped: "■",
  crashed: "✕",
};

/** The state in words, lower case ("running", "läuft"). */
export const stateWord = (state: VmState) => stateLabel(state).toLowerCase();

export function StateIcon({ state }: { state: VmState }) {
  return (
    <span class={`state-icon state-icon-${state}`} aria-hidden="true" title={stateLabel(state)}>
      {SHAPES[state] ?? "?"}
    </span>
  );
}
