// The HTML document around every page: head, skip link, top bar, side navigation, banners,
// and the toasts' place.

import type { ComponentChildren } from "preact";
import type { Identity } from "../../shared/auth.ts";
import type { ConnectionStatus } from "../../shared/host.ts";
import { LibvirtBanner } from "../../islands/ConnectionBanner.tsx";
import { ALL_HOSTS } from "../../shared/hosts.ts";
import { currentLanguage, t } from "../../shared/i18n/t.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { Trans } from "../../components/kit/Trans.tsx";
import type { NavItem } from "../../components/shell/nav.ts";
import { Sidebar } from "./Sidebar.tsx";
import { SHELL_ISLAND_ATTR } from "../../components/shell/ids.ts";
import { BASE_STYLESHEET } from "../../components/shell/styles.ts";
import { HeadBasics } from "../../components/shell/HeadBasics.tsx";
import { ToastHost } from "../../components/client/toasts.tsx";
import { type PageHosts, TopBar } from "./TopBar.tsx";

export type { NavItem } from "../../components/shell/nav.ts";

/** See Layout's `stale`. */
export interface StaleData {
  at: number | null;
  why: string;
}

export const STALE_NOTICE_ID = "stale-notice";
/** The notice's sentence for a page that is not renewed because the user works on it. */
export const STALE_ANSWERED_CLASS = "stale-answered";

interface Props {
  title: string;
  hosts?: PageHosts;
  active?: NavItem;
  demo: boolean;
  connection: ConnectionStatus;
  /** Alerts firing now, counted beside the Alerts link. */
  activeAlerts: number;
  /**
   * The island bundle this page hydrates with (static/build/<entry>.js, generated from the
   * islands of routes/pages/<entry>.tsx); none for static pages.
   */
  entry?: string;
  /** Extra stylesheets, e.g. uPlot's on the pages that draw charts, wizard.css on forms. */
  styles?: string[];
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
  /** KVM Manager's version, shown in the user menu. */
  version?: string;
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
    identity,
    csrf,
    degraded,
    stale,
    hosts,
    version,
    children,
  }: Props,
) {
  return (
    <html lang={currentLanguage()}>
      <head>
        <HeadBasics title={title} />
        {/* kit, app, shell, tree, auth, tabs, tasks, vmlist and palette.css as one. */}
        <link rel="stylesheet" href={`/static/${BASE_STYLESHEET}`} />
        {styles.map((href) => <link key={href} rel="stylesheet" href={href} />)}
        <noscript>
          <link rel="stylesheet" href="/static/nojs.css" />
        </noscript>
        {identity && <meta name="kvmm-role" content={identity.role} />}
        {identity && <meta name="kvmm-user" content={identity.user} />}
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
        {/* Its event stream is every host's (islands/client/events.ts); API calls stay local. */}
        {hosts?.current.id === ALL_HOSTS && <meta name="kvmm-view" content="all-hosts" />}
        {/* First: every bundle after it writes its words through the translator it installs. */}
        <script type="module" src={`/static/build/i18n_${currentLanguage()}.js`} />
        {entry && <script type="module" src={`/static/build/${entry}.js`} />}
        <script type="module" src="/static/build/connection.js" />
        <script type="module" src="/static/build/shell.js" />
        {identity && <script type="module" src="/static/build/session.js" />}
        {stale && <script type="module" src="/static/build/stale.js" />}
      </head>
      <body data-role={identity?.role}>
        <a class="skip-link" href="#main">{t("Skip to content")}</a>
        <TopBar hosts={hosts} connection={connection} identity={identity} version={version} />
        <div class="shell">
          <Sidebar
            active={active}
            identity={identity}
            activeAlerts={activeAlerts}
            tree={{
              hosts: treeHosts(hosts, connection),
              current: hosts?.current.id ?? "local",
              path: hosts?.path ?? "/",
            }}
          />
          <div class="shell-content">
            {demo && (
              // A landmark of its own (axe "region": every part of a page sits in one).
              <aside class="banner banner-demo" aria-label={t("Demo mode")}>
                {/* The URI is left out on a phone: it would take the banner to four lines. */}
                <Trans
                  text={t(
                    "Demo mode: connected to libvirt's test driver{{uri}} — no real VMs are touched",
                    { uri: "{{uri}}" },
                  )}
                  parts={{ uri: <span class="banner-uri">{` (${connection.uri})`}</span> }}
                />
              </aside>
            )}
            {degraded && (
              <div class="banner banner-error" role="alert" id="degraded-banner">
                {t("Store unavailable: {{reason}}", { reason: degraded })}
              </div>
            )}
            <LibvirtBanner connection={connection} />
            {stale && <StaleNotice stale={stale} />}
            <main id="main" tabindex={-1} class="main">
              {children}
            </main>
          </div>
        </div>
        <div {...{ [SHELL_ISLAND_ATTR]: "ToastHost" }}>
          <ToastHost />
        </div>
      </body>
    </html>
  );
}

/** The server's local time of day, HH:MM:SS (24 hours in every language). */
const timeOfDay = (ms: number) =>
  formatDateTime(ms, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

function StaleNotice({ stale: { at, why } }: { stale: StaleData }) {
  return (
    <div class="banner banner-demo banner-stale" role="status" id={STALE_NOTICE_ID}>
      {at === null
        ? t(
          "{{why}}; nothing is known from it yet. This page renews itself once libvirt answers.",
          {
            why,
          },
        )
        : (
          <Trans
            text={t(
              "{{why}}; showing what was known at {{time}}. This page renews itself once libvirt answers.",
              { why, time: "{{time}}" },
            )}
            parts={{
              time: <time datetime={new Date(at).toISOString()}>{timeOfDay(at)}</time>,
            }}
          />
        )}
      {/* Shown instead of renewing when the user has begun working on the page (stale.ts). */}
      <span class={STALE_ANSWERED_CLASS} hidden>
        {" "}
        {t(
          "libvirt answers again: reload the page to see it renewed (not done for you while you work on it).",
        )}
      </span>
    </div>
  );
}

/** The tree's hosts: every host when there are several, else this one named by its URI. */
function treeHosts(hosts: PageHosts | undefined, connection: ConnectionStatus) {
  if (!hosts || hosts.all.length === 0) {
    return [{ id: "local", name: connection.uri, connected: connection.connected }];
  }
  return hosts.all.map(({ id, name, connected, maintenance }) => ({
    id,
    name,
    connected,
    ...maintenance ? { maintenance } : {},
  }));
}
