// /schedules: scheduled VM actions and backups.

import Schedules from "../../islands/Schedules.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";

function SchedulesPage() {
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

export default function (page: PageKit) {
  page.page(
    "/schedules",
    "Schedules page",
    (c) => page.render(c, <SchedulesPage />, { title: t("Schedules"), active: "schedules" }),
  );
}
