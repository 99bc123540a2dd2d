// The one way UI text is written: `t("English words", values)`, looked up in the language of the
// page (the browser) or of the request (the server). English sentences are the keys, so the
// code reads as the English UI and a missing translation shows English, never a key.
//
// The lookup itself is i18next (shared/i18n/translator.ts). The island bundles do not each
// carry it: the page loads one language bundle first (islands/entries/i18n_<lang>.ts), which
// installs its translator here through globalThis; the server installs a function that finds
// the request's language (lib/i18n/scope.ts).

import { DEFAULT_LANGUAGE, isLanguage, type Language } from "./languages.ts";
import english from "./en/index.ts";

/** Values for `{{name}}` placeholders; `count` also picks the plural form. */
export type TranslateValues = Record<string, unknown> & { count?: number; context?: string };
export type Translate = (key: string, values?: TranslateValues) => string;

interface Installed {
  translate: Translate;
  language(): Language;
}

// One slot shared by every bundle on the page (each bundle has its own copy of this module).
const SLOT = "__kvmmI18n";
type Global = typeof globalThis & { [SLOT]?: Installed };

/** Installs the translator: the language bundle in the browser, the server at start. */
export function installTranslator(installed: Installed): void {
  (globalThis as Global)[SLOT] = installed;
}

/**
 * Without a translator (unit tests that render a component alone): English, with `{{name}}`
 * filled in and the `_one` form chosen the way i18next would for English.
 */
function fallback(key: string, values?: TranslateValues): string {
  const one = values?.count === 1 ? english[`${key}_one`] : undefined;
  return fillIn(one ?? english[key] ?? key, values);
}

/** `{{name}}` → values.name (the same placeholder syntax as i18next). */
export function fillIn(text: string, values?: TranslateValues): string {
  if (!values) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

// Words without values, looked up once per language: a table of thousands of rows asks for
// the same few dozen words at every scroll step. Bounded by the dictionary's keys.
const plainWords = new Map<Language, Map<string, string>>();

/** `key` in the current language, with its placeholders filled in. */
export function t(key: string, values?: TranslateValues): string {
  const installed = (globalThis as Global)[SLOT];
  if (!installed) return fallback(key, values);
  if (values) return installed.translate(key, values);
  const language = installed.language();
  let words = plainWords.get(language);
  if (!words) plainWords.set(language, words = new Map());
  let text = words.get(key);
  if (text === undefined) words.set(key, text = installed.translate(key));
  return text;
}

/**
 * Marks a key that is translated later, where it is shown (`t(tab.label)`): for tables built
 * once at load, when the language is not known yet. Returns the key unchanged; the dictionary
 * test finds keys by these marks as by `t(...)`.
 */
export const tKey = <K extends string>(key: K): K => key;

/** The language text is being written in now. */
export function currentLanguage(): Language {
  const installed = (globalThis as Global)[SLOT];
  if (installed) return installed.language();
  const lang = typeof document === "undefined" ? null : document.documentElement.lang;
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
}
