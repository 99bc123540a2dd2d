// VMs' screens and keyboards without a console as features (lib/feature.ts): the screenshot
// budget once for the server, whichever host's VM a screenshot shows, and each host's screens
// over it; both made on first use.

import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { ScreenBudget, VmScreens } from "./screens.ts";

/** Screenshots bounded for the whole process (its thumbnail worker closed with the server). */
export const screenBudgetFeature = feature({
  name: "screen budget",
  scope: "app",
  make: (_: FeatureParts) => {
    const budget = new ScreenBudget();
    return { services: budget, close: () => budget.close() };
  },
});

/** Keys sent to a VM, thumbnails taken of its screen (bounded by the budget). */
export const screensFeature = feature({
  name: "screens",
  scope: "host",
  make: ({ client, ctx }: FeatureParts) => ({
    services: new VmScreens(client, ctx.features.get(screenBudgetFeature)),
  }),
});
