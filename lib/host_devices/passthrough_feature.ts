// VMs' host devices (PCI and USB passthrough) as a feature (lib/feature.ts): made for a host on
// first use, over the host's device inventory.

import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { Passthrough } from "./passthrough.ts";

export const passthroughFeature = feature({
  name: "passthrough",
  scope: "host",
  make: ({ client, lock, ctx }: FeatureParts) => ({
    services: new Passthrough(client, ctx.hostDevices, lock),
  }),
});
