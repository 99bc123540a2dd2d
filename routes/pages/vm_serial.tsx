// /vms/:id/serial: a VM's serial console, in xterm.js.

import type { Vm } from "../../shared/vms.ts";
import SerialConsole from "../../islands/SerialConsole.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { ConsoleTab } from "./_console_tab.tsx";
import type { PageKit } from "../page_kit.tsx";
import { mayConsole, VM_STYLES, withVm } from "./_vm.tsx";

/** Why the serial console cannot be opened now, or null when it may (the API has the rest). */
function serialUnavailable(vm: Vm): string | null {
  if (vm.state !== "running" && vm.state !== "paused") {
    return t("The VM is not running — start it to use the serial console.");
  }
  return null;
}

/** `allowed`: whether the caller may open this VM's console (lib/auth/permissions.ts mayPower). */
function SerialPage({ vm, allowed = true }: { vm: Vm; allowed?: boolean }) {
  return (
    <ConsoleTab
      vm={vm}
      allowed={allowed}
      current="serial"
      unavailable={serialUnavailable(vm)}
      noScript={t("The serial console needs JavaScript.")}
      console={
        <Island
          name="SerialConsole"
          component={SerialConsole}
          props={{ id: vm.id, name: vm.name }}
        />
      }
    />
  );
}

export default function (page: PageKit) {
  page.page(
    "/vms/:id/serial",
    "A VM's Console tab: the serial console",
    (c) =>
      withVm(page, c, (vm) => ({
        body: <SerialPage vm={vm} allowed={mayConsole(c, vm)} />,
        title: t("{{name}} serial console", { name: vm.name }),
        active: "vms",
        styles: ["/static/build/xterm.css", "/static/serial.css", ...VM_STYLES],
      })),
  );
}
