// `kvm-manager top`'s screen as lines of text, pure: exactly `height` lines, none wider than
// `width`, so it fits any terminal from 80×24 up and app.ts only paints them.

import type { VmSummary } from "../../shared/vms.ts";
import { binaryScaled } from "../../shared/format.ts";
import {
  ACTION_WORDS,
  KEY_HELP,
  selectedIndex,
  type SortKey,
  type TopState,
  visibleVms,
} from "./model.ts";

export type LineStyle = "title" | "header" | "selected" | "dim" | "alert" | "plain";
export interface Line {
  text: string;
  style: LineStyle;
}

interface Column {
  key: SortKey | "address";
  title: string;
  width: number;
  right?: boolean;
  cell: (vm: VmSummary) => string;
}

/** A byte rate in four characters or so: "0", "512", "12K", "1.5M", "230M", "2.1G". */
export function rate(bytesPerSecond: number | undefined): string {
  if (bytesPerSecond === undefined) return "-";
  const units = ["", "K", "M", "G", "T"];
  // A step up from 1000 on, so no rate takes more than four characters ("1000" is "1.0K").
  const { value, unit } = binaryScaled(bytesPerSecond, units.length, 1000);
  const digits = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return digits + units[unit];
}

const pair = (a?: number, b?: number) =>
  a === undefined && b === undefined ? "-" : `${rate(a)}/${rate(b)}`;

const mib = (mb: number) => mb < 1024 ? `${mb}M` : `${(mb / 1024).toFixed(mb % 1024 ? 1 : 0)}G`;

const COLUMNS: Column[] = [
  { key: "name", title: "NAME", width: 0, cell: (vm) => vm.name },
  { key: "state", title: "STATE", width: 9, cell: (vm) => vm.state },
  {
    key: "cpu",
    title: "CPU%",
    width: 6,
    right: true,
    cell: (vm) => vm.cpuPercent === undefined ? "-" : vm.cpuPercent.toFixed(1),
  },
  {
    key: "memory",
    title: "MEM",
    width: 12,
    right: true,
    cell: (vm) =>
      `${mib(vm.memoryMb)}${
        vm.memoryPercent === undefined ? "" : ` ${Math.round(vm.memoryPercent)}%`
      }`,
  },
  {
    key: "disk",
    title: "DISK R/W",
    width: 11,
    right: true,
    cell: (vm) => pair(vm.diskReadBps, vm.diskWriteBps),
  },
  {
    key: "net",
    title: "NET RX/TX",
    width: 11,
    right: true,
    cell: (vm) => pair(vm.netRxBps, vm.netTxBps),
  },
];

const ADDRESS: Column = {
  key: "address",
  title: "ADDRESS",
  width: 16,
  cell: (vm) => vm.ipAddresses?.[0] ?? "-",
};

/** The terminal's smallest size the screen is laid out for. */
export const MIN_WIDTH = 80;
export const MIN_HEIGHT = 24;
const NAME_MIN = 12;

const fit = (text: string, width: number, right = false) => {
  const chars = [...text];
  if (chars.length > width) return chars.slice(0, Math.max(0, width - 1)).join("") + "…";
  return right ? text.padStart(width) : text.padEnd(width);
};

/** The columns at this width: the name takes what is left, ADDRESS joins from 100 columns. */
function layout(width: number): Column[] {
  const columns = width >= 100 ? [...COLUMNS.slice(0, 2), ADDRESS, ...COLUMNS.slice(2)] : COLUMNS;
  const fixed = columns.reduce((n, c) => n + c.width + 1, 0);
  const name = Math.max(NAME_MIN, width - fixed);
  return columns.map((c) => c.key === "name" ? { ...c, width: name } : c);
}

const joinCells = (columns: Column[], cells: string[]) =>
  columns.map((c, i) => fit(cells[i], c.width, c.right)).join(" ");

function headerLine(columns: Column[], state: TopState): string {
  const arrow = state.descending ? "▼" : "▲";
  return joinCells(
    columns,
    columns.map((c) => c.key === state.sort ? `${c.title}${arrow}` : c.title),
  );
}

function hostLines(state: TopState, now: Date): string[] {
  const clock = now.toTimeString().slice(0, 8);
  const host = state.host;
  if (!host) return [`kvm-manager top · ${state.error ?? "connecting…"}`, clock];
  const { info, cpuPercent } = host;
  const usedGiB = (info.memoryTotalMb - info.memoryAvailableMb) / 1024;
  const counts = new Map<string, number>();
  for (const vm of state.vms) counts.set(vm.state, (counts.get(vm.state) ?? 0) + 1);
  const byState = [...counts].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${n} ${s}`).join(", ");
  return [
    `${info.hostname} · ${info.hypervisor} · CPU ${
      cpuPercent === null ? "-" : `${cpuPercent.toFixed(1)}%`
    } of ${info.cpuThreads} threads · memory ${usedGiB.toFixed(1)}/${
      (info.memoryTotalMb / 1024).toFixed(1)
    } GiB`,
    `${state.vms.length} VMs${byState ? `: ${byState}` : ""} · ${
      state.error ? `not answering: ${state.error}` : state.live ? "live" : "polling"
    } · ${clock}`,
  ];
}

function footer(state: TopState, shown: number): Line {
  if (state.confirm) {
    const word = ACTION_WORDS[state.confirm.action];
    return {
      text: `${word} ${state.confirm.vm.name}? y to confirm, any other key cancels`,
      style: "alert",
    };
  }
  if (state.editingFilter) {
    return { text: `Filter: ${state.filter}▏ (Enter keeps, Esc clears)`, style: "alert" };
  }
  if (state.message) return { text: state.message, style: "alert" };
  const filtered = state.filter
    ? `filter "${state.filter}": ${shown} of ${state.vms.length} · `
    : "";
  return {
    text: `${filtered}? help  / filter  s start  d shut down  c console  q quit`,
    style: "dim",
  };
}

function helpLines(width: number, height: number): Line[] {
  const lines: Line[] = [
    { text: "kvm-manager top: keys", style: "title" },
    { text: "", style: "plain" },
    ...KEY_HELP.map(([keys, what]) => ({
      text: fit(`  ${keys.padEnd(10)} ${what}`, width),
      style: "plain" as const,
    })),
    { text: "", style: "plain" },
    { text: "Figures are the server's last sample; states change as events arrive.", style: "dim" },
    { text: "Any key goes back.", style: "dim" },
  ];
  return pad(lines, width, height);
}

function pad(lines: Line[], width: number, height: number): Line[] {
  const out = lines.slice(0, height).map((l) => ({ ...l, text: fit(l.text, width).trimEnd() }));
  while (out.length < height) out.push({ text: "", style: "plain" });
  return out;
}

/** The whole screen for a terminal of `width` × `height`; `now` for the clock. */
export function frame(state: TopState, width: number, height: number, now = new Date()): Line[] {
  const w = Math.max(MIN_WIDTH, width);
  const h = Math.max(MIN_HEIGHT, height);
  if (state.help) return helpLines(w, h);
  const columns = layout(w);
  const rows = visibleVms(state);
  const [first, second] = hostLines(state, now);
  const top: Line[] = [
    { text: first, style: "title" },
    { text: second, style: state.error ? "alert" : "dim" },
    { text: headerLine(columns, state), style: "header" },
  ];
  const room = h - top.length - 1;
  const at = selectedIndex(state, rows);
  // The window keeps the selection on screen, scrolling no more than it must.
  const start = Math.max(0, Math.min(at - room + 1, rows.length - room));
  const body: Line[] = rows.slice(start, start + room).map((vm) => ({
    text: joinCells(columns, columns.map((c) => c.cell(vm))),
    style: vm.id === rows[at]?.id ? "selected" : vm.state === "running" ? "plain" : "dim",
  }));
  if (!rows.length) {
    body.push({
      text: state.vms.length ? "No VM matches the filter." : "No VMs on this host.",
      style: "dim",
    });
  }
  const lines = [...top, ...pad(body, w, room), footer(state, rows.length)];
  // A selected row keeps its full width so its highlight runs across the screen.
  return lines.map((l) => ({
    ...l,
    text: l.style === "selected" ? fit(l.text, w) : fit(l.text, w).trimEnd(),
  }));
}
