// /alerts: alert rules and what fires now.

import AlertsView from "../../islands/AlertsView.tsx";
import { t } from "../../shared/i18n/t.ts";
import { Island } from "../../components/Island.tsx";
import type { PageKit } from "../page_kit.tsx";
import { MONITORING_STYLES } from "../page_styles.ts";

export default function (page: PageKit) {
  page.page(
    "/alerts",
    "Alerts page",
    (c) =>
      page.render(c, <Island name="AlertsView" component={AlertsView} props={{}} />, {
        title: t("Alerts"),
        head: {
          lead: t(
            "Rules are checked at every collector reading; an alert fires after its consecutive readings above the threshold and resolves after as many below.",
          ),
        },
        active: "alerts",
        styles: MONITORING_STYLES,
      }),
  );
}
