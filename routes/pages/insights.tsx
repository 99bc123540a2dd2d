// /insights: the host's and its VMs' use over a range, and what to do about it.

import { INSIGHT_RANGES, type InsightRange, type InsightReport } from "../../shared/metrics.ts";
import Insights from "../../islands/Insights.tsx";
import { t } from "../../shared/i18n/t.ts";
import { Island } from "../../components/Island.tsx";
import { PageHead } from "./_page_head.tsx";
import type { PageKit } from "../page_kit.tsx";
import { MONITORING_STYLES } from "../page_styles.ts";

function InsightsPage({ range, report }: { range: InsightRange; report: InsightReport }) {
  return (
    <>
      <PageHead title={t("Insights")}>
        {t("Suggestions drawn from the host's and each VM's usage history.")}
      </PageHead>
      <Island name="Insights" component={Insights} props={{ vmId: null, range, report }} />
    </>
  );
}

export default function (page: PageKit) {
  page.page("/insights", "Insights page", async (c) => {
    // An unknown range falls back to the default, as a page should rather than answer 400.
    const asked = c.req.query("range") as InsightRange;
    const range = INSIGHT_RANGES.includes(asked) ? asked : "24h";
    const report = await page.ctx.monitoring.insights(range);
    return page.render(c, <InsightsPage range={range} report={report} />, {
      title: t("Insights"),
      active: "insights",
      styles: MONITORING_STYLES,
    });
  });
}
