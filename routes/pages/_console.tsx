// The body of `/vms/:id/console` (the Console tab): the VM's graphical console — noVNC or
// spice-html5, as the VM's own display is VNC or SPICE — or why there is none to show; a switch
// to the serial console.

import type { Vm } from "../../shared/vms.ts";
import { canRun } from "../../shared/vm_actions.ts";
import { graphicalConsole } from "../../shared/graphical_console.ts";
import type { VNode } from "preact";
import ConsoleStart from "../../islands/ConsoleStart.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { ConsoleTab } from "./_console_tab.tsx";

/** Why the console cannot be shown, or null when it can. */
export function consoleUnavailable(vm: Vm): string | null {
  // No display is permanent, so it wins over a stopped state that starting would not fix.
  if (!graphicalConsole(vm.graphics)) return t("This VM has no VNC or SPICE display configured.");
  if (vm.state !== "running") return t("The VM is not running — start it to use the console.");
  return null;
}

/**
 * `display`: the console's own island, noVNC's or spice-html5's, each in the bundle of its own
 * page (routes/pages/vm_console.tsx and vm_spice_console.tsx).
 */
export function ConsolePage(
  { vm, allowed = true, display }: { vm: Vm; allowed?: boolean; display: VNode },
) {
  const kind = allowed ? graphicalConsole(vm.graphics) : null;
  return (
    <ConsoleTab
      vm={vm}
      allowed={allowed}
      current="vnc"
      unavailable={consoleUnavailable(vm)}
      noScript={t("The console needs JavaScript.")}
      console={display}
    >
      {kind && canRun("start", vm.state) && (
        <Island name="ConsoleStart" component={ConsoleStart} props={{ id: vm.id, name: vm.name }} />
      )}
      {!kind && allowed && (
        <p>
          <a href={`/vms/${encodeURIComponent(vm.id)}/serial`}>{t("Open the serial console")}</a>
        </p>
      )}
    </ConsoleTab>
  );
}
