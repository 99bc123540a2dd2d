// /cluster: the Pacemaker/Corosync cluster this host belongs to (lib/cluster/). App-wide, like
// /hosts: the cluster is the server's own host's, whichever host the switcher shows.

import type { AppContext } from "../lib/context.ts";
import { AppError } from "../lib/errors.ts";
import { ClusterPage } from "../components/ClusterPage.tsx";
import type { ClusterView } from "../shared/cluster.ts";
import { renderPage } from "./pages.tsx";
import { DeclaredApp } from "./declare.ts";
import { t } from "../shared/i18n/t.ts";

export function clusterPageRoutes(ctx: AppContext): DeclaredApp {
  const app = new DeclaredApp();
  app.page({
    method: "get",
    path: "/cluster",
    summary: "Cluster page: Pacemaker's nodes, quorum, fencing and resources",
    access: "read",
  }, async (c) => {
    // A cluster stack that does not answer still gives the page; the island shows why and
    // reads again.
    let view: ClusterView | null = null;
    let error: string | null = null;
    try {
      view = await ctx.cluster.view();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      error = err.message;
    }
    return renderPage(ctx, c, <ClusterPage view={view} error={error} />, {
      title: t("Cluster"),
      active: "cluster",
      entry: "cluster",
      styles: ["/static/cluster.css"],
    });
  });
  return app;
}
