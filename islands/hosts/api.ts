// Browser calls of the hosts API (/api/hosts) and the merged VM list (/api/vms?host=all).

import type { AllHostsVms, HostInput, HostStatus } from "../../shared/hosts.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { request } from "../client/api.ts";

export const listHosts = () => request<HostStatus[]>("GET", "/api/hosts");
export const addHost = (input: HostInput) => request<HostStatus>("POST", "/api/hosts", input);
export const removeHost = (id: string) =>
  request<void>("DELETE", `/api/hosts/${encodeURIComponent(id)}`);
export const allHostsVms = () => request<AllHostsVms<VmSummary>>("GET", "/api/vms?host=all");
