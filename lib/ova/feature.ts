// OVA import and export as a feature (lib/feature.ts): made for a host on first use, over its
// VMs and volumes; its imports are kept in the host's store.

import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { OvaRecords } from "./records.ts";
import { OvaService } from "./service.ts";

export const ovaFeature = feature({
  name: "ova",
  scope: "host",
  make: ({ client, store, hostId, emit, ctx }: FeatureParts) => ({
    services: new OvaService({
      client,
      vms: ctx.vms,
      volumes: ctx.volumes,
      records: new OvaRecords(store),
      hostId,
      emit,
    }),
  }),
});
