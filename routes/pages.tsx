// Server-rendered HTML pages: each file of routes/pages/ is one, found by the build
// (routes/pages.gen.ts). Islands hydrate parts of them in the browser, from the page's own
// bundle, which the build generates from the islands the page renders.

import type { MiddlewareHandler } from "hono";
import type { AppContext } from "../lib/context.ts";
import { DeclaredApp } from "./declare.ts";
import { PageData } from "./page_data.ts";
import { pageKit, type PageRouteDecl } from "./page_kit.tsx";
import { type PageOptions, renderPage, staleOf } from "./page_render.tsx";
import { PAGES } from "./pages.gen.ts";
export { type PageOptions, renderPage, staleOf };

/** Where a page is served: by each host's app (the default), or once by the top app. */
export type PageScope = "host" | "app";

/** What a file of routes/pages/ exports. */
export interface PageModule {
  default: (page: import("./page_kit.tsx").PageKit) => void;
  /** "app": about every host at once (/hosts, /cluster), served above the hosts' apps. */
  scope?: PageScope;
}

const NAMES: ReadonlySet<string> = new Set(Object.keys(PAGES));

/**
 * A static segment before a parameter at the first place two paths differ in kind, so that
 * /vms/new is tried before /vms/:id whichever file declares them.
 */
function bySpecificity(a: PageRouteDecl, b: PageRouteDecl): number {
  const as = a.path.split("/");
  const bs = b.path.split("/");
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const ap = as[i].startsWith(":");
    const bp = bs[i].startsWith(":");
    if (ap !== bp) return ap ? 1 : -1;
  }
  return 0;
}

function scopedPages(ctx: AppContext, known: PageData, scope: PageScope): DeclaredApp {
  // Pages are for viewers and up, unless one says otherwise.
  const app = new DeclaredApp({ access: "read" });
  const routes: PageRouteDecl[] = [];
  const uses: [string, MiddlewareHandler][] = [];
  for (const [name, module] of Object.entries(PAGES) as [string, PageModule][]) {
    if ((module.scope ?? "host") !== scope) continue;
    module.default(pageKit(name, ctx, known, NAMES, routes, uses));
  }
  for (const { path, summary, access, handler } of routes.sort(bySpecificity)) {
    app.page({ method: "get", path, summary, ...(access ? { access } : {}) }, handler);
  }
  // After the routes: a page asked for all hosts is the page's, where it has one (/hosts).
  for (const [path, handler] of uses) app.use(path, handler);
  return app;
}

/**
 * One host's pages. Mount at "/": `app.route("/", pageRoutes(ctx))`. `known`: what this host's
 * pages last read from libvirt, and how long they wait on it (one per host context).
 */
export function pageRoutes(ctx: AppContext, known = new PageData()): DeclaredApp {
  return scopedPages(ctx, known, "host");
}

/** The pages about every host at once, served by the top app above the hosts' own. */
export function appPageRoutes(ctx: AppContext): DeclaredApp {
  return scopedPages(ctx, new PageData(), "app");
}
