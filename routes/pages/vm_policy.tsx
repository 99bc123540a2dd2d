// /vms/:id/policy: a VM's Policy tab.

import type { Vm } from "../../shared/vms.ts";
import VmPolicy from "../../islands/VmPolicy.tsx";
import { Island } from "../../components/Island.tsx";
import type { PageKit } from "../page_kit.tsx";
import { vmTab } from "./_vm.tsx";

function PolicyTab({ vm }: { vm: Vm }) {
  return <Island name="VmPolicy" component={VmPolicy} props={{ vmId: vm.id, vmName: vm.name }} />;
}

export default function (page: PageKit) {
  vmTab(page, "policy", "A VM's Policy tab: its profile and overrides", PolicyTab);
}
