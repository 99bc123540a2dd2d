// The page-wide keys: Ctrl+K (⌘K) toggles the palette anywhere but in a console; "/", "?" and
// "g" then a letter act only when focus is not in a field or console and no other dialog is
// open, so typing is never taken away.

import { useEffect } from "preact/hooks";
import {
  GO_TO,
  inConsole,
  inField,
  isPaletteChord,
  isPlainKey,
  pageSearchField,
  SEQUENCE_MS,
} from "./shortcuts.ts";

interface Handlers {
  togglePalette(): void;
  openPalette(): void;
  showShortcuts(): void;
  /** True while one of the island's own dialogs is open. */
  ownDialogOpen(): boolean;
}

/** Another island's modal (a confirmation, a form) is open: its keys are its own. */
function otherDialogOpen(own: boolean): boolean {
  return !own && document.querySelector("dialog[open]") !== null;
}

export function useShortcuts(h: Handlers): void {
  useEffect(() => {
    let gAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const focus = document.activeElement;
      if (inConsole(focus)) return;
      if (isPaletteChord(e)) {
        if (otherDialogOpen(h.ownDialogOpen())) return;
        e.preventDefault();
        h.togglePalette();
        return;
      }
      if (!isPlainKey(e) || inField(focus) || h.ownDialogOpen() || otherDialogOpen(false)) return;
      const afterG = Date.now() - gAt < SEQUENCE_MS;
      gAt = 0;
      if (afterG && Object.hasOwn(GO_TO, e.key)) {
        e.preventDefault();
        location.assign(GO_TO[e.key].href);
      } else if (e.key === "g") {
        gAt = Date.now();
      } else if (e.key === "?") {
        e.preventDefault();
        h.showShortcuts();
      } else if (e.key === "/") {
        e.preventDefault();
        const field = pageSearchField();
        if (field) field.focus();
        else h.openPalette();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
