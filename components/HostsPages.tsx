// Bodies of `/hosts` (the libvirt hosts and adding one) and `/vms?host=all` (every host's VMs).

import type { AllHostsVms, HostStatus } from "../shared/hosts.ts";
import type { VmSummary } from "../shared/vms.ts";
import AllHostsVmList from "../islands/AllHostsVmList.tsx";
import HostsManager from "../islands/HostsManager.tsx";
import HostMaintenance from "../islands/HostMaintenance.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function HostsPage({ hosts }: { hosts: HostStatus[] }) {
  return (
    <>
      <div class="page-header">
        <h1>{t("Hosts")}</h1>
      </div>
      <p class="lead">
        {t(
          "The libvirt hosts this server manages. Each has its own connection: one that is down or slow does not hold up the others. Pick one in the switcher at the top.",
        )}
      </p>
      <section class="card">
        <Island name="HostsManager" component={HostsManager} props={{ hosts }} />
      </section>
      <Island name="HostMaintenance" component={HostMaintenance} props={{ hosts }} />
    </>
  );
}

export function AllHostsPage({ view }: { view: AllHostsVms<VmSummary> }) {
  return (
    <>
      <div class="page-header">
        <h1>{t("Virtual machines on all hosts")}</h1>
      </div>
      <section class="card">
        <Island name="AllHostsVmList" component={AllHostsVmList} props={{ initial: view }} />
      </section>
    </>
  );
}
