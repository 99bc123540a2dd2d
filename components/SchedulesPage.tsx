// Body of /schedules: scheduled operations and their run history.

import Schedules from "../islands/Schedules.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function SchedulesPage() {
  return (
    <>
      <h1>{t("Schedules")}</h1>
      <p class="lead">
        {t(
          "Start, shut down, reboot, snapshot or back up VMs once, daily, weekly, monthly or on a cron expression.",
        )}
      </p>
      <Island name="Schedules" component={Schedules} props={{}} />
    </>
  );
}
