// /api/host/topology: the host's interfaces, bridges, networks and VMs as one graph; the topology
// feature's route (routes/features.ts).

import type { TopologyService } from "../../lib/topology/service.ts";
import { DeclaredApp, reply } from "../declare.ts";

export function topologyRoutes(topology: TopologyService): DeclaredApp {
  const app = new DeclaredApp({ access: "read" });
  app.GET(
    "/host/topology",
    "The host's network topology: its interfaces and bridges, its networks and its VMs as nodes, their uplinks, bridge members and VM NICs (with VLANs and port groups) as links",
    { answer: "HostTopology" },
    reply(() => topology.topology()),
  );
  return app;
}
