// Bodies of /alerts, /insights and /settings: a heading, a line of context and the page's island.

import type { InsightRange, InsightReport, MetricsSettings } from "../shared/metrics.ts";
import AlertsView from "../islands/AlertsView.tsx";
import BackupSettings from "../islands/BackupSettings.tsx";
import NotifySettings from "../islands/NotifySettings.tsx";
import Insights from "../islands/Insights.tsx";
import RetentionSettings from "../islands/RetentionSettings.tsx";
import { t } from "../shared/i18n/t.ts";
import { Island } from "./Island.tsx";

export function AlertsPage() {
  return (
    <>
      <h1>{t("Alerts")}</h1>
      <p class="lead">
        {t(
          "Rules are checked at every collector reading; an alert fires after its consecutive readings above the threshold and resolves after as many below.",
        )}
      </p>
      <Island name="AlertsView" component={AlertsView} props={{}} />
    </>
  );
}

export function InsightsPage({ range, report }: { range: InsightRange; report: InsightReport }) {
  return (
    <>
      <h1>{t("Insights")}</h1>
      <p class="lead">{t("Suggestions drawn from the host's and each VM's usage history.")}</p>
      <Island name="Insights" component={Insights} props={{ vmId: null, range, report }} />
    </>
  );
}

export function SettingsPage({ settings }: { settings: MetricsSettings }) {
  return (
    <>
      <h1>{t("Settings")}</h1>
      <p class="lead">
        {t(
          "Usage history is kept as raw samples, then as 1-minute and 1-hour averages and maxima.",
        )}
      </p>
      {settings.historyProblem && (
        <p class="notice notice-error" role="alert">{settings.historyProblem}</p>
      )}
      <Island name="RetentionSettings" component={RetentionSettings} props={{ settings }} />
      <Island name="BackupSettings" component={BackupSettings} props={{}} />
      <Island name="NotifySettings" component={NotifySettings} props={{}} />
    </>
  );
}
