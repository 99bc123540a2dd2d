// Backup API (mounted at /api): backups, backup settings, restore. Owner: the backups work.

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import { BACKUP_CODES, StartBody } from "../../lib/backups/input.ts";
import { RESTORE_CODES, RestoreBody } from "../../lib/backups/restore.ts";
import { SETTINGS_CODES, SettingsBody } from "../../lib/backups/settings.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";

export function backupRoutes({ backups }: AppContext): DeclaredApp {
  // Backups are recorded in the app store.
  const app = new DeclaredApp({ access: "admin", writesStore: true });

  app.POST("/vms/:id/backups", "Start a backup of one VM", {
    params: VM_ID,
    body: { schema: StartBody, empty: undefined, ...BACKUP_CODES },
    responses: { 202: "The backup, as recorded once it runs" },
    answer: "Backup",
  }, reply(({ id }, body) => backups.start(id, body)));

  // Before /backups/:id, which would otherwise take "settings" for an id.
  app.GET("/backups/settings", "Backup settings, with the pools they may choose", {
    access: "read",
    answer: "BackupSettingsView",
  }, reply(() => backups.settingsView()));
  app.PUT("/backups/settings", "Change the backup settings", {
    body: { schema: SettingsBody, ...SETTINGS_CODES },
    answer: "BackupSettings",
  }, reply((_, body) => backups.updateSettings(body)));

  app.GET("/backups", "List backups, newest first", {
    access: "read",
    query: {
      vm: z.string().optional().meta({ description: "Only this VM's (UUID or name)" }),
    },
    answer: "BackupList",
  }, (c) => c.json(backups.list(c.req.query("vm") || undefined)));
  app.GET("/backups/:id", "One backup", {
    access: "read",
    answer: "Backup",
  }, reply(({ id }) => backups.get(id)));
  app.DELETE("/backups/:id", "Delete a backup", {
    responses: { 204: "Deleted" },
  }, reply(({ id }) => backups.delete(id)));
  app.POST("/backups/:id/restore", "Restore a backup as a new, stopped VM", {
    body: { schema: RestoreBody, ...RESTORE_CODES },
    responses: { 201: "{id, name} of the new VM" },
    answer: "BackupRestored",
  }, reply(({ id }, body) => backups.restore(id, body)));
  app.POST("/backups/:id/cancel", "Cancel a running backup", {
    answer: "Backup",
  }, reply(({ id }) => backups.cancel(id)));

  return app;
}
