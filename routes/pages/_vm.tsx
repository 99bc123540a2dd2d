// What the pages of one VM share: the VM read (as last known when libvirt is away), its
// cluster resource, the frame with its header and tab bar, and whether the caller may open
// its console.

import type { Context } from "hono";
import { clusterFeature } from "../../lib/cluster/feature.ts";
import type { VNode } from "preact";
import type { Vm } from "../../shared/vms.ts";
import { LOCAL_HOST } from "../../shared/hosts.ts";
import { vmResourceIn } from "../../lib/cluster/service.ts";
import { mayOpenConsole } from "../../lib/auth/permissions.ts";
import type { VmTab } from "../../components/vm/tabs.ts";
import { VmFrame } from "./_vm_frame.tsx";
import { MONITORING_CSS } from "../page_styles.ts";
import type { PageKit, PageRender } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";

/** Every VM page's stylesheets (the header's usage figures). */
export const VM_STYLES = [MONITORING_CSS];

/** Whether the caller may open this VM's console (lib/auth/permissions.ts). */
export const mayConsole = (c: Context, vm: Vm) => mayOpenConsole(c.get("identity"), vm.id);

/**
 * The page of the VM in the route's `:id`. A VM page of a libvirtd that does not answer shows
 * the VM as last read, if it was. Pacemaker runs VMs of the server's own host only, never the
 * test driver's (lib/cluster/).
 */
export async function withVm(
  page: PageKit,
  c: Context,
  render: (vm: Vm, cluster: string | null) => PageRender & { body: VNode },
): Promise<Response> {
  const { ctx, known } = page;
  const readsCluster = ctx.hostId === LOCAL_HOST && !ctx.config.uri.startsWith("test:");
  const id = c.req.param("id")!;
  const [read, cluster] = await Promise.all([
    known.read(`vm:${id}`, () => ctx.vms.getVm(id)),
    readsCluster ? ctx.features.get(clusterFeature).view().catch(() => null) : null,
  ]);
  if (read.value === null) return page.errorPage(c, read, "vms");
  const { body, ...options } = render(read.value, vmResourceIn(cluster, read.value));
  return page.render(c, body, { ...options, stale: staleOf([read]) });
}

/** A VM tab at /vms/:id/<tab>: the VM's name as the title, the tab in the frame. */
export function vmTab(
  page: PageKit,
  tab: Exclude<VmTab, "summary" | "console">,
  summary: string,
  Body: (p: { vm: Vm }) => VNode,
): void {
  page.page(`/vms/:id/${tab}`, summary, (c) =>
    withVm(page, c, (vm, cluster) => ({
      body: (
        <VmFrame vm={vm} tab={tab} cluster={cluster} console={mayConsole(c, vm)}>
          <Body vm={vm} />
        </VmFrame>
      ),
      // The VM's name alone, as on its Summary: the tab is in the breadcrumb and the bar.
      title: vm.name,
      active: "vms",
      styles: VM_STYLES,
    })));
}
