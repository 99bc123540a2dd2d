// /vms/:id/firewall: a VM's Firewall tab.

import type { Vm } from "../../shared/vms.ts";
import VmFirewall from "../../islands/VmFirewall.tsx";
import { Island } from "../../components/Island.tsx";
import type { PageKit } from "../page_kit.tsx";
import { vmTab } from "./_vm.tsx";

function FirewallTab({ vm }: { vm: Vm }) {
  return (
    <Island name="VmFirewall" component={VmFirewall} props={{ vmId: vm.id, vmName: vm.name }} />
  );
}

export default function (page: PageKit) {
  vmTab(
    page,
    "firewall",
    "A VM's Firewall tab: its network filter rules and policies",
    FirewallTab,
  );
}
