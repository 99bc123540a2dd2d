// Notifications as an app-wide feature (lib/feature.ts): one service for the server, whose rules
// every host's events are published to; made at the first event published or the first request,
// or at start when targets are kept, so deliveries left queued go out.

import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { NotifyRecords } from "./records.ts";
import { NotifyService } from "./service.ts";

export const notifyFeature = feature({
  name: "notifications",
  scope: "app",
  make: ({ store, ctx }: FeatureParts) => {
    const notify = new NotifyService({
      store,
      // Webhooks reach what downloads may: public addresses and the admin's allowed sources.
      outbound: () => ({ allowed: ctx.imageSettings.allowedRanges() }),
      hostName: (id) => ctx.hosts.find(id)?.name ?? id,
    });
    return {
      services: notify,
      background: [{ name: "notification deliveries", start: () => notify.start(), stop() {} }],
      close: () => notify.close(),
    };
  },
  startsOn: ({ store }) => new NotifyRecords(store).listTargets().length > 0,
});
