// /vms/:id/snapshots: a VM's Snapshots tab.

import type { Vm } from "../../shared/vms.ts";
import VmSnapshots from "../../islands/VmSnapshots.tsx";
import { Island } from "../../components/Island.tsx";
import type { PageKit } from "../page_kit.tsx";
import { vmTab } from "./_vm.tsx";

function SnapshotsTab({ vm }: { vm: Vm }) {
  return (
    <Island
      name="VmSnapshots"
      component={VmSnapshots}
      props={{ vmId: vm.id, vmName: vm.name, state: vm.state }}
    />
  );
}

export default function (page: PageKit) {
  vmTab(page, "snapshots", "A VM's Snapshots tab", SnapshotsTab);
}
