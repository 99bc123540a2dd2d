// What the command palette offers and how a query picks from it: every page of the side
// navigation, every VM of the page's host with its tabs, the power actions each VM's state
// allows, and "New VM". Pure, so the ranking is unit-tested without a browser.

import type { VmAction, VmState } from "../../shared/vms.ts";
import { canRun } from "../../shared/vm_actions.ts";
import { NAV_GROUPS, NAV_TOP } from "../../components/shell/nav.ts";
import { VM_TABS, vmTabHref } from "../../components/vm/tabs.ts";
import { actionLabel } from "../../components/client/actions.ts";
import { t } from "../../shared/i18n/t.ts";

export type EntryKind = "page" | "vm" | "tab" | "action";

export interface PaletteEntry {
  /** Unique in a list: the option's DOM id is made from it. */
  key: string;
  kind: EntryKind;
  /** What the option says in the page's language, e.g. "Start db" or "web: Console". */
  label: string;
  /** Where choosing it goes; absent for actions. */
  href?: string;
  /** The power action it runs. */
  run?: { vmId: string; vmName: string; action: VmAction };
  /** A VM's state, drawn beside its name. */
  state?: VmState;
}

/** What the palette needs of a VM. */
export interface PaletteVm {
  id: string;
  name: string;
  state: VmState;
}

/** The power actions in the order the palette lists them for one VM. */
const PALETTE_ACTIONS: VmAction[] = [
  "start",
  "stop",
  "resume",
  "reboot",
  "pause",
  "reset",
  "force-stop",
];

/** Shown above the rest while the query is empty. */
export const NEW_VM_HREF = "/vms/new";

/** Every page of the navigation (admin-only ones for admins), and New VM for admins. */
export function pageEntries(admin: boolean): PaletteEntry[] {
  const links = [...NAV_TOP, ...NAV_GROUPS.flatMap((g) => g.links)]
    .filter((l) => admin || !l.admin);
  const pages: PaletteEntry[] = links.map((l) => ({
    key: `page:${l.item}`,
    kind: "page",
    label: l.item === "tasks" ? t("Go to tasks") : t(l.label),
    href: l.href,
  }));
  if (admin) {
    pages.splice(2, 0, { key: "page:new", kind: "page", label: t("New VM"), href: NEW_VM_HREF });
  }
  return pages;
}

/**
 * A VM's entries: its page, its other tabs ("web: Console"), and the actions its state allows
 * when `mayPower` says the caller may power it.
 */
export function vmEntries(vm: PaletteVm, mayPower: boolean): PaletteEntry[] {
  const own: PaletteEntry[] = [{
    key: `vm:${vm.id}`,
    kind: "vm",
    label: vm.name,
    href: vmTabHref(vm.id, "summary"),
    state: vm.state,
  }];
  for (const tab of VM_TABS) {
    if (tab.id === "summary") continue;
    own.push({
      key: `tab:${vm.id}:${tab.id}`,
      kind: "tab",
      label: `${vm.name}: ${t(tab.label)}`,
      href: vmTabHref(vm.id, tab.id),
    });
  }
  if (!mayPower) return own;
  for (const action of PALETTE_ACTIONS) {
    if (!canRun(action, vm.state)) continue;
    own.push({
      key: `action:${vm.id}:${action}`,
      kind: "action",
      label: t("{{action}} {{name}}", { action: actionLabel(action), name: vm.name }),
      run: { vmId: vm.id, vmName: vm.name, action },
    });
  }
  return own;
}

/** The most options a query shows. */
export const SHOWN_AT_MOST = 50;

const KIND_ORDER: Record<EntryKind, number> = { page: 0, vm: 1, action: 2, tab: 3 };

/**
 * How well `label` matches the query's words (lower is better), or null when one word is in
 * no part of it. A label that starts with the query beats one with a word that starts with
 * a query word, which beats a match inside a word.
 */
export function matchScore(label: string, words: string[]): number | null {
  const text = label.toLowerCase();
  const parts = text.split(/[\s:_-]+/);
  let score = 0;
  for (const word of words) {
    if (!text.includes(word)) return null;
    if (parts.some((p) => p === word)) continue;
    score += parts.some((p) => p.startsWith(word)) ? 1 : 2;
  }
  return text.startsWith(words.join(" ")) ? score : score + 3;
}

/**
 * The entries a query shows, best first, at most SHOWN_AT_MOST. An empty query shows pages
 * and VMs only (tabs and actions appear once a word is typed), in their own order.
 */
export function matchEntries(entries: PaletteEntry[], query: string): PaletteEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return entries.filter((e) => e.kind === "page" || e.kind === "vm").slice(0, SHOWN_AT_MOST);
  }
  const scored: { entry: PaletteEntry; score: number; index: number }[] = [];
  entries.forEach((entry, index) => {
    const score = matchScore(entry.label, words);
    if (score !== null) scored.push({ entry, score, index });
  });
  scored.sort((a, b) =>
    a.score - b.score ||
    KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind] ||
    a.index - b.index
  );
  return scored.slice(0, SHOWN_AT_MOST).map((s) => s.entry);
}
