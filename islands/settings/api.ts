// Browser calls of the VM settings API (edit, devices, XML, clone, import); failures become
// ApiRequestError carrying the API's own message, which the forms show verbatim.

import type { CreateOptions } from "../../shared/vms.ts";
import type { VolumeInfo } from "../../shared/storage.ts";
import type {
  AppliedChange,
  DeviceResult,
  DiskAttach,
  NicBandwidth,
  VmEdit,
} from "../../shared/vms.ts";
import {
  hostDevicesPath,
  vmCdromPath,
  vmClonePath,
  vmDiskPath,
  vmDiskResizePath,
  vmDisksPath,
  vmExportPath,
  vmHostDevicePath,
  vmHostDevicesPath,
  vmInterfacePath,
  vmInterfacesPath,
  vmPath,
  vmsCreateOptionsPath,
  vmsImportPath,
  vmXmlPath,
} from "../../shared/api_paths.ts";
import { request, send } from "../../components/client/api.ts";
import type {
  HostDeviceAttach,
  HostDeviceAttachResult,
  HostDeviceInventory,
  VmHostDevice,
} from "../../shared/host_devices.ts";

export type { AppliedChange, DeviceResult, DiskAttach, VmEdit };

export const editVm = (id: string, edit: VmEdit) =>
  request<{ id: string; changes: AppliedChange[] }>("PATCH", vmPath(id), edit);

export const attachDisk = (id: string, disk: DiskAttach) =>
  request<DeviceResult>("POST", vmDisksPath(id), disk);
export const detachDisk = (id: string, target: string) =>
  request<DeviceResult>("DELETE", vmDiskPath(id, target));
export const resizeDisk = (id: string, target: string, sizeGb: number) =>
  request<DeviceResult>("POST", vmDiskResizePath(id, target), { sizeGb });
export const changeCdrom = (id: string, target: string, isoPath: string | null) =>
  request<DeviceResult>("PUT", vmCdromPath(id, target), { isoPath });

export const attachNic = (
  id: string,
  nic: { network: string; model?: string; mtu?: number; bandwidth?: NicBandwidth },
) => request<DeviceResult>("POST", vmInterfacesPath(id), nic);
export const detachNic = (id: string, mac: string) =>
  request<DeviceResult>("DELETE", vmInterfacePath(id, mac));

/** The persistent definition as libvirt writes it. */
export const getXml = async (id: string) => await (await send("GET", vmXmlPath(id))).text();
export const xmlDownloadUrl = (id: string) => `${vmXmlPath(id)}?download`;
export const putXml = (id: string, xml: string) =>
  request<{ id: string }>("PUT", vmXmlPath(id), { xml });
export const importXml = (xml: string) =>
  request<{ id: string; name: string }>("POST", vmsImportPath(), { xml });

export const cloneVm = (id: string, name: string) =>
  request<{ id: string; name: string }>("POST", vmClonePath(id), { name });

/** Exports the stopped VM as a new OVA volume (`name` ending in .ova) of its disk's pool. */
export const exportVm = (id: string, name: string) =>
  request<VolumeInfo>("POST", vmExportPath(id), { name });

let options: Promise<CreateOptions> | null = null;

/**
 * Pools, networks and ISOs for the pickers. One request per page: the answer also carries the
 * whole osinfo catalog, so it is not cheap. A failure is not cached, so the next picker retries.
 */
export function loadOptions(): Promise<CreateOptions> {
  options ??= request<CreateOptions>("GET", vmsCreateOptionsPath()).catch((err) => {
    options = null;
    throw err;
  });
  return options;
}

/** The VM's host devices, the host's devices, and passing one through or taking it back. */
export const listVmHostDevices = (id: string) =>
  request<VmHostDevice[]>("GET", vmHostDevicesPath(id));
export const listHostDevices = () => request<HostDeviceInventory>("GET", hostDevicesPath());
export const attachHostDevice = (id: string, body: HostDeviceAttach) =>
  request<HostDeviceAttachResult>("POST", vmHostDevicesPath(id), body);
export const detachHostDevice = (id: string, device: string) =>
  request<DeviceResult>("DELETE", vmHostDevicePath(id, device));
