// /api/cluster: the Pacemaker/Corosync cluster this host belongs to (lib/cluster/), as its own
// tools report it: nodes, quorum, fencing, resources and recent fencing. App-wide, like /api/hosts.

import type { ClusterService } from "../../lib/cluster/service.ts";
import { DeclaredApp } from "../declare.ts";

/** Mounted at /api/cluster by routes/app.ts. */
export function clusterRoutes(cluster: ClusterService): DeclaredApp {
  const app = new DeclaredApp({ access: "read" });
  app.GET(
    "/",
    "The cluster as Pacemaker reports it, or why there is none ({present: false, code, reason})",
    async (c) => c.json(await cluster.view()),
  );
  return app;
}
