// The tags of a policy, typed with commas (or one a line).

import { t } from "../../shared/i18n/t.ts";

interface Props {
  id: string;
  value: string;
  set: (value: string) => void;
}

export function TagsField({ id, value, set }: Props) {
  return (
    <div class="form-field">
      <label for={id}>{t("Tags")}</label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={t("e.g. {{example}}", { example: "production, web" })}
        aria-describedby={`${id}-hint`}
        onInput={(e) => set(e.currentTarget.value)}
      />
      <p class="form-hint" id={`${id}-hint`}>{t("Separated by commas")}</p>
    </div>
  );
}
