// /topology: how the VMs, networks and host interfaces connect, drawn as a graph.

import type { Topology as TopologyData } from "../../shared/topology.ts";
import Topology from "../../islands/Topology.tsx";
import { Island } from "../../components/Island.tsx";
import { topologyFeature } from "../../lib/topology/feature.ts";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";

export default function (page: PageKit) {
  page.page("/topology", "Network topology page", async (c) => {
    const read = await page.known.read<TopologyData>(
      "topology",
      () => page.ctx.features.get(topologyFeature).topology(),
    );
    const props = { topology: read.value, error: page.missing(read) };
    const body = (
      <section class="card">
        <Island name="Topology" component={Topology} props={props} />
      </section>
    );
    return page.render(c, body, {
      title: t("Network topology"),
      head: {
        muted: true,
        lead: t(
          "How this host's VMs reach its networks, bridges and interfaces, VLANs and port groups on the lines. Select a box to open it.",
        ),
      },
      active: "topology",
      styles: ["/static/topology.css"],
      stale: staleOf([read]),
    });
  });
}
