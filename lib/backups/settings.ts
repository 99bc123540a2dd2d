// Where backups go and how many each VM keeps: settings key "backups", checked against libvirt.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { z } from "zod";
import { AppError, fromLibvirt } from "../errors.ts";
import { closedObject, type IssueCodes } from "../validate.ts";
import type { Store } from "../store.ts";
import { readSetting, writeSetting } from "../store_settings.ts";
import { poolFacts } from "../xml/pool_xml.ts";
import type { BackupPoolChoice, BackupSettings } from "../../shared/backups.ts";
import { t } from "../../shared/i18n/t.ts";

const KEY = "backups";
export const DEFAULT_KEEP = 7;
export const MAX_KEEP = 100;

const POOL_NAME = () => t("pool must be a storage pool name or null");

/** Pool types whose volumes are files: qcow2 overlays can name their backing file there. */
export const FILE_POOL_TYPES = ["dir", "fs", "netfs"];

export const noLocation = () =>
  new AppError("NO_BACKUP_LOCATION", t("Choose a backup storage pool in Settings first"));

export function readSettings(store: Store): BackupSettings {
  const saved = readSetting<Partial<BackupSettings>>(store, KEY, {});
  return { pool: saved.pool ?? null, defaultKeep: saved.defaultKeep ?? DEFAULT_KEEP };
}

function writeSettings(store: Store, settings: BackupSettings): BackupSettings {
  writeSetting(store, KEY, settings);
  return settings;
}

/** How many backups are kept: a whole number from 1 to MAX_KEEP, refused in `field`'s name. */
export function keepField(field: string) {
  const error = () =>
    t("{{field}} must be a whole number from {{min}} to {{max}}", { field, min: 1, max: MAX_KEEP });
  return z.number({ error }).int({ error }).min(1, { error }).max(MAX_KEEP, { error });
}

/** The file-based pools a backup location may be, active or not. */
export async function poolChoices(client: LibvirtClient): Promise<BackupPoolChoice[]> {
  const pools = await client.call("poolList").catch((err) => {
    throw fromLibvirt(err, { failed: t("Failed to list storage pools") });
  });
  return pools.map((p) => ({ name: p.name, type: poolFacts(p.xml).type, active: p.active }))
    .filter((p) => FILE_POOL_TYPES.includes(p.type))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The pool `name` as a backup location: 404 when libvirt has none by that name, 409 when it is
 * not file-based or not active.
 */
export async function checkBackupPool(client: LibvirtClient, name: string): Promise<void> {
  const pool = await client.call("poolGet", name).catch((err) => {
    throw fromLibvirt(err, { failed: t("Storage pool {{name}} not found", { name }) });
  });
  const type = poolFacts(pool.xml).type;
  if (!FILE_POOL_TYPES.includes(type)) {
    throw new AppError(
      "INVALID_OPTIONS",
      t(
        "Storage pool {{name}} is a {{type}} pool: backups need a directory pool (dir, fs or netfs)",
        { name, type },
      ),
    );
  }
  if (!pool.active) {
    throw new AppError(
      "INVALID_STATE",
      t("Storage pool {{name}} is not active: start it first", { name }),
    );
  }
}

/**
 * The body of PUT /api/backups/settings: any of its fields, each refusal naming its field
 * (`field`); an unknown setting is INVALID_OPTIONS, a body that is no object BAD_REQUEST. The
 * pool is then looked up in libvirt (updateSettings).
 */
export const SettingsBody = closedObject({
  pool: z.string({ error: POOL_NAME }).trim().min(1, { error: POOL_NAME }).nullable().optional()
    .meta({
      description: "A file-based storage pool's name (dir, fs or netfs, active), or null for none",
    }),
  defaultKeep: keepField("defaultKeep").optional().meta({
    description: `Backups kept per VM when a backup does not say, 1 to ${MAX_KEEP}`,
  }),
}, {
  code: "INVALID_OPTIONS",
  notAnObject: () => t('Body must be a JSON object like {"pool": "backups", "defaultKeep": 7}'),
  unknown: (key) => t('Unknown setting "{{key}}": expected pool, defaultKeep', { key }),
});

export const SETTINGS_CODES: IssueCodes = { code: "INVALID_OPTIONS", nameField: true };

/** Applies a checked PUT body `{pool?, defaultKeep?}`; returns the saved settings. */
export async function updateSettings(
  client: LibvirtClient,
  store: Store,
  input: z.output<typeof SettingsBody>,
): Promise<BackupSettings> {
  const next = readSettings(store);
  if (input.pool) await checkBackupPool(client, input.pool);
  if (input.pool !== undefined) next.pool = input.pool;
  if (input.defaultKeep !== undefined) next.defaultKeep = input.defaultKeep;
  return store.write(() => writeSettings(store, next));
}
