// The filter form of /audit: user, action (from the actions recorded), target, result and a
// time window. Apply sends the draft up; Clear empties it.

import type { FilterDraft } from "./filter.ts";
import { groupActions } from "./filter.ts";
import { RESULT_LABELS } from "./format.ts";
import { Button } from "../../components/kit/Button.tsx";
import { type Options, SelectField, TextField } from "../../components/kit/controls.tsx";
import { Field } from "../../components/kit/Field.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  draft: FilterDraft;
  /** Every recorded action, sorted. */
  actions: string[];
  busy: boolean;
  onChange: (draft: FilterDraft) => void;
  onApply: () => void;
  onClear: () => void;
}

export function AuditFilters({ draft, actions, busy, onChange, onApply, onClear }: Props) {
  const results: Options = [
    ["", t("Any result")],
    ...Object.entries(RESULT_LABELS).map(([result, label]) => [result, t(label)] as const),
  ];
  const field = (key: keyof FilterDraft) => ({
    value: draft[key],
    onValue: (value: string) => onChange({ ...draft, [key]: value }),
  });
  // An action in the address that is not recorded (yet) stays choosable.
  const choices = draft.action && !draft.action.endsWith(".*") && !actions.includes(draft.action)
    ? [...actions, draft.action].sort()
    : actions;
  return (
    <form
      class="audit-filters"
      aria-label={t("Filter the audit log")}
      onSubmit={(e) => {
        e.preventDefault();
        onApply();
      }}
    >
      <TextField id="audit-user" label={t("User")} type="search" {...field("user")} />
      <Field id="audit-action" label={t("Action")}>
        {(control) => (
          <select
            {...control}
            value={draft.action}
            onChange={(e) => field("action").onValue(e.currentTarget.value)}
          >
            <option value="">{t("Any action")}</option>
            {groupActions(choices).map(({ resource, actions }) => (
              <optgroup key={resource} label={resource}>
                {resource !== "other" && (
                  <option value={`${resource}.*`}>
                    {t("Every {{resource}} action", { resource })}
                  </option>
                )}
                {actions.map((a) => <option key={a} value={a}>{a}</option>)}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <TextField
        id="audit-target"
        label={t("Target")}
        type="search"
        placeholder={t("VM UUID, pool or network name…")}
        {...field("target")}
      />
      <SelectField id="audit-result" label={t("Result")} options={results} {...field("result")} />
      <TextField id="audit-from" label={t("From")} type="datetime-local" {...field("from")} />
      <TextField id="audit-to" label={t("To")} type="datetime-local" {...field("to")} />
      <div class="form-buttons audit-filter-buttons">
        <Button type="submit" kind="primary" disabled={busy}>{t("Apply")}</Button>
        <Button disabled={busy} onClick={onClear}>{t("Clear")}</Button>
      </div>
    </form>
  );
}
