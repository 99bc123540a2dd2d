// /insights: the host's and its VMs' use over a range, and what to do about it.

import { INSIGHT_RANGES, type InsightRange } from "../../shared/metrics.ts";
import Insights from "../../islands/Insights.tsx";
import { t } from "../../shared/i18n/t.ts";
import { Island } from "../../components/Island.tsx";
import type { PageKit } from "../page_kit.tsx";
import { MONITORING_STYLES } from "../page_styles.ts";

export default function (page: PageKit) {
  page.page("/insights", "Insights page", async (c) => {
    // An unknown range falls back to the default, as a page should rather than answer 400.
    const asked = c.req.query("range") as InsightRange;
    const range = INSIGHT_RANGES.includes(asked) ? asked : "24h";
    const report = await page.ctx.monitoring.insights(range);
    const body = (
      <Island name="Insights" component={Insights} props={{ vmId: null, range, report }} />
    );
    return page.render(c, body, {
      title: t("Insights"),
      head: { lead: t("Suggestions drawn from the host's and each VM's usage history.") },
      active: "insights",
      styles: MONITORING_STYLES,
    });
  });
}
