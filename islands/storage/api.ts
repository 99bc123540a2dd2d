// Browser calls of the pools and volumes API; failures become ApiRequestError carrying the
// API's own message, shown verbatim.

import type { PoolCreateRequest, PoolInfo, VolumeFormat, VolumeInfo } from "../../lib/types.ts";
import { ApiRequestError, errorOf, request } from "../client/api.ts";

const part = encodeURIComponent;
const poolPath = (pool: string) => `/api/pools/${part(pool)}`;
const volPath = (pool: string, vol: string) => `${poolPath(pool)}/volumes/${part(vol)}`;

export type PoolAction = "start" | "stop" | "build" | "refresh";

export const listPools = () => request<PoolInfo[]>("GET", "/api/pools");
export const getPool = (pool: string) => request<PoolInfo>("GET", poolPath(pool));
export const createPool = (req: PoolCreateRequest) => request<PoolInfo>("POST", "/api/pools", req);
export const setPoolAutostart = (pool: string, autostart: boolean) =>
  request<PoolInfo>("PATCH", poolPath(pool), { autostart });
export const poolAction = (pool: string, action: PoolAction) =>
  request<PoolInfo>("POST", `${poolPath(pool)}/${action}`);
export const deletePool = (pool: string, deleteContents: boolean, confirm?: string) =>
  request<{ deletedVolumes: string[] }>(
    "DELETE",
    poolPath(pool),
    deleteContents ? { deleteContents, confirm } : {},
  );

export const listVolumes = (pool: string) =>
  request<VolumeInfo[]>("GET", `${poolPath(pool)}/volumes`);
export const createVolume = (
  pool: string,
  body: { name: string; format: VolumeFormat; sizeGb: number },
) => request<VolumeInfo>("POST", `${poolPath(pool)}/volumes`, body);
export const deleteVolume = (pool: string, vol: string) =>
  request<void>("DELETE", volPath(pool, vol));
export const resizeVolume = (pool: string, vol: string, sizeGb: number) =>
  request<VolumeInfo>("POST", `${volPath(pool, vol)}/resize`, { sizeGb });
export const cloneVolume = (pool: string, vol: string, name: string) =>
  request<VolumeInfo>("POST", `${volPath(pool, vol)}/clone`, { name });
export const volumeContentUrl = (pool: string, vol: string) => `${volPath(pool, vol)}/content`;

/** An upload in flight: `done` settles with the new volume, or UploadCancelled after abort(). */
export interface Upload {
  done: Promise<VolumeInfo>;
  abort(): void;
}

export class UploadCancelled extends Error {
  override name = "UploadCancelled";
  constructor() {
    super("Upload cancelled");
  }
}

/**
 * Sends `file` as the raw body of PUT …/volumes/:name/content. XMLHttpRequest rather than
 * fetch: only it reports upload progress (xhr.upload.onprogress), and a File body gives the
 * request the Content-Length the API requires.
 */
export function uploadVolume(
  pool: string,
  name: string,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<VolumeInfo>((resolve, reject) => {
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch { /* not JSON: the status line says it */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as VolumeInfo);
      else reject(errorOf(xhr.status, xhr.statusText, body));
    };
    xhr.onerror = () =>
      reject(new ApiRequestError(0, "NETWORK", "Cannot reach KVM Manager: the upload failed"));
    xhr.onabort = () => reject(new UploadCancelled());
  });
  xhr.open("PUT", volumeContentUrl(pool, name));
  xhr.setRequestHeader("accept", "application/json");
  xhr.setRequestHeader("content-type", "application/octet-stream");
  xhr.send(file);
  return { done, abort: () => xhr.abort() };
}
