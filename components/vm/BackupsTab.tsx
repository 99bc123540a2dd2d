// The Backups tab (/vms/:id/backups): the VM's backups, Back up now and restore.

import type { Vm } from "../../shared/vms.ts";
import VmBackups from "../../islands/VmBackups.tsx";
import { Island } from "../Island.tsx";

export function BackupsTab({ vm }: { vm: Vm }) {
  return <Island name="VmBackups" component={VmBackups} props={{ vmId: vm.id, vmName: vm.name }} />;
}
