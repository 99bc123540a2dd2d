// Browser calls of the monitoring API: metric history, retention, alerts and insights.

import type {
  AlertEvent,
  AlertRule,
  AlertRuleInput,
  CleanupResult,
  HostMetricSeries,
  InsightRange,
  InsightReport,
  MetricRange,
  MetricsSettings,
  RetentionInput,
  RetentionPolicy,
  VmMetricSeries,
} from "../../shared/metrics.ts";
import { request } from "../client/api.ts";

const part = encodeURIComponent;
const vmPath = (id: string) => `/api/vms/${part(id)}`;
const rulePath = (id: string) => `/api/alerts/rules/${part(id)}`;

export const getVmMetrics = (id: string, range: MetricRange) =>
  request<VmMetricSeries>("GET", `${vmPath(id)}/metrics?range=${range}`);
export const getHostMetrics = (range: MetricRange) =>
  request<HostMetricSeries>("GET", `/api/host/metrics?range=${range}`);

export const getMetricsSettings = () => request<MetricsSettings>("GET", "/api/settings/metrics");
export const saveRetention = (input: RetentionInput) =>
  request<RetentionPolicy>("PUT", "/api/settings/metrics/retention", input);
export const cleanUpNow = () => request<CleanupResult>("POST", "/api/settings/metrics/cleanup");

export const listRules = () => request<AlertRule[]>("GET", "/api/alerts/rules");
export const createRule = (input: AlertRuleInput) =>
  request<AlertRule>("POST", "/api/alerts/rules", input);
export const updateRule = (id: string, input: AlertRuleInput) =>
  request<AlertRule>("PUT", rulePath(id), input);
export const deleteRule = (id: string) => request<void>("DELETE", rulePath(id));
export const listAlerts = () => request<AlertEvent[]>("GET", "/api/alerts?state=all&limit=100");

export const getInsights = (range: InsightRange) =>
  request<InsightReport>("GET", `/api/insights?range=${range}`);
export const getVmInsights = (id: string, range: InsightRange) =>
  request<InsightReport>("GET", `${vmPath(id)}/insights?range=${range}`);
