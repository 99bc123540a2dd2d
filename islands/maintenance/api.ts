// Browser calls of a host's maintenance mode (/api/hosts/:id/maintenance…).

import type {
  LeaveInput,
  MaintenanceInput,
  MaintenancePlan,
  MaintenanceStatus,
} from "../../shared/maintenance.ts";
import { managedHostPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

const base = (id: string) => `${managedHostPath(id)}/maintenance`;

export const maintenanceStatus = (id: string) => request<MaintenanceStatus>("GET", base(id));
export const maintenancePlan = (id: string, input: MaintenanceInput) =>
  request<MaintenancePlan>("POST", `${base(id)}/plan`, input);
export const enterMaintenance = (id: string, input: MaintenanceInput) =>
  request<MaintenanceStatus>("POST", `${base(id)}/enter`, input);
export const cancelMaintenance = (id: string) =>
  request<MaintenanceStatus>("POST", `${base(id)}/cancel`);
export const leaveMaintenance = (id: string, input: LeaveInput) =>
  request<MaintenanceStatus>("POST", `${base(id)}/leave`, input);
