// What the Console tab shows around either console, graphical or serial: the switch between the
// two, then why this one cannot be shown, or the console itself. Renders no island of its own,
// so that each console's page keeps only its own console in its bundle.

import type { ComponentChildren, VNode } from "preact";
import type { Vm } from "../../shared/vms.ts";
import { ConsoleSwitch } from "../../components/vm/ConsoleSwitch.tsx";
import { t } from "../../shared/i18n/t.ts";
import { VmFrame } from "./_vm_frame.tsx";

/** Why a caller not granted this VM sees no console: said before any connection is tried. */
function consoleRefused(): string {
  return t(
    "You may not open this VM's console: an admin can give you the operator role and this VM on the Access page",
  );
}

/**
 * `allowed`: whether the caller may open this VM's consoles (no switch for one who may not;
 * the refusal in place of the console); `unavailable`: why this console cannot be shown now to
 * one who may, or null; `children`: what the card under the reason offers to do about it;
 * `noScript`: the words for a browser without JavaScript, above `console`.
 */
export function ConsoleTab(
  { vm, allowed, current, unavailable, noScript, console, children }: {
    vm: Vm;
    allowed: boolean;
    current: "vnc" | "serial";
    unavailable: string | null;
    noScript: string;
    console: VNode;
    children?: ComponentChildren;
  },
) {
  const reason = allowed ? unavailable : consoleRefused();
  return (
    <VmFrame vm={vm} tab="console" console={allowed}>
      {allowed && <ConsoleSwitch vm={vm} current={current} />}
      {reason
        ? (
          <section class="card console-message">
            <p>{reason}</p>
            {children}
          </section>
        )
        : (
          <>
            <noscript>
              <p class="notice notice-error">{noScript}</p>
            </noscript>
            {console}
          </>
        )}
    </VmFrame>
  );
}
