// What a page file (routes/pages/<name>.tsx) is handed: its host's services, the reads pages
// share, and `page()` to declare its routes. Rendering through the kit loads the page's own
// bundle (static/build/<name>.js), which the build generates from the islands the file renders.

import type { Context, Handler, MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ComponentChildren, VNode } from "preact";
import type { AppContext } from "../lib/context.ts";
import { AppError } from "../lib/errors.ts";
import { templatesFor } from "../lib/auth/redact.ts";
import type { VmTemplate } from "../shared/templates.ts";
import type { CreateOptions } from "../shared/vms.ts";
import { ErrorPage } from "../components/ErrorPage.tsx";
import { PageHead } from "./pages/_page_head.tsx";
import type { NavItem } from "./layout/Layout.tsx";
import type { Access } from "./declare.ts";
import type { PageData, PageRead } from "./page_data.ts";
import { type PageOptions, renderPage, staleOf } from "./page_render.tsx";
import { t } from "../shared/i18n/t.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "./middleware/auth.ts";

/** One GET route of a page file, as the kit collects it (routes/pages.tsx registers them). */
export interface PageRouteDecl {
  path: string;
  summary: string;
  access?: Access;
  // deno-lint-ignore no-explicit-any
  handler: Handler<any, any>;
}

/** What a page renders with: the Layout's options, without the bundle, which is the page's. */
export type PageRender = Omit<PageOptions, "entry"> & {
  /**
   * Another page's bundle, for a page that shows that page's body (the SPICE console), or null
   * for none (an error page hydrates nothing).
   */
  bundle?: string | null;
  /** The host the switcher shows, when it is not the page's own (the merged view). */
  current?: { id: string; name: string };
  /**
   * The head the body opens with (routes/pages/_page_head.tsx): `title` as its heading, said
   * once for the page and its tab, and `lead`, the sentence under it (`muted`: in the kit's
   * muted colour, as the list pages have it).
   */
  head?: { lead: ComponentChildren; muted?: boolean };
};

export interface PageKit {
  /** The page's name: its file's, and its bundle's. */
  readonly name: string;
  readonly ctx: AppContext;
  /** What this host's pages last read from libvirt (routes/page_data.ts). */
  readonly known: PageData;
  /** Declares a GET page. Pages are for viewers and up unless `access` says otherwise. */
  page<P extends string>(
    path: P,
    summary: string,
    handler: Handler<any, P>,
    access?: Access,
  ): void;
  /** Middleware the page's routes need before the app's others (the merged host view). */
  use(path: string, handler: MiddlewareHandler): void;
  render(c: Context, body: VNode, options: PageRender): Response;
  /**
   * A page whose read found nothing to show (unknown id or name, libvirt down with nothing
   * known) becomes an error page with the API's status and words, and the read's stale notice.
   */
  errorPage(c: Context, read: PageRead<unknown>, active: NavItem): Response;
  /** Why a read has no value, for the page to say in its place. */
  missing(read: PageRead<unknown>): string | null;
  /** The create options, as the wizard and the templates page read them. */
  createOptions(): Promise<PageRead<CreateOptions>>;
  /**
   * The templates as the caller may see them: non-admins get them without their secrets (null,
   * marked as set). The islands only show that a secret is set and never edit one (writes are
   * admin-only), so the redacted view is handed to them in the shape they take.
   */
  templatesOf(c: Context): VmTemplate[];
  /** How often the monitoring collector reads, for the live graphs. */
  tickSeconds(): number;
}

/** The kit of page `name`, collecting its routes and middleware into `routes` and `uses`. */
export function pageKit(
  name: string,
  ctx: AppContext,
  known: PageData,
  bundles: ReadonlySet<string>,
  routes: PageRouteDecl[],
  uses: [string, MiddlewareHandler][],
): PageKit {
  const kit: PageKit = {
    name,
    ctx,
    known,
    page: (path, summary, handler, access) => routes.push({ path, summary, handler, access }),
    use: (path, handler) => uses.push([path, handler]),
    render(c, body, { bundle = name, head, ...options }) {
      if (bundle !== null && !bundles.has(bundle)) {
        // deno-lint-ignore translate/untranslated-text -- a programming error, for the log
        throw new Error(`page ${name}: no page ${bundle} to bundle with`);
      }
      const page = head
        ? (
          <>
            <PageHead title={options.title} muted={head.muted}>{head.lead}</PageHead>
            {body}
          </>
        )
        : body;
      return renderPage(ctx, c, page, { ...options, ...(bundle ? { entry: bundle } : {}) });
    },
    errorPage(c, read, active) {
      const err = read.error;
      // A read without a value has its error; none would be a bug, for the app's onError.
      if (!(err instanceof AppError)) throw err;
      return kit.render(c, <ErrorPage status={err.status} message={err.message} />, {
        title: err.status === 404 ? t("Not found") : t("Error"),
        active,
        status: err.status as ContentfulStatusCode,
        stale: staleOf([read]),
        bundle: null,
      });
    },
    missing: (r) => r.value === null ? r.error?.message ?? null : null,
    createOptions: () => known.read<CreateOptions>("options", () => ctx.vms.createOptions()),
    templatesOf: (c) => templatesFor(c.get("identity"), ctx.templates.list()) as VmTemplate[],
    // Not settings().tickSeconds: that also counts the history's rows, for every page view.
    tickSeconds: () => ctx.monitoring.collector.tickMs / 1000,
  };
  return kit;
}
