// Every language's dictionary at once, for the tests. The server loads each on first use
// (lib/i18n/scope.ts); the browser loads only its page's language (islands/entries/i18n_<lang>.ts).

import type { Language } from "../../shared/i18n/languages.ts";
import type { Dictionary } from "../../shared/i18n/translator.ts";
import en from "../../shared/i18n/en/index.ts";
import de from "../../shared/i18n/de/index.ts";

export const DICTIONARIES: Record<Language, Dictionary> = { en, de };
