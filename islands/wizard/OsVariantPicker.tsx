// Search-and-pick over the osinfo variants, with the chosen one's recommended resources.

import { useSignal } from "@preact/signals";
import type { OsType } from "../../shared/vms.ts";
import { osLabel } from "../../shared/os_names.ts";
import { Field } from "../../components/kit/Field.tsx";
import { t } from "../../shared/i18n/t.ts";
import { recommendationText, type VariantChoice } from "./options.ts";
import { Checkbox, TextField } from "../../components/kit/controls.tsx";
import { matchVariants, nearVariants, SEARCH_EXAMPLES } from "./os_search.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";

interface Props {
  variants: VariantChoice[];
  osType: OsType;
  value: string;
  errors: string[];
  onPick: (v: VariantChoice | null) => void;
}

// "Clear" as in dropping the chosen variant, which German says otherwise than emptying a field.
const clearWord = () => t("Clear", { context: "choice" });

// A listbox of hundreds of options is unusable; searching narrows it.
const MAX_SHOWN = 60;

export function OsVariantPicker({ variants, osType, value, errors, onPick }: Props) {
  const query = useSignal("");
  const eol = useSignal(false);
  const chosen = variants.find((v) => v.id === value);
  const matches = matchVariants(variants, { osType, query: query.value, eol: eol.value });
  const shown = matches.slice(0, MAX_SHOWN);
  // Keep the chosen variant selectable even when the search would hide it.
  if (chosen && !shown.includes(chosen)) shown.unshift(chosen);
  const recommended = chosen && recommendationText(chosen);
  // Nothing found: the nearest names, end-of-life ones included, one click from being chosen.
  const near = query.value.trim() && matches.length === 0
    ? nearVariants(variants, query.value)
    : [];

  return (
    <div class="variant-picker">
      <TextField
        id="wiz-variant-search"
        label={t("OS variant")}
        type="search"
        placeholder={t("Search, e.g. {{examples}}", { examples: SEARCH_EXAMPLES.join(", ") })}
        {...bindSignal(query)}
      />
      <Field
        id="wiz-variant"
        label={<span class="sr-only">{t("Matching OS variants")}</span>}
        errors={errors}
        hint={matches.length > MAX_SHOWN
          ? t("{{shown}} of {{total}} matches shown — keep typing to narrow them.", {
            shown: MAX_SHOWN,
            total: matches.length,
          })
          : t("{{count}} matches", { count: matches.length })}
      >
        {(a) => (
          <select
            {...a}
            size={6}
            value={value}
            onChange={(e) => onPick(variants.find((v) => v.id === e.currentTarget.value) ?? null)}
          >
            {shown.map((v) => (
              <option key={v.id} value={v.id}>
                {v.supported ? v.name : t("{{name}} (end of life)", { name: v.name })}
              </option>
            ))}
          </select>
        )}
      </Field>
      {near.length > 0 && (
        <p class="variant-near" role="status">
          {t("Did you mean:")} {near.map((v) => (
            <button
              key={v.id}
              type="button"
              class="link-button"
              onClick={() => {
                query.value = v.name;
                if (!v.supported) eol.value = true;
                onPick(v);
              }}
            >
              {v.name}
            </button>
          ))}
        </p>
      )}
      <Checkbox
        label={t("Include end-of-life versions")}
        checked={eol.value}
        onChecked={(on) => eol.value = on}
      />
      <p class="variant-chosen" aria-live="polite">
        {value
          ? (
            <>
              <strong>{chosen?.name ?? osLabel({ osVariant: value }).name}</strong>
              <span class="muted variant-id">{value}</span>
              {recommended
                ? <span class="recommended">{recommended}</span>
                : <span class="muted">{t("No resource recommendations for this OS.")}</span>}
              <button type="button" class="button button-small" onClick={() => onPick(null)}>
                {clearWord()}
              </button>
            </>
          )
          : <span class="muted">{t("No variant chosen: generic defaults are used.")}</span>}
      </p>
    </div>
  );
}
