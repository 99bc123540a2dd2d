// The Snapshots tab (/vms/:id/snapshots): the VM's snapshots with create, revert and delete.

import type { Vm } from "../../shared/vms.ts";
import VmSnapshots from "../../islands/VmSnapshots.tsx";
import { Island } from "../Island.tsx";

export function SnapshotsTab({ vm }: { vm: Vm }) {
  return (
    <Island
      name="VmSnapshots"
      component={VmSnapshots}
      props={{ vmId: vm.id, vmName: vm.name, state: vm.state }}
    />
  );
}
