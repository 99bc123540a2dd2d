// /vms/:id/backups: a VM's Backups tab.

import type { Vm } from "../../shared/vms.ts";
import VmBackups from "../../islands/VmBackups.tsx";
import VmResticBackups from "../../islands/VmResticBackups.tsx";
import { Island } from "../../components/Island.tsx";
import type { PageKit } from "../page_kit.tsx";
import { vmTab } from "./_vm.tsx";

function BackupsTab({ vm }: { vm: Vm }) {
  const props = { vmId: vm.id, vmName: vm.name };
  return (
    <>
      <Island name="VmBackups" component={VmBackups} props={props} />
      <Island name="VmResticBackups" component={VmResticBackups} props={props} />
    </>
  );
}

export default function (page: PageKit) {
  vmTab(page, "backups", "A VM's Backups tab", BackupsTab);
}
