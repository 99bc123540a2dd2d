// The server side of shared/i18n/t.ts: one i18next translator per language, and the language of
// the request being answered, carried by AsyncLocalStorage (routes/middleware/language.ts sets
// it), so that t() in a page, a component or a shared message speaks the caller's language
// without every function passing it along. Outside any request (start-up, background work,
// the CLI) it is English. English is always there; another language's dictionary (the German one
// is a tenth of the server's code) is loaded when a request first asks for it (loadLanguage, which
// routes/middleware/language.ts awaits before the request runs in it).

import { AsyncLocalStorage } from "node:async_hooks";
import { DEFAULT_LANGUAGE, type Language } from "../../shared/i18n/languages.ts";
import { installTranslator, type Translate } from "../../shared/i18n/t.ts";
import { createTranslator, type Dictionary } from "../../shared/i18n/translator.ts";
import english from "../../shared/i18n/en/index.ts";

/** Mutable, so the auth step can switch to the signed-in user's own setting. */
interface Scope {
  language: Language;
}

const scope = new AsyncLocalStorage<Scope>();
const translators = new Map<Language, Translate>();

/** Each language's dictionary module, imported on first use (a chunk of its own when bundled). */
const DICTIONARY_MODULES: Record<Language, () => Promise<{ default: Dictionary }>> = {
  en: () => Promise.resolve({ default: english }),
  de: () => import("../../shared/i18n/de/index.ts"),
};

const dictionaries = new Map<Language, Dictionary>([["en", english]]);

/** Makes `language` ready for withLanguage and setRequestLanguage; once per language. */
export async function loadLanguage(language: Language): Promise<void> {
  if (!dictionaries.has(language)) {
    dictionaries.set(language, (await DICTIONARY_MODULES[language]()).default);
  }
}

function translatorFor(language: Language): Translate {
  let translate = translators.get(language);
  if (!translate) {
    const dictionary = dictionaries.get(language);
    // A code path that switches language without awaiting loadLanguage first: a bug to see.
    if (!dictionary) throw new Error(`the ${language} dictionary is not loaded (loadLanguage)`);
    translate = createTranslator(language, dictionary, english);
    translators.set(language, translate);
  }
  return translate;
}

/** The language of the request being answered; English outside one. */
export const requestLanguage = (): Language => scope.getStore()?.language ?? DEFAULT_LANGUAGE;

/** Runs `fn` answering in `language` (loaded first: loadLanguage). */
export function withLanguage<T>(language: Language, fn: () => T): T {
  return scope.run({ language }, fn);
}

/**
 * Runs `fn` in English, whatever request set it going: for work that outlives its request
 * (timers, reconnects, a migration's end), whose words are kept or sent to everyone.
 */
export const inServerLanguage = <T>(fn: () => T): T => withLanguage(DEFAULT_LANGUAGE, fn);

/**
 * Switches the language of the request being answered (after sign-in tells whose it is); loaded
 * first (loadLanguage).
 */
export function setRequestLanguage(language: Language): void {
  const current = scope.getStore();
  if (current) current.language = language;
}

installTranslator({
  translate: (key, values) => translatorFor(requestLanguage())(key, values),
  language: requestLanguage,
});
