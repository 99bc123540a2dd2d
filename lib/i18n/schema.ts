// The user_settings table of the app store (lib/store.ts): what each account chose for itself.
// Today only the UI's language ("auto" follows the browser, shared/i18n/languages.ts).

export const USER_SETTINGS_TABLES = `CREATE TABLE user_settings (
  user TEXT PRIMARY KEY,
  language TEXT NOT NULL CHECK (language IN ('auto', 'en', 'de')),
  updated_at INTEGER NOT NULL
)`;
