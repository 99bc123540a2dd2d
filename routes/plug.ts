// A feature plugged in (lib/feature.ts) with its routes: what one line of the feature list
// (routes/features.ts) names. Its routes are mounted in each host's app, or in the top app for an
// app-wide feature (routes/app.ts), and are handed the feature's services made on first use, so
// building the app makes no feature.

import type { AppContext, FeatureParts } from "../lib/context.ts";
import type { Feature } from "../lib/feature.ts";
import type { DeclaredApp } from "./declare.ts";

/**
 * Routes of a feature, mounted at `mount`: in each host's app for a feature made per host, in the
 * top app (routes/app.ts, beside sign-in and the host list) for an app-wide one.
 */
export interface FeatureRoutes<S> {
  mount: string;
  routes(services: S, ctx: AppContext): DeclaredApp;
}

export interface PluggedFeature<S> extends Feature<S, FeatureParts> {
  routes: readonly FeatureRoutes<S>[];
}

/** `feature` with its routes, for the feature list. */
export function plug<S extends object>(
  feature: Feature<S, FeatureParts>,
  ...routes: FeatureRoutes<S>[]
): PluggedFeature<S> {
  return { ...feature, routes };
}

/** The routes of the plugged features of `scope` over this host's services, in the list's order. */
export function featureApps(
  ctx: AppContext,
  scope: "host" | "app",
): { mount: string; app: DeclaredApp }[] {
  return ctx.features.all.filter((f) => f.scope === scope).flatMap((f) =>
    ((f as Partial<PluggedFeature<object>>).routes ?? []).map((r) => ({
      mount: r.mount,
      app: r.routes(ctx.features.lazy(f as Feature<object, FeatureParts>), ctx),
    }))
  );
}
