// The keyboard shortcuts outside the palette: which key sequence goes where, and when a key
// belongs to what has focus instead (a field, a console) so the page must leave it alone.
// Navigation and focus only: no single key changes a VM. Words are keys (tKey), translated where
// the shortcuts dialog shows them.

import { tKey } from "../../shared/i18n/t.ts";

/** Sequences of "g" then a letter, where they go, and what the shortcuts dialog says of it. */
export const GO_TO: Record<string, { href: string; what: string }> = {
  d: { href: "/", what: tKey("Go to dashboard") },
  v: { href: "/vms", what: tKey("Go to virtual machines") },
  n: { href: "/vms/new", what: tKey("Go to the New VM wizard") },
  t: { href: "/tasks", what: tKey("Go to tasks") },
  s: { href: "/storage", what: tKey("Go to storage") },
};

/** The shortcuts as the "Keyboard shortcuts" dialog and the README list them. */
export const SHORTCUT_LIST: { keys: string[][]; what: string }[] = [
  {
    keys: [[tKey("Ctrl"), "K"], ["⌘", "K"]],
    what: tKey("Open the command palette: jump to a VM, page or action"),
  },
  { keys: [["/"]], what: tKey("Search this page (VM list, tree filter), or open the palette") },
  { keys: [["?"]], what: tKey("Show these shortcuts") },
  ...Object.entries(GO_TO).map(([key, { what }]) => ({ keys: [["g", key]], what })),
  { keys: [["Esc"]], what: tKey("Close the palette or a dialog") },
];

/** How long after "g" its second key counts. */
export const SEQUENCE_MS = 1500;

/** The VNC screen and the serial terminal: every key there is the guest's. */
export function inConsole(el: Element | null): boolean {
  return Boolean(el?.closest(".vnc-screen, .serial-screen"));
}

/** Focus where typed characters are text: single-key shortcuts must not fire there. */
export function inField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLElement && el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (el as HTMLInputElement).type;
  return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"]
    .includes(type);
}

/** Ctrl+K, or ⌘K on a Mac. */
export function isPaletteChord(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k";
}

/** A plain key press with no modifier but Shift (for "?"). */
export function isPlainKey(e: KeyboardEvent): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey && e.key.length === 1;
}

/**
 * The page's own search field: the first search box of the main content, else the tree's
 * filter when the side navigation shows; null when neither is on screen.
 */
export function pageSearchField(): HTMLInputElement | null {
  const candidates = [
    ...document.querySelectorAll<HTMLInputElement>("main input[type=search]"),
    ...document.querySelectorAll<HTMLInputElement>(".sidebar .tree-filter input"),
  ];
  return candidates.find((el) =>
    !el.disabled && el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== "hidden"
  ) ?? null;
}
