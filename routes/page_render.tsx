// Renders a page in the Layout: the host's banners, the switcher, the signed-in caller, and
// the notice for a page whose reads libvirt did not answer.

import { VERSION } from "../lib/version.ts";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { AppContext } from "../lib/context.ts";
import { degradedWords } from "../lib/store.ts";
import { Layout, type NavItem, type StaleData } from "./layout/Layout.tsx";
import { isUnreachable, type PageRead } from "./page_data.ts";
import { t } from "../shared/i18n/t.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "./middleware/auth.ts";

export interface PageOptions {
  title: string;
  active?: NavItem;
  entry?: string;
  styles?: string[];
  status?: ContentfulStatusCode;
  /** The page shows what was known, not what libvirt says now (see Layout). */
  stale?: StaleData | null;
}

/**
 * The notice for a page some of whose reads libvirt did not answer: since when what it shows
 * was known (the oldest of them), or that nothing is. None when every read was answered, or
 * when libvirt is known to be down and nothing was known: the red banner says it all then.
 */
export function staleOf(reads: PageRead<unknown>[]): StaleData | null {
  const away = reads.filter((r) => isUnreachable(r.error));
  if (away.length === 0) return null;
  const known = away.filter((r) => r.knownAt !== null).map((r) => r.knownAt!);
  const down = away.some((r) => r.error!.code === "LIBVIRT_UNAVAILABLE");
  if (known.length === 0 && down) return null;
  return {
    at: known.length ? Math.min(...known) : null,
    why: down ? t("libvirt is not connected") : t("libvirtd is not answering"),
  };
}

/**
 * A page in the Layout of `ctx`'s host; `current` overrides which host the switcher shows
 * (the merged view of all hosts).
 */
export function renderPage(
  ctx: AppContext,
  c: Context,
  body: VNode,
  { status = 200, current, ...layout }: PageOptions & { current?: { id: string; name: string } },
): Response {
  const html = renderToString(
    <Layout
      {...layout}
      demo={ctx.config.demo}
      degraded={ctx.storeDegraded && degradedWords(ctx.storeDegraded)}
      connection={ctx.vms.connection()}
      activeAlerts={ctx.monitoring.alerts.activeCount()}
      identity={c.get("identity")}
      csrf={c.get("csrf")}
      version={VERSION}
      hosts={{
        current: current ??
          { id: ctx.hostId, name: ctx.hosts.find(ctx.hostId)?.name ?? ctx.hostId },
        all: ctx.hosts.list(),
        path: c.req.path,
      }}
    >
      {body}
    </Layout>,
  );
  c.header("cache-control", "no-store");
  return c.html(`<!DOCTYPE html>${html}`, status);
}
