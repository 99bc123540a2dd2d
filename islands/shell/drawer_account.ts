// On a phone the top bar has room for the menu button, the brand, search and Tasks only: the
// host switcher and the user menu move to the top of the navigation drawer (components/shell/
// Sidebar.tsx's DRAWER_ACCOUNT_ID), and back to the top bar when the window grows. Moved, not
// copied: their listeners and the language choice's island go with them.

import { DRAWER_ACCOUNT_ID } from "../../components/shell/ids.ts";

/** The phone width of static/shell.css, where the top bar sheds them. */
export const PHONE = "(max-width: 600px)";

/** Where each moved part sat in the top bar: its parent and the node after it. */
interface Home {
  el: Element;
  parent: Node;
  next: Node | null;
}

export function drawerAccount(): void {
  const slot = document.getElementById(DRAWER_ACCOUNT_ID);
  const parts = [".topbar .host-switcher", ".topbar .user-menu"]
    .map((selector) => document.querySelector(selector))
    .filter((el): el is Element => el !== null);
  if (!slot || parts.length === 0) return;
  const homes: Home[] = parts.map((el) => ({ el, parent: el.parentNode!, next: el.nextSibling }));
  const phone = matchMedia(PHONE);
  const place = () => {
    if (phone.matches) {
      for (const { el } of homes) slot.append(el);
    } else {
      // In reverse, so each part's next sibling is back in the top bar before it goes there.
      for (const { el, parent, next } of [...homes].reverse()) parent.insertBefore(el, next);
    }
    slot.hidden = !phone.matches;
  };
  place();
  phone.addEventListener("change", place);
}
