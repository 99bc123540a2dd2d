// The server side of shared/i18n/t.ts: one i18next translator per language, and the language of
// the request being answered, carried by AsyncLocalStorage (routes/middleware/language.ts sets
// it), so that t() in a page, a component or a shared message speaks the caller's language
// without every function passing it along. Outside any request (start-up, background work,
// the CLI) it is English.

import { AsyncLocalStorage } from "node:async_hooks";
import { DEFAULT_LANGUAGE, type Language } from "../../shared/i18n/languages.ts";
import { installTranslator, type Translate } from "../../shared/i18n/t.ts";
import { createTranslator } from "../../shared/i18n/translator.ts";
import { DICTIONARIES } from "../../shared/i18n/dictionaries.ts";

/** Mutable, so the auth step can switch to the signed-in user's own setting. */
interface Scope {
  language: Language;
}

const scope = new AsyncLocalStorage<Scope>();
const translators = new Map<Language, Translate>();

function translatorFor(language: Language): Translate {
  let translate = translators.get(language);
  if (!translate) {
    translate = createTranslator(language, DICTIONARIES[language], DICTIONARIES.en);
    translators.set(language, translate);
  }
  return translate;
}

/** The language of the request being answered; English outside one. */
export const requestLanguage = (): Language => scope.getStore()?.language ?? DEFAULT_LANGUAGE;

/** Runs `fn` answering in `language`. */
export function withLanguage<T>(language: Language, fn: () => T): T {
  return scope.run({ language }, fn);
}

/**
 * Runs `fn` in English, whatever request set it going: for work that outlives its request
 * (timers, reconnects, a migration's end), whose words are kept or sent to everyone.
 */
export const inServerLanguage = <T>(fn: () => T): T => withLanguage(DEFAULT_LANGUAGE, fn);

/** Switches the language of the request being answered (after sign-in tells whose it is). */
export function setRequestLanguage(language: Language): void {
  const current = scope.getStore();
  if (current) current.language = language;
}

installTranslator({
  translate: (key, values) => translatorFor(requestLanguage())(key, values),
  language: requestLanguage,
});
