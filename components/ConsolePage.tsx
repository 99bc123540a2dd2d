// Body of `/vms/:id/console` (the Console tab): the noVNC island, or why there is no console to
// show; a switch to the serial console.

import type { Vm } from "../shared/vms.ts";
import { canRun } from "../shared/vm_actions.ts";
import ConsoleStart from "../islands/ConsoleStart.tsx";
import VncConsole from "../islands/VncConsole.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";
import { ConsoleSwitch } from "./vm/ConsoleSwitch.tsx";
import { hasVnc, VmFrame } from "./vm/VmFrame.tsx";

/** Why the console cannot be shown, or null when it can. */
export function consoleUnavailable(vm: Vm): string | null {
  // No VNC is permanent, so it wins over a stopped state that starting would not fix.
  if (!hasVnc(vm)) return t("This VM has no VNC display configured.");
  if (vm.state !== "running") return t("The VM is not running — start it to use the console.");
  return null;
}

export function ConsolePage({ vm }: { vm: Vm }) {
  const reason = consoleUnavailable(vm);
  return (
    <VmFrame vm={vm} tab="console">
      <ConsoleSwitch vm={vm} current="vnc" />
      {reason
        ? (
          <section class="card console-message">
            <p>{reason}</p>
            {hasVnc(vm) && canRun("start", vm.state) && (
              <Island
                name="ConsoleStart"
                component={ConsoleStart}
                props={{ id: vm.id, name: vm.name }}
              />
            )}
            {!hasVnc(vm) && (
              <p>
                <a href={`/vms/${encodeURIComponent(vm.id)}/serial`}>
                  {t("Open the serial console")}
                </a>
              </p>
            )}
          </section>
        )
        : (
          <>
            <noscript>
              <p class="notice notice-error">{t("The console needs JavaScript.")}</p>
            </noscript>
            <Island name="VncConsole" component={VncConsole} props={{ id: vm.id, name: vm.name }} />
          </>
        )}
    </VmFrame>
  );
}
