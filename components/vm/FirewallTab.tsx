// The Firewall tab (/vms/:id/firewall): the VM's network filter rules, policies and anti-spoofing.

import type { Vm } from "../../shared/vms.ts";
import VmFirewall from "../../islands/VmFirewall.tsx";
import { Island } from "../Island.tsx";

export function FirewallTab({ vm }: { vm: Vm }) {
  return (
    <Island name="VmFirewall" component={VmFirewall} props={{ vmId: vm.id, vmName: vm.name }} />
  );
}
