// The Advanced tab (/vms/:id/advanced): the domain XML (admins), the start at boot in order and
// moving the VM to another host.

import type { Vm } from "../../shared/vms.ts";
import VmMigrate from "../../islands/VmMigrate.tsx";
import VmXml from "../../islands/vm/VmXml.tsx";
import VmStartup from "../../islands/vm/VmStartup.tsx";
import { Island } from "../Island.tsx";

export function AdvancedTab({ vm }: { vm: Vm }) {
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
