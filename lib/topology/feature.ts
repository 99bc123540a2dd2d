// The network topology as a feature (lib/feature.ts): made for each host on its first request.

import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { TopologyService } from "./service.ts";

/** The host's interfaces, bridges, networks and VMs' NICs as one graph. */
export const topologyFeature = feature({
  name: "topology",
  scope: "host",
  make: ({ client, ctx }: FeatureParts) => ({ services: new TopologyService(client, ctx.vms) }),
});
