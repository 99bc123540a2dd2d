// Browser calls to a VM's guest API (/api/vms/:id/guest…); failures are ApiRequestError with
// the API's own message.

import type {
  AgentHeartbeat,
  AgentUpdate,
  ExecOutput,
  ExecRequest,
  GuestActivity,
  GuestClock,
  GuestInfo,
  GuestServices,
  GuestUpdates,
  ServiceAction,
  ServiceActionResult,
} from "../../shared/guest.ts";
import {
  vmGuestActivityPath,
  vmGuestAgentUpdatePath,
  vmGuestDirectoriesPath,
  vmGuestExecPath,
  vmGuestFilePath,
  vmGuestFreezePath,
  vmGuestHeartbeatPath,
  vmGuestPath,
  vmGuestServiceActionPath,
  vmGuestServicesPath,
  vmGuestThawPath,
  vmGuestTimePath,
  vmGuestUpdatesPath,
} from "../../shared/api_paths.ts";
import { putFile, request, send } from "../../components/client/api.ts";
import { downloadName } from "./format.ts";

const filePath = (vmId: string, path: string) =>
  `${vmGuestFilePath(vmId)}?path=${encodeURIComponent(path)}`;

export const getGuestInfo = (vmId: string) => request<GuestInfo>("GET", vmGuestPath(vmId));

export const getGuestActivity = (vmId: string, sort: "cpu" | "memory") =>
  request<GuestActivity>("GET", `${vmGuestActivityPath(vmId)}?sort=${sort}`);

export const getGuestServices = (vmId: string) =>
  request<GuestServices>("GET", vmGuestServicesPath(vmId));

export const guestServiceAction = (vmId: string, name: string, action: ServiceAction) =>
  request<ServiceActionResult>("POST", vmGuestServiceActionPath(vmId, name, action));

export const getGuestUpdates = (vmId: string) =>
  request<GuestUpdates>("GET", vmGuestUpdatesPath(vmId));

export const makeGuestDirectory = (vmId: string, path: string) =>
  request<{ path: string }>("POST", vmGuestDirectoriesPath(vmId), { path });

export const removeGuestDirectory = (vmId: string, path: string) =>
  request<null>("DELETE", `${vmGuestDirectoriesPath(vmId)}?path=${encodeURIComponent(path)}`);

export const getGuestClock = (vmId: string) => request<GuestClock>("GET", vmGuestTimePath(vmId));

export const setGuestClock = (vmId: string) => request<GuestClock>("POST", vmGuestTimePath(vmId));

export const execCommand = (vmId: string, req: ExecRequest) =>
  request<ExecOutput>("POST", vmGuestExecPath(vmId), req);

export const fsFreeze = (vmId: string) =>
  request<{ filesystems: number }>("POST", vmGuestFreezePath(vmId));

export const fsThaw = (vmId: string) =>
  request<{ filesystems: number }>("POST", vmGuestThawPath(vmId));

/** A guest file's bytes and the name to save them under. */
export async function readGuestFile(
  vmId: string,
  path: string,
): Promise<{ name: string; blob: Blob }> {
  const res = await send("GET", filePath(vmId, path));
  return {
    name: downloadName(res.headers.get("content-disposition"), path),
    blob: await res.blob(),
  };
}

/** Sends `file` as the raw body of PUT …/guest/file, with upload progress. */
export function writeGuestFile(
  vmId: string,
  path: string,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): Promise<{ path: string; bytesWritten: number }> {
  return putFile<{ path: string; bytesWritten: number }>(filePath(vmId, path), file, onProgress)
    .done;
}

/** Hands `blob` to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: the browser reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const updateGuestAgent = (vmId: string) =>
  request<AgentUpdate>("POST", vmGuestAgentUpdatePath(vmId));
export const getHeartbeat = (vmId: string) =>
  request<AgentHeartbeat>("GET", vmGuestHeartbeatPath(vmId));
