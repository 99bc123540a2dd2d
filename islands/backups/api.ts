// Browser calls to the backup API; failures carry the API's own message.

import type { Backup, BackupMode, BackupPoolChoice, BackupSettings } from "../../shared/backups.ts";
import type { PoolSummary } from "../../shared/storage.ts";
import { request } from "../client/api.ts";

const backupPath = (id: string) => `/api/backups/${encodeURIComponent(id)}`;

export const listBackups = (vm?: string) =>
  request<Backup[]>("GET", vm ? `/api/backups?vm=${encodeURIComponent(vm)}` : "/api/backups");

export const startBackup = (vmId: string, body: { mode: BackupMode; keep?: number }) =>
  request<Backup>("POST", `/api/vms/${encodeURIComponent(vmId)}/backups`, body);

export const cancelBackup = (id: string) => request<Backup>("POST", `${backupPath(id)}/cancel`);

export const deleteBackup = (id: string) => request<void>("DELETE", backupPath(id));

export const restoreBackup = (id: string, body: { name: string; pool?: string }) =>
  request<{ id: string; name: string }>("POST", `${backupPath(id)}/restore`, body);

export type SettingsView = BackupSettings & { pools: BackupPoolChoice[] };

export const getBackupSettings = () => request<SettingsView>("GET", "/api/backups/settings");

export const saveBackupSettings = (body: Partial<BackupSettings>) =>
  request<BackupSettings>("PUT", "/api/backups/settings", body);

export const listPools = () => request<PoolSummary[]>("GET", "/api/pools");
