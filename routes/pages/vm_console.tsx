// /vms/:id/console: a VM's graphical console. A VNC display gets noVNC (this page's bundle); a
// SPICE display gets spice-html5, rendered as the page vm_spice_console with its own bundle, so
// neither client is loaded for the other's VMs.

import { ConsolePage } from "./_console.tsx";
import { Island } from "../../components/Island.tsx";
import VncConsole from "../../islands/VncConsole.tsx";
import { graphicalConsole } from "../../shared/graphical_console.ts";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { mayConsole, VM_STYLES, withVm } from "./_vm.tsx";
import { spiceConsole } from "./vm_spice_console.tsx";

export default function (page: PageKit) {
  page.page(
    "/vms/:id/console",
    "A VM's Console tab: the graphical (VNC or SPICE) console",
    (c) =>
      withVm(page, c, (vm) => ({
        title: t("{{name}} console", { name: vm.name }),
        active: "vms",
        ...(graphicalConsole(vm.graphics) === "spice" ? spiceConsole(c, vm) : {
          body: (
            <ConsolePage
              vm={vm}
              allowed={mayConsole(c, vm)}
              display={
                <Island
                  name="VncConsole"
                  component={VncConsole}
                  props={{ id: vm.id, name: vm.name }}
                />
              }
            />
          ),
          styles: VM_STYLES,
        }),
      })),
  );
}
