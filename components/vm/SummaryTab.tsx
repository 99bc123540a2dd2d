// The Summary tab (/vms/:id): configuration, live usage, the screen, the guest and insights, laid out as a
// grid of cards that uses the width of wide screens.

import type { Vm } from "../../shared/vms.ts";
import Insights from "../../islands/Insights.tsx";
import VmGraphs from "../../islands/VmGraphs.tsx";
import VmGuest from "../../islands/VmGuest.tsx";
import VmOverview from "../../islands/VmOverview.tsx";
import VmScreen from "../../islands/VmScreen.tsx";
import { Island } from "../Island.tsx";
import { UsageCard } from "../UsageCard.tsx";
import { t } from "../../shared/i18n/t.ts";

/** `tickSeconds`: the collector tick, how often the live graphs re-read. */
export function SummaryTab({ vm, tickSeconds }: { vm: Vm; tickSeconds: number }) {
  return (
    <div class="cards summary-grid">
      <Island name="VmOverview" component={VmOverview} props={{ vm }} />
      {/* The screen beside the configuration, where two columns fit. */}
      <Island
        name="VmScreen"
        component={VmScreen}
        props={{ vmId: vm.id, name: vm.name, state: vm.state }}
      />
      <UsageCard title={t("Usage")}>
        <Island name="VmGraphs" component={VmGraphs} props={{ id: vm.id, tickSeconds }} />
      </UsageCard>
      <Island name="VmGuest" component={VmGuest} props={{ vmId: vm.id, state: vm.state }} />
      <section class="card" aria-labelledby="insights-title">
        <h2 id="insights-title">{t("Insights")}</h2>
        <Island
          name="Insights"
          component={Insights}
          props={{ vmId: vm.id, range: "24h" as const, report: null }}
        />
      </section>
    </div>
  );
}
