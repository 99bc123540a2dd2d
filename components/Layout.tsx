// The HTML document around every page: head, navigation and connection banners.

import type { ComponentChildren } from "preact";
import type { Identity } from "../lib/auth/types.ts";
import type { ConnectionStatus } from "../lib/types.ts";
import { LibvirtBanner } from "../islands/ConnectionBanner.tsx";

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
  | "backups"
  | "audit"
  | "access";
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
  | "backups"
  | "audit"
  | "access";

/** `admin`: shown to admins only (the routes refuse everyone else anyway). */
const NAV: { item: NavItem; href: string; label: string; admin?: boolean }[] = [
  { item: "dashboard", href: "/", label: "Dashboard" },
  { item: "vms", href: "/vms", label: "Virtual machines" },
  { item: "templates", href: "/templates", label: "Templates" },
  { item: "storage", href: "/storage", label: "Storage" },
  { item: "networks", href: "/networks", label: "Networks" },
  { item: "backups", href: "/backups", label: "Backups" },
  { item: "schedules", href: "/schedules", label: "Schedules" },
  { item: "alerts", href: "/alerts", label: "Alerts" },
  { item: "insights", href: "/insights", label: "Insights" },
  { item: "settings", href: "/settings", label: "Settings", admin: true },
  { item: "access", href: "/access", label: "Access", admin: true },
  { item: "audit", href: "/audit", label: "Audit", admin: true },
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
  /** The signed-in caller; the page hides what its role cannot do. */
  identity?: Identity;
  /** The session's CSRF token, which islands send with every change. */
  csrf?: string;
  /** Why the app store is unusable (degraded mode), shown on every page. */
  degraded?: string | null;
  children: ComponentChildren;
}

export function Layout(
  {
    title,
    active,
    demo,
    connection,
    activeAlerts,
    entry,
    styles = [],
    wide = false,
    identity,
    csrf,
    degraded,
    children,
  }: Props,
) {
  const admin = !identity || identity.role === "admin";
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} · KVM Manager`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/static/auth.css" />
        {styles.map((href) => <link key={href} rel="stylesheet" href={href} />)}
        {identity && <meta name="kvmm-role" content={identity.role} />}
        {identity && (
          <meta
            name="kvmm-vms"
            content={identity.vms === "*" ? "*" : identity.vms.join(",")}
          />
        )}
        {csrf && <meta name="kvmm-csrf" content={csrf} />}
        {entry && <script type="module" src={`/static/build/${entry}.js`} />}
        <script type="module" src="/static/build/connection.js" />
        {identity && <script type="module" src="/static/build/session.js" />}
      </head>
      <body data-role={identity?.role}>
        <header class="topbar">
          <a class="brand" href="/">KVM Manager</a>
          <nav aria-label="Main">
            {NAV.filter((n) => admin || !n.admin).map(({ item, href, label }) => (
              <a key={item} href={href} aria-current={active === item ? "page" : undefined}>
                {item === "alerts" && activeAlerts > 0 ? `${label} (${activeAlerts})` : label}
              </a>
            ))}
          </nav>
          <span class="topbar-uri" title="libvirt connection URI">{connection.uri}</span>
          {identity && (
            <span class="topbar-user">
              <span title={`Signed in as ${identity.user} (${identity.role})`}>
                {identity.user} · {identity.role}
              </span>
              <button type="button" class="button button-small" id="sign-out">Sign out</button>
            </span>
          )}
        </header>
        {demo && (
          <div class="banner banner-demo" role="note">
            Demo mode: connected to libvirt's built-in test driver (test:///default) — no real VMs
            are touched
          </div>
        )}
        {degraded && (
          <div class="banner banner-error" role="alert" id="degraded-banner">
            Store unavailable: {degraded}
          </div>
        )}
        <LibvirtBanner connection={connection} />
        <main class={wide ? "main main-wide" : "main"}>{children}</main>
      </body>
    </html>
  );
}
