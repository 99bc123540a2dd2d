// Body of `/vms/:id/console` (the Console tab): the VM's graphical console — noVNC or
// spice-html5, as the VM's own display is VNC or SPICE — or why there is none to show; a switch
// to the serial console.

import type { Vm } from "../shared/vms.ts";
import { canRun } from "../shared/vm_actions.ts";
import { graphicalConsole } from "../shared/graphical_console.ts";
import ConsoleStart from "../islands/ConsoleStart.tsx";
import SpiceConsole from "../islands/SpiceConsole.tsx";
import VncConsole from "../islands/VncConsole.tsx";
import { Island } from "./Island.tsx";
import type { PageEntry } from "./Layout.tsx";
import { t } from "../shared/i18n/t.ts";
import { ConsoleSwitch } from "./vm/ConsoleSwitch.tsx";
import { VmFrame } from "./vm/VmFrame.tsx";

/** Why the console cannot be shown, or null when it can. */
export function consoleUnavailable(vm: Vm): string | null {
  // No display is permanent, so it wins over a stopped state that starting would not fix.
  if (!graphicalConsole(vm.graphics)) return t("This VM has no VNC or SPICE display configured.");
  if (vm.state !== "running") return t("The VM is not running — start it to use the console.");
  return null;
}

/** The console page's bundle and styles: each console's client is in a bundle of its own. */
export function consoleAssets(vm: Vm, styles: string[]): { entry: PageEntry; styles: string[] } {
  return graphicalConsole(vm.graphics) === "spice"
    ? { entry: "spice_console", styles: ["/static/spice.css", ...styles] }
    : { entry: "console", styles };
}

/** `allowed`: whether the caller may open this VM's console (lib/auth/permissions.ts mayPower). */
/** Why a caller not granted this VM sees no console: said before any connection is tried. */
export function consoleRefused(): string {
  return t(
    "You may not open this VM's console: an admin can give you the operator role and this VM on the Access page",
  );
}

export function ConsolePage({ vm, allowed = true }: { vm: Vm; allowed?: boolean }) {
  const reason = allowed ? consoleUnavailable(vm) : consoleRefused();
  const kind = allowed ? graphicalConsole(vm.graphics) : null;
  return (
    <VmFrame vm={vm} tab="console" console={allowed}>
      {allowed && <ConsoleSwitch vm={vm} current="vnc" />}
      {reason
        ? (
          <section class="card console-message">
            <p>{reason}</p>
            {kind && canRun("start", vm.state) && (
              <Island
                name="ConsoleStart"
                component={ConsoleStart}
                props={{ id: vm.id, name: vm.name }}
              />
            )}
            {!kind && allowed && (
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
            {kind === "spice"
              ? (
                <Island
                  name="SpiceConsole"
                  component={SpiceConsole}
                  props={{ id: vm.id, name: vm.name }}
                />
              )
              : (
                <Island
                  name="VncConsole"
                  component={VncConsole}
                  props={{ id: vm.id, name: vm.name }}
                />
              )}
          </>
        )}
    </VmFrame>
  );
}
