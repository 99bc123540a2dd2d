// /topology: how the VMs, networks and host interfaces connect, drawn as a graph.

import type { Topology as TopologyData } from "../../shared/topology.ts";
import Topology from "../../islands/Topology.tsx";
import { Island } from "../../components/Island.tsx";
import { topologyFeature } from "../../lib/topology/feature.ts";
import { t } from "../../shared/i18n/t.ts";
import { PageHead } from "./_page_head.tsx";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";

function TopologyPage(
  { topology, error }: { topology: TopologyData | null; error: string | null },
) {
  return (
    <>
      <PageHead title={t("Network topology")} muted>
        {t(
          "How this host's VMs reach its networks, bridges and interfaces, VLANs and port groups on the lines. Select a box to open it.",
        )}
      </PageHead>
      <section class="card">
        <Island name="Topology" component={Topology} props={{ topology, error }} />
      </section>
    </>
  );
}

export default function (page: PageKit) {
  page.page("/topology", "Network topology page", async (c) => {
    const read = await page.known.read<TopologyData>(
      "topology",
      () => page.ctx.features.get(topologyFeature).topology(),
    );
    return page.render(c, <TopologyPage topology={read.value} error={page.missing(read)} />, {
      title: t("Network topology"),
      active: "topology",
      styles: ["/static/topology.css"],
      stale: staleOf([read]),
    });
  });
}
