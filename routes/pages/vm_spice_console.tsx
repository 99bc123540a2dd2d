// The console of a VM whose display is SPICE: a page with no route of its own, which
// /vms/:id/console (vm_console.tsx) renders, so that its bundle is the only one with spice-html5.

import type { Context } from "hono";
import { ConsolePage } from "./_console.tsx";
import { Island } from "../../components/Island.tsx";
import SpiceConsole from "../../islands/SpiceConsole.tsx";
import type { Vm } from "../../shared/vms.ts";
import type { PageKit } from "../page_kit.tsx";
import { mayConsole, VM_STYLES } from "./_vm.tsx";

/** This page's name, which is its bundle's. */
export const SPICE_CONSOLE = "vm_spice_console";

/** The body, bundle and styles of the console page of `vm`, whose display is SPICE. */
export const spiceConsole = (c: Context, vm: Vm) => ({
  body: (
    <ConsolePage
      vm={vm}
      allowed={mayConsole(c, vm)}
      display={
        <Island name="SpiceConsole" component={SpiceConsole} props={{ id: vm.id, name: vm.name }} />
      }
    />
  ),
  bundle: SPICE_CONSOLE,
  styles: ["/static/spice.css", ...VM_STYLES],
});

export default function (_page: PageKit) {}
