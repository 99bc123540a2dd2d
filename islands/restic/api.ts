// Browser calls to the backup repository API (restic); failures carry the API's own message.

import type {
  KeepPolicy,
  Repository,
  RepositoryBackup,
  RepositoryKind,
  ResticJob,
} from "../../shared/restic.ts";
import {
  repositoriesPath,
  repositoryActionPath,
  repositoryBackupsPath,
  repositoryJobPath,
  repositoryPath,
  repositoryRestorePath,
  vmResticBackupPath,
} from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";
import { itemCalls } from "../../components/kit/item_calls.ts";

export interface NewRepository {
  name: string;
  kind: RepositoryKind;
  location: string;
  password: string;
  keyFile?: string | null;
  knownHostsFile?: string | null;
  port?: number | null;
  accessKeyId?: string | null;
  secretKey?: string | null;
  keep?: Partial<KeepPolicy>;
  checkSchedule?: string | null;
  existing?: boolean;
}

export type RepositoryChange = Pick<
  NewRepository,
  "keep" | "checkSchedule" | "keyFile" | "knownHostsFile" | "port"
>;

const repositories = itemCalls<Repository, NewRepository, RepositoryChange>(
  repositoriesPath,
  repositoryPath,
);
export const listRepositories = repositories.list;
export const addRepository = repositories.create;
export const changeRepository = repositories.update;
export const removeRepository = repositories.remove;

export const listRepositoryBackups = (id: string, vm?: string) =>
  request<RepositoryBackup[]>(
    "GET",
    vm ? `${repositoryBackupsPath(id)}?vm=${encodeURIComponent(vm)}` : repositoryBackupsPath(id),
  );

export const startCheck = (id: string, body: { readData?: boolean; readDataSubset?: string }) =>
  request<ResticJob>("POST", repositoryActionPath(id, "check"), body);

export const startPrune = (id: string) =>
  request<ResticJob>("POST", repositoryActionPath(id, "prune"));

export const startRestore = (id: string, backup: string, body: { name: string; pool: string }) =>
  request<ResticJob>("POST", repositoryRestorePath(id, backup, "restore"), body);

export const startRestoreDisk = (
  id: string,
  backup: string,
  body: { target: string; pool: string; volume: string },
) => request<ResticJob>("POST", repositoryRestorePath(id, backup, "restore-disk"), body);

export const startResticBackup = (vmId: string, repository: string) =>
  request<ResticJob>("POST", vmResticBackupPath(vmId), { repository });

export const getJob = (id: string) => request<ResticJob>("GET", repositoryJobPath(id));
