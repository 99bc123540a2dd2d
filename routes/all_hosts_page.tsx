// The pages about every host at once: /hosts and the merged VM list /vms?host=all. Other pages
// show one host, so asking one of them for all hosts leads to the merged VM list.

import { Hono } from "hono";
import type { AppContext } from "../lib/context.ts";
import { allHostsVms } from "../lib/hosts/all_vms.ts";
import { ALL_HOSTS } from "../shared/hosts.ts";
import { AllHostsPage, HostsPage } from "../components/HostsPages.tsx";
import { isPage } from "./middleware/host.ts";
import { renderPage } from "./pages.tsx";

const STYLES = ["/static/wizard.css", "/static/hosts.css"];

export function allHostsPageRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get("/hosts", (c) =>
    renderPage(ctx, c, <HostsPage hosts={ctx.hosts.list()} />, {
      title: "Hosts",
      active: "hosts",
      entry: "hosts",
      styles: STYLES,
    }));
  app.get("/vms", async (c, next) => {
    if (c.req.query("host") !== ALL_HOSTS) return await next();
    return renderPage(ctx, c, <AllHostsPage view={await allHostsVms(ctx.hosts)} />, {
      title: "All hosts",
      active: "vms",
      entry: "hosts",
      styles: STYLES,
      current: { id: ALL_HOSTS, name: "All hosts" },
    });
  });
  // Middleware, not a route: routes are what the audit trail and metrics name requests by.
  app.use("*", async (c, next) => {
    if (c.req.query("host") !== ALL_HOSTS || !isPage(c.req.path)) return await next();
    return c.redirect("/vms?host=all", 303);
  });
  return app;
}
