// Downloads under way, kept in the settings table (key "image-downloads") from the moment their
// volume exists until they end: what a server that stopped or died part-way needs to go on with
// each when it starts again (lib/images/download_resume.ts), and to delete what it cannot.

import type { Store } from "../store.ts";
import { readSetting, writeSetting } from "../store_settings.ts";
import type { Compression } from "./decompress.ts";
import type { Checksum } from "./sums.ts";

const KEY = "image-downloads";

export interface DownloadRecord {
  id: string;
  hostId: string;
  /** Who asked: the resumed download's task is theirs. */
  user: string;
  /** The URL fetched (after the mirrors). */
  url: string;
  pool: string;
  name: string;
  path: string;
  packing: Compression | null;
  checksum: Checksum | null;
  maxBytes: number;
  /** The first answer's ETag or Last-Modified, which a range request must match. */
  validator: string | null;
  size: number | null;
}

export class DownloadRecords {
  constructor(private readonly store: Store) {}

  list(): DownloadRecord[] {
    return readSetting<DownloadRecord[]>(this.store, KEY, []);
  }

  #save(all: DownloadRecord[]): void {
    writeSetting(this.store, KEY, all);
  }

  add(record: DownloadRecord): void {
    this.#save([...this.list().filter((r) => r.id !== record.id), record]);
  }

  remove(id: string): void {
    const all = this.list();
    if (all.some((r) => r.id === id)) this.#save(all.filter((r) => r.id !== id));
  }
}
