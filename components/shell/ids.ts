// The ids and attributes the layout renders and the shell's script (islands/entries/shell.ts)
// finds: one place, so neither side imports the other.

export const SIDEBAR_ID = "sidebar";

/** Where a phone's drawer takes the top bar's host switcher and user menu (islands/shell/drawer_account.ts). */
export const DRAWER_ACCOUNT_ID = "drawer-account";

/**
 * The mount of the shell bundle's islands (the tree, the task panel, the toasts): not
 * `data-island`, so a page's own hydrateIslands passes them by.
 */
export const SHELL_ISLAND_ATTR = "data-shell-island";

export const USER_MENU_ID = "user-menu";
