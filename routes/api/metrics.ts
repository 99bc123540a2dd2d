// Monitoring API: metric history, retention settings, alerts and insights (mounted at /api),
// and the Prometheus endpoint (mounted at /).

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import { alertEventsFor, alertRulesFor } from "../../lib/auth/redact.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "../middleware/auth.ts";
import {
  INSIGHT_RANGES,
  type InsightRange,
  METRIC_RANGES,
  type MetricRange,
} from "../../shared/metrics.ts";
import { jsonBody } from "../body.ts";

const ALERT_LIMIT_MAX = 1000;

function rangeOf<R extends string>(value: string | undefined, allowed: readonly R[], fallback: R) {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as R)) {
    throw new AppError("INVALID_RANGE", `range must be one of ${allowed.join(", ")}`);
  }
  return value as R;
}

const metricRange = (v: string | undefined) => rangeOf<MetricRange>(v, METRIC_RANGES, "1h");
const insightRange = (v: string | undefined) => rangeOf<InsightRange>(v, INSIGHT_RANGES, "24h");

function alertQuery(q: Record<string, string>) {
  const state = q.state ?? "all";
  if (state !== "active" && state !== "all") {
    throw new AppError("BAD_REQUEST", "state must be active or all");
  }
  const limit = q.limit === undefined ? 100 : Number(q.limit);
  if (!/^\d+$/.test(q.limit ?? "100") || limit < 1 || limit > ALERT_LIMIT_MAX) {
    throw new AppError("BAD_REQUEST", `limit must be a whole number from 1 to ${ALERT_LIMIT_MAX}`);
  }
  return { state: state as "active" | "all", vmId: q.vm || undefined, limit };
}

/** Mount at "/api". */
export function monitoringRoutes({ monitoring }: AppContext): Hono {
  const app = new Hono();

  app.get(
    "/vms/:id/metrics",
    async (c) =>
      c.json(await monitoring.vmSeries(c.req.param("id"), metricRange(c.req.query("range")))),
  );
  app.get("/host/metrics", (c) => c.json(monitoring.hostSeries(metricRange(c.req.query("range")))));

  app.get("/settings/metrics", (c) => c.json(monitoring.settings()));
  app.put(
    "/settings/metrics/retention",
    async (c) => c.json(monitoring.setRetention(await jsonBody(c.req.raw))),
  );
  app.post("/settings/metrics/cleanup", async (c) => c.json(await monitoring.cleanupNow()));

  const { alerts } = monitoring;
  // Webhook URLs and delivery errors (which name them) are for admins: lib/auth/redact.ts.
  app.get("/alerts/rules", (c) => c.json(alertRulesFor(c.get("identity"), alerts.rules.list())));
  app.post(
    "/alerts/rules",
    async (c) => c.json(await alerts.createRule(await jsonBody(c.req.raw)), 201),
  );
  app.put(
    "/alerts/rules/:id",
    async (c) => c.json(await alerts.replaceRule(c.req.param("id"), await jsonBody(c.req.raw))),
  );
  app.delete("/alerts/rules/:id", (c) => {
    alerts.deleteRule(c.req.param("id"));
    return c.body(null, 204);
  });
  app.get(
    "/alerts",
    (c) => c.json(alertEventsFor(c.get("identity"), alerts.events(alertQuery(c.req.query())))),
  );

  app.get(
    "/insights",
    async (c) => c.json(await monitoring.insights(insightRange(c.req.query("range")))),
  );
  app.get(
    "/vms/:id/insights",
    async (c) =>
      c.json(await monitoring.insights(insightRange(c.req.query("range")), c.req.param("id"))),
  );

  return app;
}

/** Mount at "/": GET /metrics for Prometheus. */
export function prometheusRoutes({ monitoring }: AppContext): Hono {
  const app = new Hono();
  app.get("/metrics", (c) =>
    c.body(monitoring.prometheus(), 200, {
      "content-type": "text/plain; version=0.0.4; charset=utf-8",
      "cache-control": "no-store",
    }));
  return app;
}
