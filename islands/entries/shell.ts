// On every page (bundled to static/build/shell.js): the resource tree island, the side
// navigation as a drawer on small screens or a foldable column on wide ones, its groups, the
// user menu, the host switcher that switches on change, the task panel, the command palette and
// its keyboard shortcuts, the user menu's language choice, the toasts of every island of the
// page (the signed-in user's tasks among them), the screen peeks of VM links, and on a phone the
// host switcher and user menu moved into the drawer.

import { h, hydrate } from "preact";
import { SHELL_ISLAND_ATTR, SIDEBAR_ID, USER_MENU_ID } from "../../components/shell/ids.ts";
import CommandPalette from "../CommandPalette.tsx";
import ResourceTree from "../ResourceTree.tsx";
import LanguageChoice from "../shell/LanguageChoice.tsx";
import { screenPeeks } from "../shell/screen_peek.ts";
import { drawerAccount } from "../shell/drawer_account.ts";
import { afterPaint } from "../../components/client/after_paint.ts";
import TaskPanel, { type TaskPanelProps } from "../tasks/TaskPanel.tsx";
import { followTasks } from "../tasks/live.ts";
import { toastOwnTasks } from "../tasks/task_toasts.ts";
import { ToastHost } from "../../components/client/toasts.tsx";
import { store, stored } from "../../components/client/stored.ts";

const SMALL = matchMedia("(max-width: 900px)");
const FOLDED_KEY = "kvmm-sidebar-folded";
const GROUPS_KEY = "kvmm-nav-closed";

const shellIsland = (name: string) =>
  document.querySelector<HTMLElement>(`[${SHELL_ISLAND_ATTR}="${name}"]`);

function hydrateTree() {
  const el = shellIsland("ResourceTree");
  if (el) hydrate(h(ResourceTree, JSON.parse(el.dataset.props ?? "{}")), el);
}

/** The task panel, and toasts for the signed-in user's tasks (only when someone is signed in). */
function taskLog() {
  const el = shellIsland("TaskPanel");
  if (!el) return;
  const props = JSON.parse(el.dataset.props ?? "{}") as TaskPanelProps;
  hydrate(h(TaskPanel, props), el);
  followTasks(toastOwnTasks(props.user, props.servedAt));
}

function commandPalette() {
  const el = shellIsland("CommandPalette");
  if (el) hydrate(h(CommandPalette, {}), el);
}

function languageChoice() {
  const el = shellIsland("LanguageChoice");
  if (el) hydrate(h(LanguageChoice, {}), el);
}

function toasts() {
  const el = shellIsland("ToastHost");
  if (el) hydrate(h(ToastHost, {}), el);
}

/** The menu button: opens the drawer on small screens, folds the column on wide ones. */
function sideNavigation() {
  const button = document.getElementById("menu-button");
  const sidebar = document.getElementById(SIDEBAR_ID);
  if (!button || !sidebar) return;
  const body = document.body;
  const drawerOpen = () => body.classList.contains("drawer-open");
  const sync = () => {
    const shown = SMALL.matches ? drawerOpen() : !body.classList.contains("sidebar-folded");
    button.setAttribute("aria-expanded", String(shown));
  };
  const closeDrawer = (focusButton: boolean) => {
    if (!drawerOpen()) return;
    body.classList.remove("drawer-open");
    sync();
    if (focusButton) button.focus();
  };
  body.classList.toggle("sidebar-folded", stored(FOLDED_KEY) === "1");
  sync();
  button.addEventListener("click", () => {
    if (SMALL.matches) {
      body.classList.toggle("drawer-open");
      sync();
      if (drawerOpen()) sidebar.querySelector<HTMLElement>("a, button, input")?.focus();
    } else {
      const folded = body.classList.toggle("sidebar-folded");
      store(FOLDED_KEY, folded ? "1" : "0");
      sync();
    }
  });
  SMALL.addEventListener("change", () => {
    body.classList.remove("drawer-open");
    sync();
  });
  document.addEventListener("keydown", (e) => {
    if (!drawerOpen()) return;
    if (e.key === "Escape") closeDrawer(true);
    // A dialog or the palette opened over the drawer keeps its own Tab order.
    const over = (document.activeElement as Element | null)?.closest("dialog[open]");
    if (e.key === "Tab" && !over) keepFocusIn([button, ...focusables(sidebar)], e);
  });
  document.addEventListener("click", (e) => {
    const target = e.target as Element;
    if (!drawerOpen() || button.contains(target)) return;
    if (!sidebar.contains(target) || target.closest("a")) closeDrawer(false);
  });
}

/** What Tab can reach inside `root`, in order. */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>("a[href], button, input, select, [tabindex]")]
    .filter((el) => !el.hasAttribute("disabled") && el.tabIndex >= 0 && el.offsetParent !== null);
}

/**
 * While the drawer is open Tab goes round its links and the menu button that closes it, as in
 * a dialog: the page behind it is covered and must not take the focus.
 */
function keepFocusIn(ring: HTMLElement[], e: KeyboardEvent) {
  if (ring.length === 0) return;
  e.preventDefault();
  const at = ring.indexOf(document.activeElement as HTMLElement);
  const step = e.shiftKey ? -1 : 1;
  const next = at === -1 ? (e.shiftKey ? ring.length - 1 : 0) : at + step;
  ring[(next + ring.length) % ring.length].focus();
}

/** Group headings fold their links; which are folded is remembered. */
function navGroups() {
  let closed: string[] = [];
  try {
    closed = JSON.parse(stored(GROUPS_KEY) ?? "[]");
  } catch { /* a damaged value: all open */ }
  for (const button of document.querySelectorAll<HTMLButtonElement>(".nav-group-toggle")) {
    const list = document.getElementById(button.getAttribute("aria-controls") ?? "");
    const group = button.dataset.group ?? "";
    if (!list) continue;
    const set = (open: boolean) => {
      list.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
    };
    set(!closed.includes(group));
    button.addEventListener("click", () => {
      const open = Boolean(list.hidden);
      set(open);
      closed = open ? closed.filter((g) => g !== group) : [...closed, group];
      store(GROUPS_KEY, JSON.stringify(closed));
    });
  }
}

function userMenu() {
  const button = document.getElementById("user-menu-button");
  const panel = document.getElementById(USER_MENU_ID);
  if (!button || !panel) return;
  const set = (open: boolean) => {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
  };
  button.addEventListener("click", () => {
    set(Boolean(panel.hidden));
    if (!panel.hidden) panel.querySelector<HTMLElement>("button")?.focus();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !panel.hidden) {
      set(false);
      button.focus();
    }
  });
  document.addEventListener("click", (e) => {
    const target = e.target as Node;
    if (!panel.hidden && !panel.contains(target) && !button.contains(target)) set(false);
  });
}

function hostSwitcher() {
  const select = document.querySelector<HTMLSelectElement>(".host-switcher select");
  select?.addEventListener("change", () => select.form?.submit());
}

// The navigation's folds at once (the page must not move once drawn); the islands after the
// page's first frame, so the page's content is on screen before their work starts.
sideNavigation();
navGroups();
userMenu();
hostSwitcher();
drawerAccount();
afterPaint(() => {
  toasts();
  commandPalette();
  hydrateTree();
  taskLog();
  languageChoice();
  screenPeeks();
});
