// /vms/:id/hardware: a VM's Hardware tab.

import type { Vm } from "../../shared/vms.ts";
import VmHardware from "../../islands/vm/VmHardware.tsx";
import VmProtection from "../../islands/vm/VmProtection.tsx";
import { yesNo } from "../../shared/format.ts";
import { Island } from "../../components/Island.tsx";
import { TableScroll } from "../../components/kit/TableScroll.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { vmTab } from "./_vm.tsx";

function HardwareTab({ vm }: { vm: Vm }) {
  return (
    <>
      <Island name="VmHardware" component={VmHardware} props={{ vm }} />
      <Island
        name="VmProtection"
        component={VmProtection}
        props={{
          vm: { id: vm.id, name: vm.name, protected: vm.protected, persistent: vm.persistent },
        }}
      />
      <GraphicsTable vm={vm} />
    </>
  );
}

function GraphicsTable({ vm }: { vm: Vm }) {
  return (
    <section class="card" aria-labelledby="graphics-title">
      <h2 id="graphics-title">{t("Graphics")}</h2>
      {vm.graphics.length === 0
        ? <p class="muted">{t("No graphical display.")}</p>
        : (
          <TableScroll label={t("Graphics")}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t("Type")}</th>
                  <th scope="col">{t("Listen")}</th>
                  <th scope="col">{t("Port")}</th>
                  <th scope="col">{t("Autoport")}</th>
                </tr>
              </thead>
              <tbody>
                {vm.graphics.map((g, i) => (
                  <tr key={i}>
                    <td>{g.type.toUpperCase()}</td>
                    <td>{g.listen ?? "—"}</td>
                    <td>{g.port ?? "—"}</td>
                    <td>{yesNo(g.autoport)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
    </section>
  );
}

export default function (page: PageKit) {
  vmTab(
    page,
    "hardware",
    "A VM's Hardware tab: resources, boot, disks, NICs, graphics",
    HardwareTab,
  );
}
