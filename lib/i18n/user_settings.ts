// Each account's own settings (today: the UI's language), kept in the app store and held in
// memory once read, since every page asks.

import type { Store } from "../store.ts";
import { LANGUAGE_SETTINGS, type LanguageSetting } from "../../shared/i18n/languages.ts";

export interface UserSettings {
  language: LanguageSetting;
}

export const DEFAULT_USER_SETTINGS: UserSettings = { language: "auto" };

// Accounts are host accounts: a few, or a few hundred. Past this the oldest read is forgotten
// (and read again when asked).
const CACHED_MAX = 1_000;

export class UserSettingsStore {
  #cache = new Map<string, UserSettings>();

  constructor(private readonly store: Store) {}

  get(user: string): UserSettings {
    const cached = this.#cache.get(user);
    if (cached) return cached;
    let settings = DEFAULT_USER_SETTINGS;
    try {
      const row = this.store.db.prepare("SELECT language FROM user_settings WHERE user = ?")
        .get(user);
      const language = row?.language as LanguageSetting | undefined;
      if (language && LANGUAGE_SETTINGS.includes(language)) settings = { language };
    } catch {
      // A store that cannot be read (degraded) leaves the defaults; pages still render.
      return settings;
    }
    this.#remember(user, settings);
    return settings;
  }

  set(user: string, settings: UserSettings, now = Date.now()): UserSettings {
    this.store.write(() =>
      this.store.db.prepare(
        `INSERT INTO user_settings (user, language, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (user) DO UPDATE SET language = excluded.language,
           updated_at = excluded.updated_at`,
      ).run(user, settings.language, now)
    );
    this.#remember(user, settings);
    return settings;
  }

  #remember(user: string, settings: UserSettings) {
    this.#cache.delete(user);
    this.#cache.set(user, settings);
    if (this.#cache.size > CACHED_MAX) this.#cache.delete(this.#cache.keys().next().value!);
  }
}
