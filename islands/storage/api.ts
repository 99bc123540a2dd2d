// Browser calls of the pools and volumes API; failures become ApiRequestError carrying the
// API's own message, shown verbatim.

import type {
  PoolCreateRequest,
  PoolInfo,
  VolumeFormat,
  VolumeInfo,
} from "../../shared/storage.ts";
import { putFile, request, type Upload as ClientUpload, UploadCancelled } from "../client/api.ts";

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
export type Upload = ClientUpload<VolumeInfo>;
export { UploadCancelled };

/** Sends `file` as the raw body of PUT …/volumes/:name/content, with upload progress. */
export function uploadVolume(
  pool: string,
  name: string,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): Upload {
  return putFile<VolumeInfo>(volumeContentUrl(pool, name), file, onProgress);
}
