// The page's language, loaded before every other bundle (routes/layout/Layout.tsx): i18next with
// the German dictionary, installed for t() (shared/i18n/t.ts) in every island bundle.

import { installTranslator } from "../../shared/i18n/t.ts";
import { createTranslator } from "../../shared/i18n/translator.ts";
import english from "../../shared/i18n/en/index.ts";
import german from "../../shared/i18n/de/index.ts";

installTranslator({
  translate: createTranslator("de", german, english),
  language: () => "de",
});
