// /vms/:id/advanced: a VM's Advanced tab.

import type { Vm } from "../../shared/vms.ts";
import VmMigrate from "../../islands/VmMigrate.tsx";
import VmXml from "../../islands/vm/VmXml.tsx";
import VmStartup from "../../islands/vm/VmStartup.tsx";
import { Island } from "../../components/Island.tsx";
import type { PageKit } from "../page_kit.tsx";
import { vmTab } from "./_vm.tsx";

function AdvancedTab({ vm }: { vm: Vm }) {
  return (
    <>
      <Island name="VmXml" component={VmXml} props={{ vm }} />
      <Island name="VmStartup" component={VmStartup} props={{ vmId: vm.id, vmName: vm.name }} />
      <Island
        name="VmMigrate"
        component={VmMigrate}
        props={{ vmId: vm.id, vmName: vm.name, state: vm.state }}
      />
    </>
  );
}

export default function (page: PageKit) {
  vmTab(page, "advanced", "A VM's Advanced tab: domain XML and migration", AdvancedTab);
}
