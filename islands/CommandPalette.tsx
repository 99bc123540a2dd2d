// The command palette's entry point in the top bar ("Search or jump to… Ctrl K", an icon alone
// on phones), the palette and the keyboard shortcuts dialog, and the page-wide keys that open
// them. Hydrated on every signed-in page by the shell bundle (islands/entries/shell.ts).

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { Search } from "../components/kit/icons.ts";
import { Icon } from "../components/kit/Icon.tsx";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { PaletteDialog } from "./palette/PaletteDialog.tsx";
import { ShortcutsDialog } from "./palette/ShortcutsDialog.tsx";
import { followPaletteVms } from "./palette/live_vms.ts";
import { useShortcuts } from "./palette/use_shortcuts.ts";
import { t } from "../shared/i18n/t.ts";

export const PALETTE_BUTTON_ID = "palette-button";

export default function CommandPalette(_: Record<string, unknown>) {
  const palette = useRef<HTMLDialogElement>(null);
  const shortcuts = useRef<HTMLDialogElement>(null);
  const mac = useSignal(false);
  const hydrated = useHydrated();
  /** Focus before the palette opened, given back when it closes. */
  const before = useRef<Element | null>(null);

  useEffect(() => {
    mac.value = /Mac|iPhone|iPad/.test(navigator.platform);
  }, []);

  const open = () => {
    const dialog = palette.current;
    if (!dialog || dialog.open) return;
    shortcuts.current?.close();
    before.current = document.activeElement;
    followPaletteVms();
    dialog.showModal();
  };
  const toggle = () => palette.current?.open ? palette.current.close() : open();

  useShortcuts({
    togglePalette: toggle,
    openPalette: open,
    showShortcuts: () => shortcuts.current?.showModal(),
    ownDialogOpen: () => Boolean(palette.current?.open || shortcuts.current?.open),
  });

  const onClose = () => {
    const back = before.current;
    before.current = null;
    // A choice that navigates leaves focus alone: the page is going.
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  };

  return (
    <div class="palette-entry">
      <button
        type="button"
        class="palette-button"
        id={PALETTE_BUTTON_ID}
        aria-haspopup="dialog"
        disabled={!hydrated.value}
        aria-keyshortcuts="Control+K Meta+K"
        title={t("Search or jump to a VM, page or action (keyboard shortcuts: ?)")}
        onClick={open}
      >
        <Icon icon={Search} />
        <span class="palette-button-text">{t("Search or jump to…")}</span>
        <kbd class="palette-button-kbd">{mac.value ? "⌘ K" : `${t("Ctrl")} K`}</kbd>
      </button>
      {/* Drawn once hydrated: closed until then, they would only lengthen every page's HTML. */}
      {hydrated.value && <PaletteDialog dialogRef={palette} onClose={onClose} />}
      {hydrated.value && <ShortcutsDialog dialogRef={shortcuts} />}
    </div>
  );
}
