// Suggestions drawn from history over 24h, 7d or 30d: host-wide and per VM on /insights, or one
// VM's on its details page, each with its severity and the figures behind it.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import {
  type Insight,
  INSIGHT_RANGES,
  type InsightRange,
  type InsightReport,
} from "../shared/metrics.ts";
import { t } from "../shared/i18n/t.ts";
import { SeverityBadge } from "../components/kit/Badge.tsx";
import { errorMessage } from "../components/client/api.ts";
import { getInsights, getVmInsights } from "./monitoring/api.ts";
import { evidenceLabel, formatNumber } from "./monitoring/format.ts";
import { groupInsights, insightWords } from "./monitoring/insights.ts";
import { RangeSelector } from "./monitoring/RangeSelector.tsx";

interface Props {
  /** One VM's insights, or null for the host and every VM. */
  vmId: string | null;
  range: InsightRange;
  /** What the server rendered, or null to load it in the browser. */
  report: InsightReport | null;
  [key: string]: unknown;
}

export default function Insights(props: Props) {
  const range = useSignal(props.range);
  const report = useSignal(props.report);
  const loading = useSignal(false);
  const error = useSignal<string | null>(null);
  const hydrated = useSignal(false);

  const load = async (r: InsightRange) => {
    range.value = r;
    // The insights page keeps the range in its address, so a reload shows the same.
    if (!props.vmId) history.replaceState(null, "", `?range=${r}`);
    loading.value = true;
    try {
      const fresh = props.vmId ? await getVmInsights(props.vmId, r) : await getInsights(r);
      if (range.value !== r) return;
      report.value = fresh;
      error.value = null;
    } catch (err) {
      error.value = t("Cannot read insights: {{error}}", { error: errorMessage(err) });
    } finally {
      loading.value = false;
    }
  };

  useEffect(() => {
    hydrated.value = true;
    if (props.report === null) load(props.range);
  }, []);

  const rep = report.value?.range === range.value ? report.value : null;
  return (
    <div class="insights" aria-busy={loading.value}>
      <div class="graph-toolbar">
        <RangeSelector
          ranges={INSIGHT_RANGES}
          value={range.value}
          disabled={!hydrated.value}
          onChange={load}
        />
        {rep && !props.vmId && (
          <span class="muted">
            {t("{{count}} VMs with enough history", { count: rep.analyzedVms })}
          </span>
        )}
      </div>
      {error.value && <p class="notice notice-error" role="alert">{error.value}</p>}
      {!rep && !error.value && <p class="muted">{t("Loading insights…")}</p>}
      {rep?.insights.length === 0 && (
        <p class="muted" role="status">
          {t("No suggestions: not enough history yet or nothing to report")}
        </p>
      )}
      {rep && props.vmId && <InsightList insights={rep.insights} />}
      {rep && !props.vmId &&
        groupInsights(rep.insights).map((g) => (
          <section key={g.key} class="insight-group" aria-labelledby={`insights-${g.key}`}>
            <h2 id={`insights-${g.key}`}>
              {g.key === "host" ? g.title : <a href={`/vms/${g.key}`}>{g.title}</a>}
            </h2>
            <InsightList insights={g.insights} />
          </section>
        ))}
    </div>
  );
}

function InsightList({ insights }: { insights: Insight[] }) {
  return (
    <ul class="insight-list">
      {insights.map((i) => {
        const words = insightWords(i);
        return (
          <li key={`${i.kind}-${i.vmId}`} class="insight" data-kind={i.kind}>
            <h3>
              <SeverityBadge severity={i.severity} /> {words.title}
            </h3>
            <p>{words.detail}</p>
            <dl class="evidence">
              {Object.entries(i.evidence).map(([k, v]) => (
                <div key={k}>
                  <dt>{evidenceLabel(k)}</dt>
                  <dd>{formatNumber(v)}</dd>
                </div>
              ))}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
