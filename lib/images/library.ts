// The image library behind GET /api/images: the shipped catalog and an admin's own entries
// (kept app-wide by ImageSettingsStore), each with the URL a download fetches (through the
// local mirrors) and the pools of this host that already hold it: a volume of its file's name,
// or for an entry whose file is found at download time (a pattern), a volume named like it —
// so a pool holding last month's point release holds the entry too.

import { z } from "zod";
import { AppError } from "../errors.ts";
import { closedObject, validated } from "../validate.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { isValidName, nameRule } from "../../shared/names.ts";
import type { CatalogEntry, CatalogItem, ImageLibrary } from "../../shared/images.ts";
import type { PoolService } from "../storage/pools.ts";
import type { VolumeService } from "../storage/volumes.ts";
import { SHIPPED_CATALOG } from "./catalog.ts";
import { compressionOf } from "./decompress.ts";
import type { ImageSettingsStore } from "./settings.ts";
import { parseChecksum } from "./sums.ts";
import { matchPattern, newestMatch, PATTERN_SHAPE } from "./file_pattern.ts";
import { FILE_PLACEHOLDER } from "./resolve.ts";

const MAX_ENTRIES = 200;
/** An entry's name: longer than most (a product and its release), else the one name rule. */
const NAME_MAX = 100;
const MAX_DISK = 64 * 1024 ** 4;

/** A field's refusal: its name and its rule (a tKey, translated when it is said). */
const words = (field: string, rule: string) => () =>
  t("{{field}}: {{rule}}", { field, rule: t(rule) });
const nameWords = () => t("{{field}}: {{rule}}", { field: "name", rule: nameRule(NAME_MAX) });
const httpUrl = (field: string) =>
  z.string({ error: words(field, t("an http:// or https:// URL")) }).max(2048, {
    error: words(field, t("at most 2048 characters")),
  }).refine((u) => /^https?:\/\/\S+$/.test(u) && URL.canParse(u), {
    error: words(field, t("an http:// or https:// URL")),
  });

/** The body of POST /api/images/catalog: an admin's own entry. */
export const CatalogEntryBody = closedObject({
  id: z.string({ error: words("id", tKey("lower-case letters, digits, '.', '_' or '-'")) })
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
      error: words("id", tKey("1-64 lower-case letters, digits, '.', '_' or '-'")),
    }),
  // The one name rule (shared/names.ts), with room for a product's long name.
  name: z.string({ error: nameWords }).refine((name) => isValidName(name, NAME_MAX), {
    error: nameWords,
  }).meta({ description: nameRule(NAME_MAX) }),
  kind: z.enum(["cloud", "iso"], { error: words("kind", tKey('"cloud" or "iso"')) }),
  url: httpUrl("url"),
  pattern: z.string({ error: words("pattern", tKey("a file name with * or ?")) }).regex(
    PATTERN_SHAPE,
    { error: words("pattern", tKey("a file name with * or ?")) },
  ).nullable().optional(),
  checksumUrl: httpUrl("checksumUrl").nullable().optional(),
  algorithm: z.enum(["sha256", "sha512"], {
    error: words("algorithm", tKey('"sha256" or "sha512"')),
  })
    .nullable().optional(),
  checksum: z.string({ error: words("checksum", tKey('"sha256:…" or "sha512:…"')) }).refine(
    (c) => parseChecksum(c) !== null,
    { error: words("checksum", tKey('"sha256:…" or "sha512:…"')) },
  ).nullable().optional(),
  osinfo: z.string({ error: words("osinfo", tKey("an osinfo id like debian13")) })
    .regex(/^[a-z0-9][a-z0-9.+-]{0,63}$/, {
      error: words("osinfo", tKey("an osinfo id like debian13")),
    })
    .nullable().optional(),
  defaultUser: z.string({ error: words("defaultUser", tKey("a user name")) })
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, { error: words("defaultUser", tKey("a user name")) })
    .nullable().optional(),
  minDiskBytes: z.number({ error: words("minDiskBytes", tKey("a whole number of bytes")) }).int({
    error: words("minDiskBytes", tKey("a whole number of bytes")),
  }).min(0).max(MAX_DISK, { error: words("minDiskBytes", tKey("at most 64 TiB")) }).optional(),
}, { code: "INVALID_INPUT" }).superRefine((b, ctx) => {
  const refuse = (field: string, rule: string) =>
    ctx.addIssue({
      code: "custom",
      path: [field],
      message: t("{{field}}: {{rule}}", { field, rule: t(rule) }),
    });
  if (b.pattern && !b.url.endsWith("/")) {
    refuse("url", tKey("with a pattern, the folder's URL, ending in /"));
  }
  if (b.pattern && b.checksum) refuse("checksum", tKey("not with a pattern: give checksumUrl"));
  if (b.checksumUrl && b.checksumUrl.includes(FILE_PLACEHOLDER) && b.checksumUrl.includes("*")) {
    refuse("checksumUrl", tKey("{file} or a pattern, not both"));
  }
  if (b.checksumUrl && b.checksum) refuse("checksum", tKey("checksum or checksumUrl, not both"));
});

/** The URL's file name without a compression ending: the volume a download makes. */
export function volumeNameOfUrl(url: string): string {
  const last = decodeURIComponent(new URL(url).pathname.split("/").at(-1) ?? "");
  return compressionOf(last)?.inner ?? last;
}

/** The volume a download of the entry makes, or for a pattern the pattern it is named like. */
export function volumeNameOf(entry: Pick<CatalogEntry, "url" | "pattern">): string {
  if (!entry.pattern) return volumeNameOfUrl(entry.url);
  return compressionOf(entry.pattern)?.inner ?? entry.pattern;
}

export class ImageLibraryService {
  constructor(
    private readonly deps: {
      settings: ImageSettingsStore;
      pools: PoolService;
      volumes: VolumeService;
    },
  ) {}

  #custom(): CatalogEntry[] {
    return this.deps.settings.customEntries();
  }

  #save(entries: CatalogEntry[]): void {
    this.deps.settings.saveCustomEntries(entries);
  }

  /** Every entry, shipped first, as a download would fetch it. */
  entries(): CatalogEntry[] {
    // Entries saved before patterns existed have neither field.
    const custom = this.#custom().map((e) => ({
      ...e,
      pattern: e.pattern ?? null,
      algorithm: e.algorithm ?? null,
    }));
    return [...SHIPPED_CATALOG.map((e) => ({ ...e, custom: false })), ...custom];
  }

  /** One entry; 404 IMAGE_NOT_FOUND. */
  entry(id: string): CatalogEntry {
    const found = this.entries().find((e) => e.id === id);
    if (!found) {
      throw new AppError(
        "IMAGE_NOT_FOUND",
        t("No image {{id}} in the library", { id: id.slice(0, 64) }),
      );
    }
    return found;
  }

  /** The volume names of each active pool of this host. */
  async #poolVolumes(): Promise<Map<string, string[]>> {
    const held = new Map<string, string[]>();
    for (const pool of await this.deps.pools.list()) {
      if (!pool.active) continue;
      const vols = await this.deps.volumes.list(pool.name).catch(() => []);
      held.set(pool.name, vols.map((v) => v.name));
    }
    return held;
  }

  /** The library with, for each entry, this host's pools that already hold its volume. */
  async list(): Promise<ImageLibrary> {
    const pools = await this.#poolVolumes();
    const { settings } = this.deps;
    const images: CatalogItem[] = this.entries().map((e) => {
      const volumeName = volumeNameOf(e);
      const holds = (names: string[]) =>
        e.pattern ? names.some((n) => matchPattern(volumeName, n)) : names.includes(volumeName);
      return {
        ...e,
        volumeName,
        downloadUrl: settings.mirrored(e.pattern ? e.url + e.pattern : e.url),
        downloadChecksumUrl: e.checksumUrl ? settings.mirrored(e.checksumUrl) : null,
        inPools: [...pools].filter(([, names]) => holds(names)).map(([pool]) => pool),
      };
    });
    return { images };
  }

  /**
   * The volumes of this host's pools that hold the entry, pool by pool in the pools' order
   * (the newest one a pool has, for an entry with a pattern).
   */
  async held(id: string): Promise<{ pool: string; name: string }[]> {
    const entry = this.entry(id);
    const volumeName = volumeNameOf(entry);
    const found: { pool: string; name: string }[] = [];
    for (const [pool, names] of await this.#poolVolumes()) {
      const name = entry.pattern
        ? newestMatch(volumeName, names)
        : names.includes(volumeName)
        ? volumeName
        : null;
      if (name) found.push({ pool, name });
    }
    return found;
  }

  /** Adds an admin's own entry; 409 when its id is taken. */
  add(input: unknown): CatalogEntry {
    const body = validated(CatalogEntryBody, input, { code: "INVALID_INPUT" });
    if (this.entries().some((e) => e.id === body.id)) {
      throw new AppError(
        "ALREADY_EXISTS",
        t("The library already has an image {{id}}", { id: body.id }),
        { field: "id" },
      );
    }
    const custom = this.#custom();
    if (custom.length >= MAX_ENTRIES) {
      throw new AppError("INVALID_INPUT", t("At most 200 images of your own"));
    }
    const entry: CatalogEntry = {
      id: body.id,
      name: body.name,
      kind: body.kind,
      url: body.url,
      pattern: body.pattern ?? null,
      checksumUrl: body.checksumUrl ?? null,
      algorithm: body.algorithm ?? null,
      checksum: body.checksum ? body.checksum.toLowerCase() : null,
      osinfo: body.osinfo ?? null,
      defaultUser: body.defaultUser ?? null,
      minDiskBytes: body.minDiskBytes ?? 0,
      custom: true,
    };
    this.#save([...custom, entry]);
    return entry;
  }

  /** Removes an admin's own entry (its downloaded volumes stay); shipped ones are 409. */
  remove(id: string): void {
    const entry = this.entry(id);
    if (!entry.custom) {
      throw new AppError(
        "IMAGE_SHIPPED",
        t(
          "{{id}} is shipped with KVM Manager and cannot be removed; add an image of your own instead",
          {
            id,
          },
        ),
      );
    }
    this.#save(this.#custom().filter((e) => e.id !== id));
  }
}
