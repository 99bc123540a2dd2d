// /schedules: scheduled VM actions and backups.

import Schedules from "../../islands/Schedules.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { PageHead } from "./_page_head.tsx";
import type { PageKit } from "../page_kit.tsx";

function SchedulesPage() {
  return (
    <>
      <PageHead title={t("Schedules")}>
        {t(
          "Start, shut down, reboot, snapshot or back up VMs once, daily, weekly, monthly or on a cron expression.",
        )}
      </PageHead>
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
