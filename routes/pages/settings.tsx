// /settings: metric history retention, backups, notifications and the HTTPS certificate.

import type { MetricsSettings } from "../../shared/metrics.ts";
import BackupSettings from "../../islands/BackupSettings.tsx";
import CertificateSettings from "../../islands/CertificateSettings.tsx";
import NotifySettings from "../../islands/NotifySettings.tsx";
import RetentionSettings from "../../islands/RetentionSettings.tsx";
import { t } from "../../shared/i18n/t.ts";
import { Island } from "../../components/Island.tsx";
import type { PageKit } from "../page_kit.tsx";
import { MONITORING_STYLES } from "../page_styles.ts";

function SettingsPage({ settings }: { settings: MetricsSettings }) {
  return (
    <>
      {settings.historyProblem && (
        <p class="notice notice-error" role="alert">{settings.historyProblem}</p>
      )}
      <Island name="RetentionSettings" component={RetentionSettings} props={{ settings }} />
      <Island name="BackupSettings" component={BackupSettings} props={{}} />
      <Island name="NotifySettings" component={NotifySettings} props={{}} />
      <Island name="CertificateSettings" component={CertificateSettings} props={{}} />
    </>
  );
}

export default function (page: PageKit) {
  page.page(
    "/settings",
    "Settings page: metric history retention",
    (c) =>
      page.render(c, <SettingsPage settings={page.ctx.monitoring.settings()} />, {
        title: t("Settings"),
        head: {
          lead: t(
            "Usage history is kept as raw samples, then as 1-minute and 1-hour averages and maxima.",
          ),
        },
        active: "settings",
        styles: MONITORING_STYLES,
      }),
  );
}
