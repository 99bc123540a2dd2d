// A button that opens a menu of actions (WAI-ARIA menu button): aria-haspopup and
// aria-expanded on the button; arrows, Home and End move through the items, Escape closes and
// gives focus back to the button, Tab or a click elsewhere closes. The list is built on opening.

import type { ComponentChildren, RefObject } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { nextMenuIndex, openingIndex } from "./menu_keys.ts";

export interface MenuItem {
  label: ComponentChildren;
  onSelect: () => void;
  /** Shown but not chosen; `title` says why. */
  disabled?: boolean;
  title?: string;
  /** A destructive action: drawn in the danger colour. */
  danger?: boolean;
}

interface Props {
  /** The button's content (text, or an icon with an aria-label). */
  label: ComponentChildren;
  items: MenuItem[];
  /** The button's accessible name when `label` has no text. */
  "aria-label"?: string;
  /** Extra classes on the button, e.g. "button-small". */
  class?: string;
  /** Which edge of the button the menu lines up with. */
  align?: "start" | "end";
  disabled?: boolean;
}

export function MenuButton(
  { label, items, class: extra, align = "start", disabled, ...aria }: Props,
) {
  const id = useId();
  /** The item the open menu first focuses; null while closed. */
  const [openAt, setOpenAt] = useState<number | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const open = openAt !== null;

  const close = (refocus: boolean) => {
    setOpenAt(null);
    if (refocus) button.current?.focus();
  };

  // The list is only in the page while open: a table with a menu per row builds none of them
  // until one is opened.
  return (
    <div class={`menu menu-${align}`} ref={root}>
      <button
        type="button"
        ref={button}
        id={`${id}-button`}
        class={["button", extra].filter(Boolean).join(" ")}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={aria["aria-label"]}
        disabled={disabled}
        onClick={() => (open ? close(false) : setOpenAt(0))}
        onKeyDown={(e) => {
          const at = openingIndex(e.key, items.length);
          if (at === null || e.key === "Enter" || e.key === " ") return; // click opens those
          e.preventDefault();
          setOpenAt(at);
        }}
      >
        {label}
        <span class="menu-caret" aria-hidden="true" />
      </button>
      {open && (
        <MenuList key={openAt} id={id} items={items} first={openAt} root={root} close={close} />
      )}
    </div>
  );
}

/** The open menu: focus on an item, arrows move it, Escape, Tab or a click elsewhere close. */
export function MenuList(
  { id, items, first, root, close }: {
    id: string;
    items: MenuItem[];
    first: number;
    root: RefObject<HTMLDivElement | null>;
    close: (refocus: boolean) => void;
  },
) {
  const [focused, setFocused] = useState(first);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    itemRefs.current[focused]?.focus();
  }, [focused]);

  useEffect(() => {
    const outside = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, []);

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  };

  return (
    <div
      class="menu-list"
      role="menu"
      id={`${id}-menu`}
      aria-labelledby={`${id}-button`}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          close(true);
        } else if (e.key === "Tab") {
          close(false);
        } else {
          const next = nextMenuIndex(e.key, focused, items.length);
          if (next !== focused) {
            e.preventDefault();
            setFocused(next);
          }
        }
      }}
    >
      {items.map((item, i) => (
        <button
          key={i}
          type="button"
          role="menuitem"
          tabIndex={-1}
          ref={(el) => {
            itemRefs.current[i] = el;
          }}
          class={item.danger ? "menu-item menu-item-danger" : "menu-item"}
          aria-disabled={item.disabled || undefined}
          title={item.title}
          onClick={() => choose(item)}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
