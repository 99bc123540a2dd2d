// Browser calls of the VM settings API (edit, devices, XML, clone, import); failures become
// ApiRequestError carrying the API's own message, which the forms show verbatim.

import type { CreateOptions } from "../../shared/vms.ts";
import type { AppliedChange, DeviceResult, DiskAttach, VmEdit } from "../../shared/vms.ts";
import { request, send } from "../client/api.ts";

export type { AppliedChange, DeviceResult, DiskAttach, VmEdit };

const vmPath = (id: string) => `/api/vms/${encodeURIComponent(id)}`;
const part = encodeURIComponent;

export const editVm = (id: string, edit: VmEdit) =>
  request<{ id: string; changes: AppliedChange[] }>("PATCH", vmPath(id), edit);

export const attachDisk = (id: string, disk: DiskAttach) =>
  request<DeviceResult>("POST", `${vmPath(id)}/disks`, disk);
export const detachDisk = (id: string, target: string) =>
  request<DeviceResult>("DELETE", `${vmPath(id)}/disks/${part(target)}`);
export const resizeDisk = (id: string, target: string, sizeGb: number) =>
  request<DeviceResult>("POST", `${vmPath(id)}/disks/${part(target)}/resize`, { sizeGb });
export const changeCdrom = (id: string, target: string, isoPath: string | null) =>
  request<DeviceResult>("PUT", `${vmPath(id)}/cdroms/${part(target)}`, { isoPath });

export const attachNic = (id: string, nic: { network: string; model?: string }) =>
  request<DeviceResult>("POST", `${vmPath(id)}/interfaces`, nic);
export const detachNic = (id: string, mac: string) =>
  request<DeviceResult>("DELETE", `${vmPath(id)}/interfaces/${part(mac)}`);

/** The persistent definition as libvirt writes it. */
export const getXml = async (id: string) => await (await send("GET", `${vmPath(id)}/xml`)).text();
export const xmlDownloadUrl = (id: string) => `${vmPath(id)}/xml?download`;
export const putXml = (id: string, xml: string) =>
  request<{ id: string }>("PUT", `${vmPath(id)}/xml`, { xml });
export const importXml = (xml: string) =>
  request<{ id: string; name: string }>("POST", "/api/vms/import", { xml });

export const cloneVm = (id: string, name: string) =>
  request<{ id: string; name: string }>("POST", `${vmPath(id)}/clone`, { name });

let options: Promise<CreateOptions> | null = null;

/**
 * Pools, networks and ISOs for the pickers. One request per page: the answer also carries the
 * whole osinfo catalog, so it is not cheap. A failure is not cached, so the next picker retries.
 */
export function loadOptions(): Promise<CreateOptions> {
  options ??= request<CreateOptions>("GET", "/api/vms/create-options").catch((err) => {
    options = null;
    throw err;
  });
  return options;
}
