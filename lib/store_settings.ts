// The app store's settings table: one JSON document per key, for what a feature keeps app-wide as
// a whole (the backup location, image settings and their catalogue, metrics retention, hosts in
// maintenance, the shared pools of a cluster, the boot the start at boot ran for …). Read and
// written here, so every feature keeps its document the same way.

import type { Store } from "./store.ts";

/** The text kept under `key`, or undefined: for a reader that forgives a value it cannot parse. */
export function settingText(store: Store, key: string): string | undefined {
  const row = store.db.prepare("SELECT value FROM settings WHERE key = ?").get(key);
  return row ? String(row.value) : undefined;
}

/** The document kept under `key`, parsed; `absent` when none is kept. */
export function readSetting<T>(store: Store, key: string, absent: T): T {
  const text = settingText(store, key);
  return text === undefined ? absent : JSON.parse(text);
}

/** Keeps `value` as the document under `key`, in place of the one there was. */
export function writeSetting(store: Store, key: string, value: unknown): void {
  store.db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(key, JSON.stringify(value));
}
