// The HTML document around every page: head, navigation and connection banners.

import type { ComponentChildren } from "preact";
import type { ConnectionStatus } from "../lib/types.ts";

export type PageEntry =
  | "list"
  | "details"
  | "console"
  | "create"
  | "templates"
  | "storage"
  | "networks"
  | "dashboard"
  | "alerts"
  | "insights"
  | "settings"
  | "schedules"
  | "backups";
export type NavItem =
  | "dashboard"
  | "vms"
  | "templates"
  | "storage"
  | "networks"
  | "alerts"
  | "insights"
  | "settings"
  | "schedules"
  | "backups";

const NAV: { item: NavItem; href: string; label: string }[] = [
  { item: "dashboard", href: "/", label: "Dashboard" },
  { item: "vms", href: "/vms", label: "Virtual machines" },
  { item: "templates", href: "/templates", label: "Templates" },
  { item: "storage", href: "/storage", label: "Storage" },
  { item: "networks", href: "/networks", label: "Networks" },
  { item: "backups", href: "/backups", label: "Backups" },
  { item: "schedules", href: "/schedules", label: "Schedules" },
  { item: "alerts", href: "/alerts", label: "Alerts" },
  { item: "insights", href: "/insights", label: "Insights" },
  { item: "settings", href: "/settings", label: "Settings" },
];

interface Props {
  title: string;
  active?: NavItem;
  demo: boolean;
  connection: ConnectionStatus;
  /** Alerts firing now, counted beside the Alerts link. */
  activeAlerts: number;
  /** The island bundle this page hydrates with (static/build/<entry>.js); none for static pages. */
  entry?: PageEntry;
  /** Extra stylesheets, e.g. uPlot's on the pages that draw charts, wizard.css on forms. */
  styles?: string[];
  wide?: boolean;
  children: ComponentChildren;
}

export function Layout(
  { title, active, demo, connection, activeAlerts, entry, styles = [], wide = false, children }:
    Props,
) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} · KVM Manager`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        {styles.map((href) => <link key={href} rel="stylesheet" href={href} />)}
        {entry && <script type="module" src={`/static/build/${entry}.js`} />}
      </head>
      <body>
        <header class="topbar">
          <a class="brand" href="/">KVM Manager</a>
          <nav aria-label="Main">
            {NAV.map(({ item, href, label }) => (
              <a key={item} href={href} aria-current={active === item ? "page" : undefined}>
                {item === "alerts" && activeAlerts > 0 ? `${label} (${activeAlerts})` : label}
              </a>
            ))}
          </nav>
          <span class="topbar-uri" title="libvirt connection URI">{connection.uri}</span>
        </header>
        {demo && (
          <div class="banner banner-demo" role="note">
            Demo mode: connected to libvirt's built-in test driver (test:///default) — no real VMs
            are touched
          </div>
        )}
        {!connection.connected && (
          <div class="banner banner-error" role="alert">
            Not connected to libvirt ({connection.uri})
            {connection.error ? `: ${connection.error}` : ""}
          </div>
        )}
        <main class={wide ? "main main-wide" : "main"}>{children}</main>
      </body>
    </html>
  );
}
