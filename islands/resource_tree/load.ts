// What the resource tree reads: each host's VMs (once per page, then kept live by the event
// stream), its pools and networks (only when their group is opened), and which groups the
// user left open (localStorage).

import type { NetworkInfo } from "../../shared/networks.ts";
import type { PoolInfo } from "../../shared/storage.ts";
import type { VmState, VmSummary } from "../../shared/vms.ts";
import type { VmStateReason } from "../../shared/vm_state_reason.ts";
import { ALL_HOSTS } from "../../shared/hosts.ts";
import { networksPath, poolsPath } from "../../shared/api_paths.ts";
import { listVms, request } from "../../components/client/api.ts";
import { withHost } from "../../components/client/host.ts";
import { store, stored } from "../../components/client/stored.ts";
import { allHostsVms } from "../hosts/api.ts";

/** What a tree row needs of a VM. */
export interface TreeVm {
  id: string;
  name: string;
  state: VmState;
  stateReason?: VmStateReason;
}

const slim = ({ id, name, state, stateReason }: VmSummary): TreeVm => ({
  id,
  name,
  state,
  ...(stateReason ? { stateReason } : {}),
});
const byName = (a: TreeVm, b: TreeVm) => a.name.localeCompare(b.name);

/**
 * The VMs of the page's host by host id, each list by name; in the all-hosts view (`current`
 * "all") every host's, from the one merged list the server already makes for that view.
 */
export async function loadVms(current: string): Promise<Record<string, TreeVm[]>> {
  if (current !== ALL_HOSTS) return { [current]: (await listVms()).map(slim).sort(byName) };
  const all = await allHostsVms();
  const byHost: Record<string, TreeVm[]> = {};
  for (const h of all.hosts) byHost[h.id] = [];
  for (const vm of all.vms) (byHost[vm.host] ??= []).push(slim(vm));
  for (const list of Object.values(byHost)) list.sort(byName);
  return byHost;
}

/** The names of a host's pools or networks. */
export async function loadNames(kind: "storage" | "networks", host: string): Promise<string[]> {
  const path = kind === "storage" ? poolsPath() : networksPath();
  const list = await request<(PoolInfo | NetworkInfo)[]>("GET", withHost(path, host));
  return list.map((x) => x.name).sort((a, b) => a.localeCompare(b));
}

const OPEN_KEY = "kvmm-tree-open";

/** The groups the user opened or closed, by key; absent keys take their default. */
export function readOpen(): Record<string, boolean> {
  try {
    return JSON.parse(stored(OPEN_KEY) ?? "{}") ?? {};
  } catch {
    return {}; // a damaged value: every group as by default
  }
}

export function writeOpen(open: Record<string, boolean>): void {
  store(OPEN_KEY, JSON.stringify(open));
}

/** The VMs whose name contains `filter` (any case), in their order (loadVms sorts by name). */
export function filterByName(vms: TreeVm[], filter: string): TreeVm[] {
  const q = filter.trim().toLowerCase();
  return q ? vms.filter((vm) => vm.name.toLowerCase().includes(q)) : vms;
}
