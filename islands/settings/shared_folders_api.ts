// Browser calls of a VM's shared folders (virtiofs); failures carry the API's own message.

import type { FilesystemAdd, FilesystemResult, VmFilesystem } from "../../shared/filesystems.ts";
import { vmFilesystemPath, vmFilesystemsPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export const listSharedFolders = (id: string) =>
  request<VmFilesystem[]>("GET", vmFilesystemsPath(id));
export const addSharedFolder = (id: string, body: FilesystemAdd) =>
  request<FilesystemResult>("POST", vmFilesystemsPath(id), body);
export const removeSharedFolder = (id: string, tag: string) =>
  request<{ live: boolean }>("DELETE", vmFilesystemPath(id, tag));
