// The side navigation: the first links, the resource tree (an island of its own bundle,
// islands/entries/shell.ts) and the grouped sections. A column on wide screens that can be
// folded away, a drawer on small ones (static/shell.css, opened from the top bar's menu button).

import type { Identity } from "../../shared/auth.ts";
import { DRAWER_ACCOUNT_ID, SHELL_ISLAND_ATTR, SIDEBAR_ID } from "../../components/shell/ids.ts";
import ResourceTree, { type TreeHost } from "../../islands/ResourceTree.tsx";
import { NAV_GROUPS, NAV_TOP, type NavItem, type NavLink } from "../../components/shell/nav.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  active?: NavItem;
  identity?: Identity;
  /** Alerts firing now, counted beside the Alerts link. */
  activeAlerts: number;
  tree: { hosts: TreeHost[]; current: string; path: string };
}

export function Sidebar({ active, identity, activeAlerts, tree }: Props) {
  const admin = !identity || identity.role === "admin";
  const visible = (links: NavLink[]) => links.filter((l) => admin || !l.admin);
  const link = ({ item, href, label }: NavLink) => (
    <li key={item}>
      <a class="nav-link" href={href} aria-current={active === item ? "page" : undefined}>
        {t(label)}
        {item === "alerts" && activeAlerts > 0 && (
          <>
            {" "}
            <span class="nav-count">({activeAlerts})</span>
          </>
        )}
      </a>
    </li>
  );
  return (
    <aside class="sidebar" id={SIDEBAR_ID} aria-label={t("Navigation")}>
      <div class="drawer-account" id={DRAWER_ACCOUNT_ID} hidden />
      <nav aria-label={t("Main")}>
        <ul class="nav-list">{NAV_TOP.map(link)}</ul>
        <section class="nav-group nav-tree" aria-label={t("Resources")}>
          <h2 class="nav-heading">{t("Resources")}</h2>
          <div {...{ [SHELL_ISLAND_ATTR]: "ResourceTree" }} data-props={JSON.stringify(tree)}>
            <ResourceTree {...tree} />
          </div>
        </section>
        {NAV_GROUPS.map(({ label, links }) => {
          const shown = visible(links);
          if (shown.length === 0) return null;
          const id = `nav-group-${label.toLowerCase()}`;
          return (
            <section key={label} class="nav-group">
              <h2 class="nav-heading">
                <button
                  type="button"
                  class="nav-group-toggle"
                  aria-expanded="true"
                  aria-controls={id}
                  data-group={label}
                >
                  <span class="tree-chevron" aria-hidden="true" />
                  {t(label)}
                </button>
              </h2>
              <ul class="nav-list" id={id}>{shown.map(link)}</ul>
            </section>
          );
        })}
      </nav>
    </aside>
  );
}
