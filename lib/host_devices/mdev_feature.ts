// Mediated devices (vGPUs) as a feature (lib/feature.ts): made for each host on first use.

import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { MediatedDevices } from "./mdev.ts";

/** Mediated device instances made and removed, over the host's device inventory. */
export const mediatedDevicesFeature = feature({
  name: "mediated devices",
  scope: "host",
  make: ({ client, ctx }: FeatureParts) => ({
    services: new MediatedDevices(client, ctx.hostDevices),
  }),
});
