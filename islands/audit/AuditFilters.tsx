// The filter form of /audit: user, action (from the actions recorded), target, result and a
// time window. Apply sends the draft up; Clear empties it.

import type { FilterDraft } from "./filter.ts";
import { groupActions } from "./filter.ts";
import { RESULT_LABELS } from "./format.ts";

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
  const set = (field: keyof FilterDraft) => (e: Event) =>
    onChange({ ...draft, [field]: (e.currentTarget as HTMLInputElement).value });
  // An action in the address that is not recorded (yet) stays choosable.
  const choices = draft.action && !draft.action.endsWith(".*") && !actions.includes(draft.action)
    ? [...actions, draft.action].sort()
    : actions;
  return (
    <form
      class="audit-filters"
      aria-label="Filter the audit log"
      onSubmit={(e) => {
        e.preventDefault();
        onApply();
      }}
    >
      <div class="field">
        <label for="audit-user">User</label>
        <input id="audit-user" type="search" value={draft.user} onInput={set("user")} />
      </div>
      <div class="field">
        <label for="audit-action">Action</label>
        <select id="audit-action" value={draft.action} onChange={set("action")}>
          <option value="">Any action</option>
          {groupActions(choices).map(({ resource, actions }) => (
            <optgroup key={resource} label={resource}>
              {resource !== "other" && (
                <option value={`${resource}.*`}>{`Every ${resource} action`}</option>
              )}
              {actions.map((a) => <option key={a} value={a}>{a}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="audit-target">Target</label>
        <input
          id="audit-target"
          type="search"
          value={draft.target}
          placeholder="VM UUID, pool or network name…"
          onInput={set("target")}
        />
      </div>
      <div class="field">
        <label for="audit-result">Result</label>
        <select id="audit-result" value={draft.result} onChange={set("result")}>
          <option value="">Any result</option>
          {Object.entries(RESULT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="audit-from">From</label>
        <input id="audit-from" type="datetime-local" value={draft.from} onInput={set("from")} />
      </div>
      <div class="field">
        <label for="audit-to">To</label>
        <input id="audit-to" type="datetime-local" value={draft.to} onInput={set("to")} />
      </div>
      <div class="form-buttons audit-filter-buttons">
        <button type="submit" class="button button-primary" disabled={busy}>Apply</button>
        <button type="button" class="button" disabled={busy} onClick={onClear}>Clear</button>
      </div>
    </form>
  );
}
