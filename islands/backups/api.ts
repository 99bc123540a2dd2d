// Browser calls to the backup API; failures carry the API's own message.

import type { Backup, BackupMode, BackupPoolChoice, BackupSettings } from "../../shared/backups.ts";
import type { PoolSummary } from "../../shared/storage.ts";
import {
  backupCancelPath,
  backupPath,
  backupRestorePath,
  backupSettingsPath,
  backupsPath,
  poolsPath,
  vmBackupsPath,
} from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export const listBackups = (vm?: string) =>
  request<Backup[]>("GET", vm ? `${backupsPath()}?vm=${encodeURIComponent(vm)}` : backupsPath());

export const startBackup = (vmId: string, body: { mode: BackupMode; keep?: number }) =>
  request<Backup>("POST", vmBackupsPath(vmId), body);

export const cancelBackup = (id: string) => request<Backup>("POST", backupCancelPath(id));

export const deleteBackup = (id: string) => request<void>("DELETE", backupPath(id));

export const restoreBackup = (id: string, body: { name: string; pool?: string }) =>
  request<{ id: string; name: string }>("POST", backupRestorePath(id), body);

export type SettingsView = BackupSettings & { pools: BackupPoolChoice[] };

export const getBackupSettings = () => request<SettingsView>("GET", backupSettingsPath());

export const saveBackupSettings = (body: Partial<BackupSettings>) =>
  request<BackupSettings>("PUT", backupSettingsPath(), body);

export const listPools = () => request<PoolSummary[]>("GET", poolsPath());
