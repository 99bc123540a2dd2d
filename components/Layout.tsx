// The HTML document around every page: head, navigation and connection banners.

import type { ComponentChildren } from "preact";
import type { Identity } from "../shared/auth.ts";
import type { ConnectionStatus } from "../shared/host.ts";
import { LibvirtBanner } from "../islands/ConnectionBanner.tsx";
import { ALL_HOSTS, type HostStatus } from "../shared/hosts.ts";

export type PageEntry =
  | "list"
  | "details"
  | "console"
  | "create"
  | "templates"
  | "profiles"
  | "storage"
  | "networks"
  | "dashboard"
  | "alerts"
  | "insights"
  | "settings"
  | "schedules"
  | "backups"
  | "audit"
  | "access"
  | "hosts"
  | "serial";
/** See Layout's `stale`. */
export interface StaleData {
  at: number | null;
  why: string;
}

export const STALE_NOTICE_ID = "stale-notice";

export type NavItem =
  | "dashboard"
  | "vms"
  | "templates"
  | "profiles"
  | "storage"
  | "networks"
  | "alerts"
  | "insights"
  | "settings"
  | "schedules"
  | "backups"
  | "audit"
  | "access"
  | "hosts";

/** `admin`: shown to admins only (the routes refuse everyone else anyway). */
const NAV: { item: NavItem; href: string; label: string; admin?: boolean }[] = [
  { item: "dashboard", href: "/", label: "Dashboard" },
  { item: "vms", href: "/vms", label: "Virtual machines" },
  { item: "templates", href: "/templates", label: "Templates" },
  { item: "profiles", href: "/profiles", label: "Profiles" },
  { item: "storage", href: "/storage", label: "Storage" },
  { item: "networks", href: "/networks", label: "Networks" },
  { item: "backups", href: "/backups", label: "Backups" },
  { item: "schedules", href: "/schedules", label: "Schedules" },
  { item: "alerts", href: "/alerts", label: "Alerts" },
  { item: "insights", href: "/insights", label: "Insights" },
  { item: "hosts", href: "/hosts", label: "Hosts" },
  { item: "settings", href: "/settings", label: "Settings", admin: true },
  { item: "access", href: "/access", label: "Access", admin: true },
  { item: "audit", href: "/audit", label: "Audit", admin: true },
];

/** The host a page shows ("all" for the merged view) and every host, for the switcher. */
export interface PageHosts {
  current: { id: string; name: string };
  all: HostStatus[];
  /** The request's path: the switcher stays in its section (/vms/x → /vms). */
  path: string;
}

interface Props {
  title: string;
  hosts?: PageHosts;
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
  /**
   * The page shows what was known at `at` (null: nothing known yet) because libvirt did not
   * answer; `why` starts the notice. The page renders itself again once libvirt answers.
   */
  stale?: StaleData | null;
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
    stale,
    hosts,
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
        {hosts && hosts.current.id !== ALL_HOSTS && (
          <meta name="kvmm-host" content={hosts.current.id} />
        )}
        {entry && <script type="module" src={`/static/build/${entry}.js`} />}
        <script type="module" src="/static/build/connection.js" />
        {identity && <script type="module" src="/static/build/session.js" />}
        {stale && <script type="module" src="/static/build/stale.js" />}
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
          {hosts && hosts.all.length > 1
            ? <HostSwitcher hosts={hosts} />
            : <span class="topbar-uri" title="libvirt connection URI">{connection.uri}</span>}
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
        {stale && <StaleNotice stale={stale} />}
        <main class={wide ? "main main-wide" : "main"}>{children}</main>
      </body>
    </html>
  );
}

/** The server's local time of day, HH:MM:SS. */
const timeOfDay = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

function StaleNotice({ stale: { at, why } }: { stale: StaleData }) {
  return (
    <div class="banner banner-demo banner-stale" role="status" id={STALE_NOTICE_ID}>
      {why}; {at === null ? "nothing is known from it yet" : (
        <>
          showing what was known at{" "}
          <time datetime={new Date(at).toISOString()}>{timeOfDay(at)}</time>
        </>
      )}. This page renews itself once libvirt answers.
    </div>
  );
}

/** A plain GET form (no script needed): picks the host the following pages show. */
function HostSwitcher({ hosts }: { hosts: PageHosts }) {
  const section = `/${hosts.path.split("/")[1] ?? ""}`;
  return (
    <form class="host-switcher" method="get" action={section}>
      <label>
        <span class="sr-only">Host</span>
        <select name="host" aria-label="Host" title="The libvirt host these pages show">
          {hosts.all.map((h) => (
            <option key={h.id} value={h.id} selected={h.id === hosts.current.id}>
              {h.connected ? h.name : `${h.name} (disconnected)`}
            </option>
          ))}
          <option value={ALL_HOSTS} selected={hosts.current.id === ALL_HOSTS}>All hosts</option>
        </select>
      </label>
      <button type="submit" class="button button-small">Switch</button>
    </form>
  );
}
