// Browser calls of the monitoring API: metric history, retention, alerts and insights.

import type {
  AlertEvent,
  AlertRule,
  AlertRuleInput,
  CleanupResult,
  GuestMetricSeries,
  HostMetricSeries,
  InsightRange,
  InsightReport,
  MetricRange,
  MetricsSettings,
  RetentionInput,
  RetentionPolicy,
  VmMetricSeries,
} from "../../shared/metrics.ts";
import {
  alertRulePath,
  alertRulesPath,
  alertsPath,
  hostMetricsPath,
  insightsPath,
  metricsCleanupPath,
  metricsRetentionPath,
  metricsSettingsPath,
  vmGuestMetricsPath,
  vmInsightsPath,
  vmMetricsPath,
} from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export const getVmMetrics = (id: string, range: MetricRange) =>
  request<VmMetricSeries>("GET", `${vmMetricsPath(id)}?range=${range}`);
export const getGuestMetrics = (id: string, range: MetricRange) =>
  request<GuestMetricSeries>("GET", `${vmGuestMetricsPath(id)}?range=${range}`);
export const getHostMetrics = (range: MetricRange) =>
  request<HostMetricSeries>("GET", `${hostMetricsPath()}?range=${range}`);

export const getMetricsSettings = () => request<MetricsSettings>("GET", metricsSettingsPath());
export const saveRetention = (input: RetentionInput) =>
  request<RetentionPolicy>("PUT", metricsRetentionPath(), input);
export const cleanUpNow = () => request<CleanupResult>("POST", metricsCleanupPath());

export const listRules = () => request<AlertRule[]>("GET", alertRulesPath());
export const createRule = (input: AlertRuleInput) =>
  request<AlertRule>("POST", alertRulesPath(), input);
export const updateRule = (id: string, input: AlertRuleInput) =>
  request<AlertRule>("PUT", alertRulePath(id), input);
export const deleteRule = (id: string) => request<void>("DELETE", alertRulePath(id));
export const listAlerts = () => request<AlertEvent[]>("GET", `${alertsPath()}?state=all&limit=100`);

export const getInsights = (range: InsightRange) =>
  request<InsightReport>("GET", `${insightsPath()}?range=${range}`);
export const getVmInsights = (id: string, range: InsightRange) =>
  request<InsightReport>("GET", `${vmInsightsPath(id)}?range=${range}`);
