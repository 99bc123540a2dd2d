// Monitoring API: metric history, retention settings, alerts and insights (mounted at /api),
// and the Prometheus endpoint (mounted at /).

import { z } from "zod";
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
import { fleetMetrics } from "../../lib/hosts/fleet_metrics.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";
import { AlertRuleBody } from "../../lib/metrics/alert_rules.ts";
import { RETENTION_CODES, RetentionBody } from "../../lib/metrics/retention.ts";
import { t } from "../../shared/i18n/t.ts";

const ALERT_LIMIT_MAX = 1000;

function rangeOf<R extends string>(value: string | undefined, allowed: readonly R[], fallback: R) {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as R)) {
    throw new AppError(
      "INVALID_RANGE",
      t("range must be one of {{ranges}}", { ranges: allowed.join(", ") }),
    );
  }
  return value as R;
}

const metricRange = (v: string | undefined) => rangeOf<MetricRange>(v, METRIC_RANGES, "1h");
const insightRange = (v: string | undefined) => rangeOf<InsightRange>(v, INSIGHT_RANGES, "24h");

function alertQuery(q: Record<string, string>) {
  const state = q.state ?? "all";
  if (state !== "active" && state !== "all") {
    throw new AppError("BAD_REQUEST", t("state must be active or all"));
  }
  const limit = q.limit === undefined ? 100 : Number(q.limit);
  if (!/^\d+$/.test(q.limit ?? "100") || limit < 1 || limit > ALERT_LIMIT_MAX) {
    throw new AppError(
      "BAD_REQUEST",
      t("limit must be a whole number from 1 to {{max}}", { max: ALERT_LIMIT_MAX }),
    );
  }
  return { state: state as "active" | "all", vmId: q.vm || undefined, limit };
}

/** The `range` query parameter, as documented. */
const rangeQuery = (ranges: readonly string[], fallback: string) => ({
  range: z.string().optional().meta({
    description: `One of ${ranges.join(", ")} (default ${fallback})`,
  }),
});

/** Mount at "/api". */
export function monitoringRoutes({ monitoring }: AppContext): DeclaredApp {
  // Admins change settings and rules; everyone signed in may read.
  const app = new DeclaredApp({ access: "admin", writesStore: true });

  app.GET(
    "/vms/:id/metrics",
    "A VM's metric history over a range",
    {
      access: "read",
      params: VM_ID,
      query: rangeQuery(METRIC_RANGES, "1h"),
      answer: "VmMetricSeries",
    },
    async (c) =>
      c.json(await monitoring.vmSeries(c.req.param("id"), metricRange(c.req.query("range")))),
  );
  app.GET(
    "/vms/:id/metrics/guest",
    "A VM's per-core CPU and memory detail from inside the guest (our agent) over a range",
    {
      access: "read",
      params: VM_ID,
      query: rangeQuery(METRIC_RANGES, "1h"),
      answer: "GuestMetricSeries",
    },
    async (c) =>
      c.json(
        await monitoring.guestSeries(c.req.param("id"), metricRange(c.req.query("range"))),
      ),
  );
  app.GET("/host/metrics", "The host's metric history over a range", {
    access: "read",
    query: rangeQuery(METRIC_RANGES, "1h"),
    answer: "HostMetricSeries",
  }, (c) => c.json(monitoring.hostSeries(metricRange(c.req.query("range")))));

  app.GET("/settings/metrics", "The metric history's retention policy and size", {
    access: "read",
    answer: "MetricsSettings",
  }, reply(() => monitoring.settings()));
  app.PUT("/settings/metrics/retention", "Change the metric history's retention policy", {
    audit: "metrics.retention-update",
    body: { schema: RetentionBody, ...RETENTION_CODES },
    answer: "RetentionPolicy",
  }, reply((_, body) => monitoring.setRetention(body)));
  app.POST("/settings/metrics/cleanup", "Apply the retention policy to the metric history now", {
    audit: "metrics.cleanup",
    answer: "MetricsCleanup",
  }, reply(() => monitoring.cleanupNow()));

  const { alerts } = monitoring;
  // Webhook URLs and delivery errors (which name them) are for admins: lib/auth/redact.ts.
  app.GET(
    "/alerts/rules",
    "List alert rules",
    { access: "read", answer: "AlertRuleList" },
    (c) => c.json(alertRulesFor(c.get("identity"), alerts.rules.list())),
  );
  app.POST("/alerts/rules", "Create an alert rule", {
    body: { schema: AlertRuleBody, code: "INVALID_ALERT_RULE" },
    responses: { 201: "The rule" },
    answer: "AlertRule",
  }, reply((_, body) => alerts.createRule(body)));
  app.PUT("/alerts/rules/:id", "Replace an alert rule", {
    // Checked by the service once the rule is found (404 before a bad body): the schema only
    // describes the body.
    body: { schema: AlertRuleBody, check: false },
    answer: "AlertRule",
  }, reply(({ id }, body) => alerts.replaceRule(id, body)));
  app.DELETE("/alerts/rules/:id", "Delete an alert rule", {
    responses: { 204: "Deleted" },
  }, reply(({ id }) => alerts.deleteRule(id)));
  app.GET("/alerts", "Alert events, newest first", {
    access: "read",
    query: {
      state: z.string().optional().meta({ description: "active or all (default all)" }),
      vm: z.string().optional().meta({ description: "Only this VM's alerts (its UUID)" }),
      limit: z.string().optional().meta({
        description: `How many, 1 to ${ALERT_LIMIT_MAX} (default 100)`,
      }),
    },
    answer: "AlertEventList",
  }, (c) => c.json(alertEventsFor(c.get("identity"), alerts.events(alertQuery(c.req.query())))));

  app.GET("/insights", "Suggestions for every VM and the host from the metric history", {
    access: "read",
    query: rangeQuery(INSIGHT_RANGES, "24h"),
    answer: "InsightReport",
  }, async (c) => c.json(await monitoring.insights(insightRange(c.req.query("range")))));
  app.GET(
    "/vms/:id/insights",
    "Suggestions for one VM from the metric history",
    {
      access: "read",
      params: VM_ID,
      query: rangeQuery(INSIGHT_RANGES, "24h"),
      answer: "InsightReport",
    },
    async (c) =>
      c.json(await monitoring.insights(insightRange(c.req.query("range")), c.req.param("id"))),
  );

  return app;
}

/** Mount at "/": GET /metrics for Prometheus. */
export function prometheusRoutes({ monitoring, hosts }: AppContext): DeclaredApp {
  const app = new DeclaredApp();
  app.GET("/metrics", "Every host's VM and host metrics, and the server's, for Prometheus", {
    access: "read",
    responses: {
      200: { description: "Prometheus text format 0.0.4 (text/plain)", media: "text/plain" },
    },
  }, (c) =>
    c.body(fleetMetrics({ local: monitoring, hosts }), 200, {
      "content-type": "text/plain; version=0.0.4; charset=utf-8",
      "cache-control": "no-store",
    }));
  return app;
}
