// /topology: how the VMs, networks and host interfaces connect, drawn as a graph.

import type { Topology as TopologyData } from "../../shared/topology.ts";
import Topology from "../../islands/Topology.tsx";
import { Island } from "../../components/Island.tsx";
import { topologyFeature } from "../../lib/topology/feature.ts";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { renderListPage } from "./_list_page.tsx";

export default function (page: PageKit) {
  page.page("/topology", "Network topology page", async (c) => {
    const read = await page.known.read<TopologyData>(
      "topology",
      () => page.ctx.features.get(topologyFeature).topology(),
    );
    const island = (topology: TopologyData | null, error: string | null) => (
      <Island name="Topology" component={Topology} props={{ topology, error }} />
    );
    return renderListPage(page, c, read, island, {
      title: t("Network topology"),
      lead: t(
        "How this host's VMs reach its networks, bridges and interfaces, VLANs and port groups on the lines. Select a box to open it.",
      ),
      active: "topology",
      styles: ["/static/topology.css"],
    });
  });
}
