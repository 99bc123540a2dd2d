// What downloads may reach and bring: the addresses an admin allowed beyond public ones (a
// local mirror) and the largest file a download may be. Settings key "images", app-wide: every
// host's downloads are fetched by this server. The allowed sources are the one such setting of
// every outbound request (lib/outbound): alert webhooks reach what downloads may.

import { z } from "zod";
import type { Store } from "../store.ts";
import { readSetting, writeSetting } from "../store_settings.ts";
import { closedObject, validated } from "../validate.ts";
import { t } from "../../shared/i18n/t.ts";
import type { CatalogEntry, ImageSettings } from "../../shared/images.ts";
import { type AllowedRange, parseAllowed } from "../outbound/address_rules.ts";

const KEY = "images";
const CATALOG_KEY = "image-catalog";
/** A whole cloud image or install DVD is far less; the cap only stops a runaway server. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 64 * 1024 ** 3;
/** The most a cap may be: the largest volume KVM Manager makes (64 TiB). */
const MAX_CAP = 64 * 1024 ** 4;
const MAX_SOURCES = 100;
const MAX_MIRRORS = 50;

const sourceWords = () =>
  t("Each allowed source is an IPv4 or IPv6 address or network, e.g. 192.168.1.20 or 10.0.0.0/8");
const capWords = () => t("maxDownloadBytes must be a whole number of bytes from 1 MiB to 64 TiB");

const mirrorWords = () =>
  t('Each mirror is {"from": URL, "to": URL}, both http:// or https:// and ending in "/"');
const mirrorUrl = z.string({ error: mirrorWords }).max(2048, { error: mirrorWords })
  .refine((u) => /^https?:\/\/[^\s]+\/$/.test(u) && URL.canParse(u), { error: mirrorWords });

/** The body of PUT /api/images/settings. */
export const ImageSettingsBody = closedObject({
  allowedSources: z.array(
    z.string({ error: sourceWords }).max(64, { error: sourceWords })
      .refine((s) => parseAllowed(s) !== null, { error: sourceWords }),
    { error: sourceWords },
  ).max(MAX_SOURCES, { error: () => t("At most 100 allowed sources") }),
  maxDownloadBytes: z.number({ error: capWords }).int({ error: capWords })
    .min(1024 * 1024, { error: capWords }).max(MAX_CAP, { error: capWords }),
  mirrors: z.array(z.strictObject({ from: mirrorUrl, to: mirrorUrl }, { error: mirrorWords }), {
    error: mirrorWords,
  }).max(MAX_MIRRORS, { error: () => t("At most 50 mirrors") }).optional(),
}, { code: "INVALID_SETTING" });

export class ImageSettingsStore {
  constructor(private readonly store: Store) {}

  get(): ImageSettings {
    const saved = readSetting<Partial<ImageSettings>>(this.store, KEY, {});
    return {
      allowedSources: saved.allowedSources ?? [],
      maxDownloadBytes: saved.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES,
      mirrors: saved.mirrors ?? [],
    };
  }

  set(input: unknown): ImageSettings {
    const body = validated(ImageSettingsBody, input, { code: "INVALID_SETTING" });
    const settings: ImageSettings = {
      allowedSources: [...new Set(body.allowedSources.map((s) => s.trim()))],
      maxDownloadBytes: body.maxDownloadBytes,
      mirrors: body.mirrors ?? this.get().mirrors,
    };
    writeSetting(this.store, KEY, settings);
    return settings;
  }

  /** An admin's own library entries (key "image-catalog"), app-wide like the rest. */
  customEntries(): CatalogEntry[] {
    return readSetting<CatalogEntry[]>(this.store, CATALOG_KEY, []);
  }

  saveCustomEntries(entries: CatalogEntry[]): void {
    writeSetting(this.store, CATALOG_KEY, entries);
  }

  /** `url` through the first mirror whose `from` it starts with; as it is when none does. */
  mirrored(url: string): string {
    const mirror = this.get().mirrors.find((m) => url.startsWith(m.from));
    return mirror ? mirror.to + url.slice(mirror.from.length) : url;
  }

  /**
   * The allowed sources as ranges (those saved are valid: they passed set()): what downloads,
   * checksum files and alert webhooks may reach beyond public addresses.
   */
  allowedRanges(): AllowedRange[] {
    return this.get().allowedSources.map(parseAllowed).filter((r) => r !== null);
  }
}
