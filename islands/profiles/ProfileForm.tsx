// Create or edit a profile: name, description, and its policy (agent permissions, alert rules,
// backup policy, tags). Editing PATCHes every field; the answer says how many VMs were updated.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { ProfileDetails } from "../../shared/profiles.ts";
import { errorMessage } from "../client/api.ts";
import { browserTimeZone } from "../schedules/format.ts";
import { AgentFields } from "./AgentFields.tsx";
import { AlertRulesFields } from "./AlertFields.tsx";
import { createProfile, updateProfile } from "./api.ts";
import { BackupFields } from "./BackupFields.tsx";
import { type PolicyDraft, type ProfileDraft, profileDraft, profileInputOf } from "./draft.ts";
import { TagsField } from "./TagsField.tsx";

interface Props {
  /** The profile to edit; none for a new one. */
  profile?: ProfileDetails;
  /** `affectedVms`: assigned VMs re-synced by an edit; null for a new profile. */
  onSaved: (name: string, affectedVms: number | null) => void;
  onCancel: () => void;
}

export function ProfileForm({ profile, onSaved, onCancel }: Props) {
  const draft = useSignal<ProfileDraft>(profileDraft(profile ?? null, browserTimeZone()));
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);

  const d = draft.value;
  const set = (change: Partial<ProfileDraft>) => draft.value = { ...draft.value, ...change };
  const setPolicy = (change: Partial<PolicyDraft>) =>
    set({ policy: { ...draft.value.policy, ...change } });
  const p = d.policy;
  const prefix = profile ? `profile-${profile.id}` : "profile-new";

  const save = async (e: Event) => {
    e.preventDefault();
    saving.value = true;
    failure.value = null;
    try {
      const input = profileInputOf(draft.value);
      if (profile) {
        const { profile: saved, syncResult } = await updateProfile(profile.id, input);
        onSaved(saved.name, syncResult.affectedVms);
      } else {
        onSaved((await createProfile(input)).name, null);
      }
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  return (
    <form
      class="settings-form profile-form"
      noValidate
      onSubmit={save}
      aria-label={profile ? "Edit profile" : "New profile"}
    >
      <h3>{profile ? `Edit ${profile.name}` : "New profile"}</h3>
      <div class="form-row">
        <div class="form-field">
          <label for={`${prefix}-name`}>Name</label>
          <input
            id={`${prefix}-name`}
            ref={first}
            type="text"
            maxLength={64}
            value={d.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
        </div>
        <div class="form-field">
          <label for={`${prefix}-description`}>Description</label>
          <input
            id={`${prefix}-description`}
            type="text"
            value={d.description}
            placeholder="optional"
            onInput={(e) => set({ description: e.currentTarget.value })}
          />
        </div>
      </div>
      <TagsField id={`${prefix}-tags`} value={p.tags} set={(tags) => setPolicy({ tags })} />
      <fieldset class="policy-group">
        <legend>Alert rules</legend>
        <AlertRulesFields
          prefix={`${prefix}-alert`}
          rules={p.alerts}
          set={(alerts) => setPolicy({ alerts })}
        />
      </fieldset>
      <fieldset class="policy-group">
        <legend>Backups</legend>
        <BackupFields
          prefix={`${prefix}-backup`}
          draft={p.backup}
          set={(backup) => setPolicy({ backup })}
          allowNone
        />
      </fieldset>
      <fieldset class="policy-group">
        <legend>Guest agent</legend>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={p.agentOn}
            onChange={(e) => setPolicy({ agentOn: e.currentTarget.checked })}
          />{" "}
          Limit what the guest agent may do
        </label>
        {p.agentOn && (
          <AgentFields
            prefix={`${prefix}-agent`}
            draft={p.agent}
            set={(c) => setPolicy({ agent: { ...p.agent, ...c } })}
          />
        )}
      </fieldset>
      {failure.value && <p class="note note-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
        <button
          type="submit"
          class="button button-primary"
          disabled={saving.value}
          aria-busy={saving.value}
        >
          {profile ? "Save changes" : "Create profile"}
        </button>
      </div>
    </form>
  );
}
