// Browser calls of the pools and volumes API; failures become ApiRequestError carrying the
// API's own message, shown verbatim.

import type {
  PoolCreateRequest,
  PoolDetail,
  PoolInfo,
  VolumeFormat,
  VolumeInfo,
} from "../../shared/storage.ts";
import type { DownloadRequest, DownloadStarted } from "../../shared/images.ts";
import type { OvaImport } from "../../shared/ova.ts";
import {
  imageDownloadsPath,
  poolActionPath,
  poolPath,
  poolsPath,
  poolVolumesPath,
  volumeClonePath,
  volumeContentPath,
  volumeConvertPath,
  volumeFlattenPath,
  volumeImportOvaPath,
  volumePath,
  volumeResizePath,
} from "../../shared/api_paths.ts";
import {
  putFile,
  request,
  type Upload as ClientUpload,
  UploadCancelled,
} from "../../components/client/api.ts";

export type PoolAction = "start" | "stop" | "build" | "refresh";

export const listPools = () => request<PoolInfo[]>("GET", poolsPath());
export const getPool = (pool: string) => request<PoolDetail>("GET", poolPath(pool));
export const createPool = (req: PoolCreateRequest) => request<PoolInfo>("POST", poolsPath(), req);
export const setPoolAutostart = (pool: string, autostart: boolean) =>
  request<PoolInfo>("PATCH", poolPath(pool), { autostart });
export const poolAction = (pool: string, action: PoolAction) =>
  request<PoolInfo>("POST", poolActionPath(pool, action));
export const deletePool = (pool: string, deleteContents: boolean, confirm?: string) =>
  request<{ deletedVolumes: string[] }>(
    "DELETE",
    poolPath(pool),
    deleteContents ? { deleteContents, confirm } : {},
  );

export const listVolumes = (pool: string) => request<VolumeInfo[]>("GET", poolVolumesPath(pool));
export const createVolume = (
  pool: string,
  body: { name: string; format: VolumeFormat; sizeGb: number },
) => request<VolumeInfo>("POST", poolVolumesPath(pool), body);
export const deleteVolume = (pool: string, vol: string) =>
  request<void>("DELETE", volumePath(pool, vol));
export const resizeVolume = (pool: string, vol: string, sizeGb: number) =>
  request<VolumeInfo>("POST", volumeResizePath(pool, vol), { sizeGb });
export const convertVolume = (pool: string, vol: string, name: string, format: VolumeFormat) =>
  request<VolumeInfo>("POST", volumeConvertPath(pool, vol), { name, format });
export const importOvaVolume = (pool: string, vol: string) =>
  request<OvaImport>("POST", volumeImportOvaPath(pool, vol));
export const flattenVolume = (pool: string, vol: string) =>
  request<VolumeInfo>("POST", volumeFlattenPath(pool, vol));
export const cloneVolume = (pool: string, vol: string, name: string) =>
  request<VolumeInfo>("POST", volumeClonePath(pool, vol), { name });

/** Starts a download from a URL into a new volume; it goes on as a task. */
export const startDownload = (body: DownloadRequest) =>
  request<DownloadStarted>("POST", imageDownloadsPath(), body);

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
  return putFile<VolumeInfo>(volumeContentPath(pool, name), file, onProgress);
}
