// The OVA imports the create wizard can start from (`/vms/new?ova=ID`): the last 50, in the
// settings table (key "ova-imports"), so a review survives a restart of the server.

import type { Store } from "../store.ts";
import type { OvaImport } from "../../shared/ova.ts";

const KEY = "ova-imports";
const KEEP = 50;

export class OvaRecords {
  constructor(private readonly store: Store) {}

  #all(): OvaImport[] {
    const row = this.store.db.prepare("SELECT value FROM settings WHERE key = ?").get(KEY);
    return row ? JSON.parse(String(row.value)) : [];
  }

  add(record: OvaImport): void {
    const all = [record, ...this.#all()].slice(0, KEEP);
    this.store.db.prepare(
      `INSERT INTO settings (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(KEY, JSON.stringify(all));
  }

  get(id: string): OvaImport | undefined {
    return this.#all().find((r) => r.id === id);
  }
}
