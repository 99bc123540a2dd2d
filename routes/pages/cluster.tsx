// /cluster: the Pacemaker/Corosync cluster this host belongs to (lib/cluster/). App-wide, like
// /hosts: the cluster is the server's own host's, whichever host the switcher shows.

import type { ClusterView as View } from "../../shared/cluster.ts";
import { clusterFeature } from "../../lib/cluster/feature.ts";
import ClusterView from "../../islands/ClusterView.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { readNow } from "../page_data.ts";

/** Served by the top app for every host, not by each host's. */
export const scope = "app";

export default function (page: PageKit) {
  page.page(
    "/cluster",
    "Cluster page: Pacemaker's nodes, quorum, fencing and resources",
    async (c) => {
      // A cluster stack that does not answer still gives the page; the island shows why and
      // reads again.
      const read = await readNow<View>(() => page.ctx.features.get(clusterFeature).view());
      const props = { view: read.value, error: page.missing(read) };
      const body = <Island name="ClusterView" component={ClusterView} props={props} />;
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
