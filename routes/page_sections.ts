// What a page of a navigation section is rendered with: its title, active item, island bundle
// and stylesheets (routes/pages.tsx).

import type { NavItem, PageEntry } from "../components/Layout.tsx";
import type { PageOptions } from "./page_render.tsx";

export const UPLOT_CSS = "/static/build/uPlot.min.css";
// Forms are styled by the kit (static/kit.css, on every page); wizard.css is the wizard's own.
export const WIZARD_CSS = "/static/wizard.css";
export const STORAGE_STYLES = ["/static/storage.css"];
export const MONITORING_CSS = "/static/monitoring.css";
export const MONITORING_STYLES = [MONITORING_CSS];

/**
 * A page of a section of the navigation; its bundle has the section's name unless given.
 * `title` is already translated (t() in the handler, when the request's language is known).
 */
export function section(
  title: string,
  active: NavItem,
  styles?: string[],
  entry = active as PageEntry,
): PageOptions {
  return { title, active, entry, ...(styles ? { styles } : {}) };
}
