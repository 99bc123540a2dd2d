// `kvm-manager top`'s state and what each key does to it, pure: the screen (screen.ts) draws it,
// the controller (controller.ts) feeds it the API's answers and events and carries out the
// actions it asks for.

import type { HostEvent } from "../../shared/events.ts";
import type { HostInfo } from "../../shared/host.ts";
import { actionRefusal } from "../../shared/vm_actions.ts";
import type { VmSummary } from "../../shared/vms.ts";

/** The columns a user may sort by, in screen order. */
export const SORT_KEYS = ["name", "state", "cpu", "memory", "disk", "net"] as const;
export type SortKey = typeof SORT_KEYS[number];

/** What a confirmed key asks the controller to do with the selected VM. */
export type TopAction = "start" | "stop" | "console";

export const ACTION_WORDS: Record<TopAction, string> = {
  start: "Start",
  stop: "Shut down",
  console: "Open the serial console of",
};

/** The host line's figures; null until the first answer. */
export interface HostFigures {
  info: HostInfo;
  /** % of all host threads at the collector's last tick; null until sampled. */
  cpuPercent: number | null;
}

export interface TopState {
  vms: VmSummary[];
  host: HostFigures | null;
  /** The event stream is open (state changes arrive at once) or not (the list is polled). */
  live: boolean;
  /** Why the last refresh failed; null while the server answers. */
  error: string | null;
  sort: SortKey;
  descending: boolean;
  filter: string;
  editingFilter: boolean;
  /** The selected VM by UUID, so a re-sort or refresh keeps it. */
  selectedId: string | null;
  confirm: { action: TopAction; vm: { id: string; name: string } } | null;
  help: boolean;
  /** The last action's outcome or refusal, until the next key. */
  message: string | null;
}

export const initialState = (): TopState => ({
  vms: [],
  host: null,
  live: false,
  error: null,
  sort: "name",
  descending: false,
  filter: "",
  editingFilter: false,
  selectedId: null,
  confirm: null,
  help: false,
  message: null,
});

/** A key as the terminal library reports it: the text typed and the special keys' flags. */
export interface KeyPress {
  input: string;
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
}

export type Effect =
  | { type: "quit" }
  | { type: "action"; action: TopAction; vm: { id: string; name: string } };

/** Reading order for each column: names A–Z, the busiest first for the figures. */
const DESCENDING_FIRST: Record<SortKey, boolean> = {
  name: false,
  state: false,
  cpu: true,
  memory: true,
  disk: true,
  net: true,
};

const STATE_ORDER = ["running", "paused", "suspended", "crashed", "stopped"];
const sum = (a?: number, b?: number) =>
  a === undefined && b === undefined ? -1 : (a ?? 0) + (b ?? 0);

const SORT_VALUE: Record<SortKey, (vm: VmSummary) => number | string> = {
  name: (vm) => vm.name.toLowerCase(),
  state: (vm) => STATE_ORDER.indexOf(vm.state),
  cpu: (vm) => vm.cpuPercent ?? -1,
  memory: (vm) => vm.memoryMb,
  disk: (vm) => sum(vm.diskReadBps, vm.diskWriteBps),
  net: (vm) => sum(vm.netRxBps, vm.netTxBps),
};

/** Whether `vm` matches the filter: its name, state, addresses, tags or OS contain the text. */
export function matches(vm: VmSummary, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  const hay = [vm.name, vm.state, vm.os ?? "", ...(vm.ipAddresses ?? []), ...(vm.tags ?? [])];
  return hay.some((s) => s.toLowerCase().includes(needle));
}

/** The VMs on screen: filtered, then sorted (ties by name, so the order never jumps). */
export function visibleVms(state: TopState): VmSummary[] {
  const value = SORT_VALUE[state.sort];
  const sign = state.descending ? -1 : 1;
  return state.vms.filter((vm) => matches(vm, state.filter)).sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x !== y) return (x < y ? -1 : 1) * sign;
    return a.name.localeCompare(b.name);
  });
}

/** The selected VM among the visible ones: the remembered one, else the first. */
export function selectedIndex(state: TopState, rows = visibleVms(state)): number {
  const i = rows.findIndex((vm) => vm.id === state.selectedId);
  return i >= 0 ? i : 0;
}

/** A fresh VM list from the API; the selection stays on its VM while that VM is listed. */
export function withVms(state: TopState, vms: VmSummary[]): TopState {
  return { ...state, vms, error: null };
}

/**
 * An event from the stream: a state change shows at once (the next poll brings the figures);
 * a deleted VM leaves. Creations wait for the refresh the controller asks for.
 */
export function withEvent(state: TopState, event: HostEvent): TopState {
  switch (event.type) {
    case "vm-state-changed":
      return {
        ...state,
        vms: state.vms.map((vm) =>
          vm.id === event.id
            ? {
              ...vm,
              state: event.state,
              ...(event.state === "running" ? {} : {
                cpuPercent: undefined,
                diskReadBps: undefined,
                diskWriteBps: undefined,
                netRxBps: undefined,
                netTxBps: undefined,
              }),
            }
            : vm
        ),
      };
    case "vm-deleted":
      return { ...state, vms: state.vms.filter((vm) => vm.id !== event.id) };
    default:
      return state;
  }
}

const move = (state: TopState, rows: VmSummary[], to: number): TopState => {
  if (!rows.length) return state;
  const i = Math.max(0, Math.min(rows.length - 1, to));
  return { ...state, selectedId: rows[i].id };
};

/** Sorting by `key`: the same key again turns the order round. */
export function sortedBy(state: TopState, key: SortKey): TopState {
  if (state.sort === key) return { ...state, descending: !state.descending };
  return { ...state, sort: key, descending: DESCENDING_FIRST[key] };
}

/** Asks to confirm `action` on the selected VM, or says why its state refuses it. */
function ask(state: TopState, rows: VmSummary[], action: TopAction): TopState {
  const vm = rows[selectedIndex(state, rows)];
  if (!vm) return { ...state, message: "No VM is selected" };
  const refusal = action === "console"
    ? (vm.state === "running" || vm.state === "paused" ? null : "VM is not running")
    : actionRefusal(action, vm.state);
  if (refusal) return { ...state, message: `${vm.name}: ${refusal}` };
  return { ...state, confirm: { action, vm: { id: vm.id, name: vm.name } } };
}

/**
 * The single keys in what the terminal delivered at once: a burst of typed characters (a quick
 * typist, a paste, an SSH link that batches) is one key each; a special key stays whole.
 */
export function splitKeys(key: KeyPress): KeyPress[] {
  const chars = [...key.input];
  const special = key.ctrl || key.escape || key.return || key.upArrow || key.downArrow ||
    key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end ||
    key.backspace || key.delete;
  if (chars.length < 2 || special) return [key];
  return chars.map((input) => ({ input }));
}

/** What `key` does in `state`; `page` is how many rows one screen shows. */
export function pressKey(
  state: TopState,
  key: KeyPress,
  page = 10,
): { state: TopState; effect?: Effect } {
  if (key.ctrl && key.input === "c") return { state, effect: { type: "quit" } };
  const s: TopState = { ...state, message: null };
  if (s.confirm) {
    const yes = key.input === "y" || key.input === "Y";
    return yes
      ? { state: { ...s, confirm: null }, effect: { type: "action", ...s.confirm } }
      : { state: { ...s, confirm: null, message: "Cancelled" } };
  }
  if (s.editingFilter) {
    if (key.return) return { state: { ...s, editingFilter: false } };
    if (key.escape) return { state: { ...s, editingFilter: false, filter: "" } };
    if (key.backspace || key.delete) return { state: { ...s, filter: s.filter.slice(0, -1) } };
    const text = [...key.input].filter((ch) => ch >= " " && ch !== "\x7f").join("");
    if (!text || key.ctrl) return { state: s };
    return { state: { ...s, filter: (s.filter + text).slice(0, 64) } };
  }
  if (s.help) return { state: { ...s, help: false } };
  const rows = visibleVms(s);
  const at = selectedIndex(s, rows);
  const sortAt = SORT_KEYS.indexOf(s.sort);
  if (key.upArrow || key.input === "k") return { state: move(s, rows, at - 1) };
  if (key.downArrow || key.input === "j") return { state: move(s, rows, at + 1) };
  if (key.pageUp) return { state: move(s, rows, at - page) };
  if (key.pageDown) return { state: move(s, rows, at + page) };
  if (key.home || key.input === "g") return { state: move(s, rows, 0) };
  if (key.end || key.input === "G") return { state: move(s, rows, rows.length - 1) };
  if (key.leftArrow || key.rightArrow) {
    const step = key.leftArrow ? SORT_KEYS.length - 1 : 1;
    const next = SORT_KEYS[(sortAt + step) % SORT_KEYS.length];
    return { state: { ...s, sort: next, descending: DESCENDING_FIRST[next] } };
  }
  const digit = Number(key.input);
  if (key.input.length === 1 && digit >= 1 && digit <= SORT_KEYS.length) {
    return { state: sortedBy(s, SORT_KEYS[digit - 1]) };
  }
  switch (key.input) {
    case "q":
      return { state: s, effect: { type: "quit" } };
    case "r":
      return { state: { ...s, descending: !s.descending } };
    case "/":
      return { state: { ...s, editingFilter: true } };
    case "?":
    case "h":
      return { state: { ...s, help: true } };
    case "s":
      return { state: ask(s, rows, "start") };
    case "d":
      return { state: ask(s, rows, "stop") };
    case "c":
      return { state: ask(s, rows, "console") };
  }
  if (key.escape && s.filter) return { state: { ...s, filter: "" } };
  return { state: s };
}

/** The keys, for the help screen and the README. */
export const KEY_HELP: [string, string][] = [
  ["↑ ↓  j k", "select a VM (PgUp PgDn, g G: page, first, last)"],
  ["← →", "sort by the previous or next column"],
  ["1–6", "sort by NAME, STATE, CPU%, MEM, DISK, NET (again: reverse)"],
  ["r", "reverse the order"],
  ["/", "filter by name, state, address, tag or OS (Enter keeps, Esc clears)"],
  ["s", "start the selected VM (asks first)"],
  ["d", "shut it down: ACPI, as the guest allows (asks first)"],
  ["c", "its serial console (asks first; Ctrl+a t comes back here)"],
  ["?", "this help (any key closes it)"],
  ["q", "quit (Ctrl+C too)"],
];
