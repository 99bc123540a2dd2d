// Add a local override to a VM: a tag, an alert rule, agent permissions or a backup policy, with
// the profile form's own editors. A local setting replaces the profile's of the same key.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { SettingKind } from "../../shared/profiles.ts";
import { errorMessage } from "../client/api.ts";
import { browserTimeZone } from "../schedules/format.ts";
import { AgentFields } from "./AgentFields.tsx";
import { AlertFields } from "./AlertFields.tsx";
import { addOverride } from "./api.ts";
import { BackupFields } from "./BackupFields.tsx";
import { type OverrideDraft, overrideDraft, settingOf } from "./draft.ts";
import { KIND_LABELS } from "./format.ts";

interface Props {
  vmId: string;
  onSaved: (key: string) => void;
  onCancel: () => void;
}

const KINDS: SettingKind[] = ["tag", "alert", "agent", "backup"];

export function OverrideForm({ vmId, onSaved, onCancel }: Props) {
  const draft = useSignal<OverrideDraft>(overrideDraft(browserTimeZone()));
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);

  const d = draft.value;
  const set = (change: Partial<OverrideDraft>) => draft.value = { ...draft.value, ...change };
  const prefix = "override";

  const save = async (e: Event) => {
    e.preventDefault();
    saving.value = true;
    failure.value = null;
    try {
      onSaved((await addOverride(vmId, settingOf(draft.value))).key);
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  return (
    <form class="settings-form" noValidate onSubmit={save} aria-label="Add local override">
      <h3>Add local override</h3>
      <div class="form-row">
        <div class="form-field">
          <label for={`${prefix}-kind`}>Kind</label>
          <select
            id={`${prefix}-kind`}
            ref={first}
            value={d.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as SettingKind })}
          >
            {KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
          </select>
        </div>
        {d.kind === "tag" && (
          <div class="form-field">
            <label for={`${prefix}-tag`}>Tag</label>
            <input
              id={`${prefix}-tag`}
              type="text"
              value={d.tag}
              onInput={(e) => set({ tag: e.currentTarget.value })}
            />
          </div>
        )}
      </div>
      {d.kind === "alert" && (
        <AlertFields
          prefix={`${prefix}-alert`}
          draft={d.alert}
          set={(c) => set({ alert: { ...d.alert, ...c } })}
        />
      )}
      {d.kind === "agent" && (
        <AgentFields
          prefix={`${prefix}-agent`}
          draft={d.agent}
          set={(c) => set({ agent: { ...d.agent, ...c } })}
        />
      )}
      {d.kind === "backup" && (
        <BackupFields
          prefix={`${prefix}-backup`}
          draft={d.backup}
          set={(backup) => set({ backup })}
          allowNone={false}
        />
      )}
      <p class="form-hint">
        A local alert rule, agent permissions or backup policy replaces the profile's (an alert
        rule: the profile's rule of the same name).
      </p>
      {failure.value && <p class="note note-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
        <button
          type="submit"
          class="button button-primary"
          disabled={saving.value}
          aria-busy={saving.value}
        >
          Add override
        </button>
      </div>
    </form>
  );
}
