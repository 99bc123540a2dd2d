// /cluster: the Pacemaker/Corosync cluster this host belongs to (lib/cluster/). App-wide, like
// /hosts: the cluster is the server's own host's, whichever host the switcher shows.

import type { ClusterView as View } from "../../shared/cluster.ts";
import { clusterFeature } from "../../lib/cluster/feature.ts";
import ClusterView from "../../islands/ClusterView.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { AppError } from "../../lib/errors.ts";
import type { PageKit } from "../page_kit.tsx";

/** Served by the top app for every host, not by each host's. */
export const scope = "app";

export default function (page: PageKit) {
  page.page(
    "/cluster",
    "Cluster page: Pacemaker's nodes, quorum, fencing and resources",
    async (c) => {
      // A cluster stack that does not answer still gives the page; the island shows why and
      // reads again.
      let view: View | null = null;
      let error: string | null = null;
      try {
        view = await page.ctx.features.get(clusterFeature).view();
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        error = err.message;
      }
      const body = <Island name="ClusterView" component={ClusterView} props={{ view, error }} />;
      return page.render(c, body, {
        title: t("Cluster"),
        head: {
          muted: true,
          lead: t(
            "High availability through Pacemaker and Corosync: which nodes are members, whether they have quorum, whether a lost node can be fenced, and where each resource runs.",
          ),
        },
        active: "cluster",
        styles: ["/static/cluster.css"],
      });
    },
  );
}
