// Browser calls of the hosts API (/api/hosts) and the merged VM list (/api/vms?host=all).

import type { AllHostsVms, HostInput, HostStatus } from "../../shared/hosts.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { hostsPath, managedHostPath, vmsPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export const listHosts = () => request<HostStatus[]>("GET", hostsPath());
export const addHost = (input: HostInput) => request<HostStatus>("POST", hostsPath(), input);
export const removeHost = (id: string) => request<void>("DELETE", managedHostPath(id));
export const allHostsVms = () => request<AllHostsVms<VmSummary>>("GET", `${vmsPath()}?host=all`);
