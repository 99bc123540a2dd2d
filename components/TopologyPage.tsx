// Body of `/topology`: the host's network drawn as a graph.

import type { Topology as TopologyData } from "../shared/topology.ts";
import Topology from "../islands/Topology.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function TopologyPage(
  { topology, error }: { topology: TopologyData | null; error: string | null },
) {
  return (
    <>
      <h1>{t("Network topology")}</h1>
      <p class="muted lead">
        {t(
          "How this host's VMs reach its networks, bridges and interfaces, VLANs and port groups on the lines. Select a box to open it.",
        )}
      </p>
      <section class="card">
        <Island name="Topology" component={Topology} props={{ topology, error }} />
      </section>
    </>
  );
}
