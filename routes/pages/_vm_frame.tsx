// What every tab of a VM's pages shares: the breadcrumb, the header (name, live state, power
// button and menu, Console, Delete apart) and the tab bar; the tab's own content below.

import type { ComponentChildren } from "preact";
import type { Vm } from "../../shared/vms.ts";
import VmActions from "../../islands/VmActions.tsx";
import { Island } from "../../components/Island.tsx";
import { graphicalConsole } from "../../shared/graphical_console.ts";
import { Tabs } from "../../components/kit/Tabs.tsx";
import { Notice } from "../../components/kit/Notice.tsx";
import { Trans } from "../../components/kit/Trans.tsx";
import { t } from "../../shared/i18n/t.ts";
import { Breadcrumb } from "./_breadcrumb.tsx";
import { VM_TABS, type VmTab, vmTabHref, vmTabs } from "../../components/vm/tabs.ts";

/** Whether the VM has a display the Console tab shows in the browser: VNC or SPICE. */
export function hasGraphicalConsole(vm: Vm): boolean {
  return graphicalConsole(vm.graphics) !== null;
}

interface Props {
  vm: Vm;
  tab: VmTab;
  /** The Pacemaker resource that runs this VM (lib/cluster/), or null. */
  cluster?: string | null;
  /** Whether the caller may open this VM's console: else the Console tab is not offered. */
  console?: boolean;
  children: ComponentChildren;
}

export function VmFrame({ vm, tab, cluster = null, console = true, children }: Props) {
  const label = t(VM_TABS.find((x) => x.id === tab)!.label);
  return (
    <div class="object-page">
      <Breadcrumb href="/vms" list={t("Virtual machines")}>
        {tab === "summary" ? vm.name : (
          <>
            <a href={vmTabHref(vm.id, "summary")}>{vm.name}</a> / {label}
          </>
        )}
      </Breadcrumb>
      <Island
        name="VmActions"
        component={VmActions}
        // hasVnc: the header's Console opens the graphical console (VNC or SPICE), else serial.
        props={{
          id: vm.id,
          name: vm.name,
          state: vm.state,
          reason: vm.stateReason,
          hasVnc: hasGraphicalConsole(vm),
          // Changes waiting for the next boot, only where some do.
          ...(vm.pending?.length ? { pending: vm.pending } : {}),
        }}
      />
      {cluster && (
        <Notice tone="info">
          <Trans
            text={t(
              "The cluster runs this VM (Pacemaker resource {{resource}}): start, stop and move it through the cluster. Power actions and Delete here are refused.",
              { resource: "{{resource}}" },
            )}
            parts={{ resource: <a href="/cluster">{cluster}</a> }}
          />
        </Notice>
      )}
      <Tabs
        label={t("{{name}} sections", { name: vm.name })}
        tabs={vmTabs(vm.id, { console })}
        current={vmTabHref(vm.id, tab)}
      />
      <div class="tab-panel">{children}</div>
    </div>
  );
}
