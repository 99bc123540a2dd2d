// The Backups tab (/vms/:id/backups): the VM's backups, Back up now and restore; backups into off-host repositories.

import type { Vm } from "../../shared/vms.ts";
import VmBackups from "../../islands/VmBackups.tsx";
import VmResticBackups from "../../islands/VmResticBackups.tsx";
import { Island } from "../Island.tsx";

export function BackupsTab({ vm }: { vm: Vm }) {
  const props = { vmId: vm.id, vmName: vm.name };
  return (
    <>
      <Island name="VmBackups" component={VmBackups} props={props} />
      <Island name="VmResticBackups" component={VmResticBackups} props={props} />
    </>
  );
}
