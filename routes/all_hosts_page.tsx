// The pages about every host at once: /hosts and the merged VM list /vms?host=all. Other pages
// show one host, so asking one of them for all hosts leads to the merged VM list.

import type { AppContext } from "../lib/context.ts";
import { allHostsVms } from "../lib/hosts/all_vms.ts";
import { ALL_HOSTS } from "../shared/hosts.ts";
import { HostsPage } from "../components/HostsPages.tsx";
import { AllHostsVmListPage, parseStateFilter, parseVmSort } from "../components/VmListPage.tsx";
import { isPage } from "./middleware/host.ts";
import { renderPage } from "./pages.tsx";
import { DeclaredApp } from "./declare.ts";
import { t } from "../shared/i18n/t.ts";

const STYLES = ["/static/wizard.css", "/static/hosts.css"];

export function allHostsPageRoutes(ctx: AppContext): DeclaredApp {
  const app = new DeclaredApp();
  app.page({
    method: "get",
    path: "/hosts",
    // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
    summary: "Hosts page: the libvirt hosts this server manages",
    access: "read",
  }, (c) =>
    renderPage(ctx, c, <HostsPage hosts={ctx.hosts.list()} />, {
      title: t("Hosts"),
      active: "hosts",
      entry: "hosts",
      styles: STYLES,
    }));
  // The merged VM list: GET /vms (declared by the host app's pageRoutes) with ?host=all. HEAD
  // too, which Hono answers as a GET.
  app.use("/vms", async (c, next) => {
    const read = c.req.method === "GET" || c.req.method === "HEAD";
    if (!read || c.req.query("host") !== ALL_HOSTS) return await next();
    const body = (
      <AllHostsVmListPage
        view={await allHostsVms(ctx.hosts)}
        query={c.req.query("q") ?? ""}
        state={parseStateFilter(c.req.query("state"))}
        sort={parseVmSort(c.req.query("sort"), c.req.query("dir"))}
      />
    );
    return renderPage(ctx, c, body, {
      title: t("All hosts"),
      active: "vms",
      entry: "hosts",
      styles: STYLES,
      current: { id: ALL_HOSTS, name: t("All hosts") },
    });
  });
  // Middleware, not a route: routes are what the audit trail and metrics name requests by.
  app.use("*", async (c, next) => {
    if (c.req.query("host") !== ALL_HOSTS || !isPage(c.req.path)) return await next();
    return c.redirect("/vms?host=all", 303);
  });
  return app;
}
