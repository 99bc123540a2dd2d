// The VM table's rows and the rules both VM lists share: the filter, the row key, the columns
// chosen for a narrow screen, and where a row's requests go (its own host).

import type { VmState, VmSummary } from "../../shared/vms.ts";
import type { HostVm } from "../../shared/hosts.ts";
import { withHost } from "../../components/client/host.ts";

/** A row of either list: the merged all-hosts view adds the host. */
export type VmRow = VmSummary & Partial<HostVm>;

/** A row's key: the VM's UUID, with its host in the merged view (UUIDs may repeat across hosts). */
export const rowKey = (vm: VmRow) => vm.host ? `${vm.host}/${vm.id}` : vm.id;

/** `path` sent to the row's host (the page's host when the row names none). */
export const onRowHost = (vm: VmRow, path: string) => withHost(path, vm.host);

/** The VMs in `state` whose name or one of whose tags contains `query` (any case). */
export function filterVms<T extends VmSummary>(vms: T[], query: string, state: VmState | ""): T[] {
  const q = query.trim().toLowerCase();
  const matches = (vm: T) =>
    vm.name.toLowerCase().includes(q) || (vm.tags ?? []).some((t) => t.toLowerCase().includes(q));
  return vms.filter((vm) => (!state || vm.state === state) && (!q || matches(vm)));
}

/** The VM page of a row, on its host. */
export const vmHref = (vm: VmRow) =>
  `/vms/${encodeURIComponent(vm.id)}${vm.host ? `?host=${encodeURIComponent(vm.host)}` : ""}`;
