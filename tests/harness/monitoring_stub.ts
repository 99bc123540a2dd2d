// Test helper: the part of the monitoring service the pages read, with fixed figures.

import type {
  AlertEvent,
  InsightRange,
  InsightReport,
  MetricsSettings,
} from "../../shared/metrics.ts";

export const STUB_SETTINGS: MetricsSettings = {
  policy: {
    enabled: true,
    rawHours: 24,
    minuteDays: 14,
    hourDays: 365,
    cleanupHour: 3,
    lastCleanupAt: null,
  },
  tickSeconds: 5,
  dbSizeBytes: 3 * 1024 * 1024,
  rows: { raw: 1200, minute: 60, hour: 1 },
};

/**
 * `activeAlerts` alerts firing (`firing`: the events the dashboard lists); insights answer one
 * host-wide warning.
 */
export function stubMonitoring(
  { activeAlerts = 0, firing = [] }: { activeAlerts?: number; firing?: AlertEvent[] } = {},
) {
  return {
    alerts: {
      activeCount: () => activeAlerts,
      events: ({ limit = 100 }: { limit?: number } = {}) => firing.slice(0, limit),
    },
    collector: { tickMs: STUB_SETTINGS.tickSeconds * 1000 },
    settings: () => STUB_SETTINGS,
    insights: (range: InsightRange): Promise<InsightReport> =>
      Promise.resolve({
        range,
        generatedAt: "2025-01-01T00:00:00.000Z",
        analyzedVms: 2,
        insights: [{
          kind: "vcpu-overcommit",
          category: "cpu",
          severity: "warning",
          vmId: null,
          vmName: null,
          title: "vCPUs are overcommitted 3:1",
          detail: "Running VMs have 48 vCPUs on 16 host threads.",
          evidence: { vcpus: 48, hostThreads: 16 },
        }],
      }),
  };
}
