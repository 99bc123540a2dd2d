// Body of `/vms/:id/serial` (the Console tab, serial side): the xterm.js island, or why there is
// no serial console to show.

import type { Vm } from "../shared/vms.ts";
import SerialConsole from "../islands/SerialConsole.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";
import { ConsoleSwitch } from "./vm/ConsoleSwitch.tsx";
import { consoleRefused } from "./ConsolePage.tsx";
import { VmFrame } from "./vm/VmFrame.tsx";

/** Why the serial console cannot be opened now, or null when it may (the API has the rest). */
export function serialUnavailable(vm: Vm): string | null {
  if (vm.state !== "running" && vm.state !== "paused") {
    return t("The VM is not running — start it to use the serial console.");
  }
  return null;
}

/** `allowed`: whether the caller may open this VM's console (lib/auth/permissions.ts mayPower). */
export function SerialPage({ vm, allowed = true }: { vm: Vm; allowed?: boolean }) {
  const reason = allowed ? serialUnavailable(vm) : consoleRefused();
  return (
    <VmFrame vm={vm} tab="console" console={allowed}>
      {allowed && <ConsoleSwitch vm={vm} current="serial" />}
      {reason
        ? (
          <section class="card console-message">
            <p>{reason}</p>
          </section>
        )
        : (
          <>
            <noscript>
              <p class="notice notice-error">{t("The serial console needs JavaScript.")}</p>
            </noscript>
            <Island
              name="SerialConsole"
              component={SerialConsole}
              props={{ id: vm.id, name: vm.name }}
            />
          </>
        )}
    </VmFrame>
  );
}
