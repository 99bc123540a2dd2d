// Browser calls of the VM settings API (edit, devices, XML, clone, import); failures become
// ApiRequestError carrying the API's own message, which the forms show verbatim.

import type { CreateOptions, VolumeInfo } from "../../lib/types.ts";
import type { AppliedChange, VmEdit } from "../../lib/vm_edit.ts";
import type { DeviceResult, DiskAttach } from "../../lib/vm_devices.ts";
import { ApiRequestError } from "../client/api.ts";

export type { AppliedChange, DeviceResult, DiskAttach, VmEdit };

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined
        ? { accept: "application/json" }
        : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiRequestError(0, "NETWORK", `Cannot reach KVM Manager: ${(err as Error).message}`);
  }
  if (!res.ok) {
    const e = await res.json().catch(() => null) as { code?: string; message?: string } | null;
    throw new ApiRequestError(
      res.status,
      e?.code ?? "HTTP_ERROR",
      e?.message ?? `Request failed: ${res.status} ${res.statusText}`,
    );
  }
  return res;
}

const json = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
  await (await send(method, path, body)).json() as T;

const vmPath = (id: string) => `/api/vms/${encodeURIComponent(id)}`;
const part = encodeURIComponent;

export const editVm = (id: string, edit: VmEdit) =>
  json<{ id: string; changes: AppliedChange[] }>("PATCH", vmPath(id), edit);

export const attachDisk = (id: string, disk: DiskAttach) =>
  json<DeviceResult>("POST", `${vmPath(id)}/disks`, disk);
export const detachDisk = (id: string, target: string) =>
  json<DeviceResult>("DELETE", `${vmPath(id)}/disks/${part(target)}`);
export const resizeDisk = (id: string, target: string, sizeGb: number) =>
  json<DeviceResult>("POST", `${vmPath(id)}/disks/${part(target)}/resize`, { sizeGb });
export const changeCdrom = (id: string, target: string, isoPath: string | null) =>
  json<DeviceResult>("PUT", `${vmPath(id)}/cdroms/${part(target)}`, { isoPath });

export const attachNic = (id: string, nic: { network: string; model?: string }) =>
  json<DeviceResult>("POST", `${vmPath(id)}/interfaces`, nic);
export const detachNic = (id: string, mac: string) =>
  json<DeviceResult>("DELETE", `${vmPath(id)}/interfaces/${part(mac)}`);

/** The persistent definition as libvirt writes it. */
export const getXml = async (id: string) => await (await send("GET", `${vmPath(id)}/xml`)).text();
export const xmlDownloadUrl = (id: string) => `${vmPath(id)}/xml?download`;
export const putXml = (id: string, xml: string) =>
  json<{ id: string }>("PUT", `${vmPath(id)}/xml`, { xml });
export const importXml = (xml: string) =>
  json<{ id: string; name: string }>("POST", "/api/vms/import", { xml });

export const cloneVm = (id: string, name: string) =>
  json<{ id: string; name: string }>("POST", `${vmPath(id)}/clone`, { name });

let options: Promise<CreateOptions> | null = null;

/**
 * Pools, networks and ISOs for the pickers. One request per page: the answer also carries the
 * whole osinfo catalog, so it is not cheap. A failure is not cached, so the next picker retries.
 */
export function loadOptions(): Promise<CreateOptions> {
  options ??= json<CreateOptions>("GET", "/api/vms/create-options").catch((err) => {
    options = null;
    throw err;
  });
  return options;
}

/** The volumes of one pool, for picking an existing disk. */
export const listVolumes = (pool: string) =>
  json<VolumeInfo[]>("GET", `/api/pools/${part(pool)}/volumes`);
