// The user menu's language choice (in the top bar; hydrated by islands/entries/shell.ts):
// Automatic (the browser's Accept-Language) or one language by its own name. The account's
// setting is read from GET /api/me/settings, a choice saved with PUT, then the page reloads in
// the new language. Buttons, not radios: arrow keys on a radio group would save (and reload)
// at each language they pass.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { LANGUAGE_NAMES, LANGUAGES, type LanguageSetting } from "../../shared/i18n/languages.ts";
import { t } from "../../shared/i18n/t.ts";
import { errorMessage } from "../../components/client/api.ts";
import { readSettings, saveLanguage } from "./settings_api.ts";

export const LANGUAGE_LEGEND_ID = "language-choice-legend";

export default function LanguageChoice() {
  const setting = useSignal<LanguageSetting | null>(null);
  const saving = useSignal<LanguageSetting | null>(null);
  const error = useSignal<string | null>(null);

  useEffect(() => {
    readSettings().then((s) => setting.value = s.language).catch((err) =>
      error.value = errorMessage(err)
    );
  }, []);

  const choose = async (language: LanguageSetting) => {
    if (saving.value) return;
    saving.value = language;
    error.value = null;
    try {
      await saveLanguage(language);
      location.reload();
    } catch (err) {
      error.value = errorMessage(err);
      saving.value = null;
    }
  };

  const choices: { value: LanguageSetting; name: string; lang?: string }[] = [
    { value: "auto", name: t("Automatic (browser)") },
    ...LANGUAGES.map((l) => ({ value: l, name: LANGUAGE_NAMES[l], lang: l })),
  ];
  return (
    <fieldset
      class="subfieldset language-choice"
      aria-describedby={error.value ? "language-error" : undefined}
    >
      <legend id={LANGUAGE_LEGEND_ID}>{t("Language")}</legend>
      <div class="form-buttons">
        {choices.map(({ value, name, lang }) => (
          <button
            key={value}
            type="button"
            class="button button-small"
            data-language={value}
            aria-pressed={setting.value === value}
            aria-busy={saving.value === value}
            disabled={saving.value !== null}
            // A language by its own name, so a screen reader says it in that language.
            lang={lang}
            onClick={() => choose(value)}
          >
            {name}
          </button>
        ))}
      </div>
      {error.value && (
        <p class="notice notice-error" id="language-error" role="alert">{error.value}</p>
      )}
    </fieldset>
  );
}
