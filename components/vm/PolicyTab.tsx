// The Policy tab (/vms/:id/policy): the VM's profile, its effective settings and overrides.

import type { Vm } from "../../shared/vms.ts";
import VmPolicy from "../../islands/VmPolicy.tsx";
import { Island } from "../Island.tsx";

export function PolicyTab({ vm }: { vm: Vm }) {
  return <Island name="VmPolicy" component={VmPolicy} props={{ vmId: vm.id, vmName: vm.name }} />;
}
