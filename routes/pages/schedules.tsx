// /schedules: scheduled VM actions and backups.

import Schedules from "../../islands/Schedules.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";

export default function (page: PageKit) {
  page.page(
    "/schedules",
    "Schedules page",
    (c) =>
      page.render(c, <Island name="Schedules" component={Schedules} props={{}} />, {
        title: t("Schedules"),
        head: {
          lead: t(
            "Start, shut down, reboot, snapshot or back up VMs once, daily, weekly, monthly or on a cron expression.",
          ),
        },
        active: "schedules",
      }),
  );
}
