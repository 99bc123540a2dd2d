// /vms/:id: a VM's Summary tab (configuration, usage, guest, insights); the only VM tab with
// uPlot's graphs.

import type { Vm } from "../../shared/vms.ts";
import Insights from "../../islands/Insights.tsx";
import VmGraphs from "../../islands/VmGraphs.tsx";
import VmGuest from "../../islands/VmGuest.tsx";
import VmOverview from "../../islands/VmOverview.tsx";
import VmScreen from "../../islands/VmScreen.tsx";
import { Island } from "../../components/Island.tsx";
import { UsageCard } from "../../components/UsageCard.tsx";
import { t } from "../../shared/i18n/t.ts";
import { VmFrame } from "./_vm_frame.tsx";
import type { PageKit } from "../page_kit.tsx";
import { UPLOT_CSS } from "../page_styles.ts";
import { mayConsole, VM_STYLES, withVm } from "./_vm.tsx";

/** `tickSeconds`: the collector tick, how often the live graphs re-read. */
function SummaryTab({ vm, tickSeconds }: { vm: Vm; tickSeconds: number }) {
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

export default function (page: PageKit) {
  page.page(
    "/vms/:id",
    "A VM's Summary tab: configuration, usage, guest, insights",
    (c) =>
      withVm(page, c, (vm, cluster) => ({
        body: (
          <VmFrame vm={vm} tab="summary" cluster={cluster} console={mayConsole(c, vm)}>
            <SummaryTab vm={vm} tickSeconds={page.tickSeconds()} />
          </VmFrame>
        ),
        title: vm.name,
        active: "vms",
        styles: [UPLOT_CSS, ...VM_STYLES],
      })),
  );
}
