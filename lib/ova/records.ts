// The OVA imports the create wizard can start from (`/vms/new?ova=ID`): the last 50, in the
// settings table (key "ova-imports"), so a review survives a restart of the server.

import type { Store } from "../store.ts";
import { readSetting, writeSetting } from "../store_settings.ts";
import type { OvaImport } from "../../shared/ova.ts";

const KEY = "ova-imports";
const KEEP = 50;

export class OvaRecords {
  constructor(private readonly store: Store) {}

  #all(): OvaImport[] {
    return readSetting<OvaImport[]>(this.store, KEY, []);
  }

  add(record: OvaImport): void {
    const all = [record, ...this.#all()].slice(0, KEEP);
    writeSetting(this.store, KEY, all);
  }

  get(id: string): OvaImport | undefined {
    return this.#all().find((r) => r.id === id);
  }
}
