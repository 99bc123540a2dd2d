// A translator for one language, made with i18next: English sentences as keys (no key or
// namespace separators, since sentences hold dots and colons), `_one`/`_other` plural forms by
// the language's own rules (Intl.PluralRules), and no HTML escaping (Preact escapes).

import i18next from "i18next";
import type { Language } from "./languages.ts";
import type { Translate } from "./t.ts";

import type { Dictionary } from "./dictionary.ts";

export type { Dictionary };

/**
 * `dictionary` for `language`, falling back to `english` (which holds only what differs from
 * its key: the singular forms) and then to the key itself.
 */
export function createTranslator(
  language: Language,
  dictionary: Dictionary,
  english: Dictionary,
): Translate {
  const instance = i18next.createInstance();
  instance.init({
    lng: language,
    fallbackLng: "en",
    resources: { [language]: { translation: dictionary }, en: { translation: english } },
    initAsync: false,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnEmptyString: false,
  });
  const fixed = instance.getFixedT(language);
  return (key, values) => fixed(key, values as Record<string, unknown>) as string;
}
