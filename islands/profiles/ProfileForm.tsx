// Create or edit a profile: name, description, and its policy (agent permissions, alert rules,
// backup policy, tags). Editing PATCHes every field; the answer says how many VMs were updated.

import type { ComponentChildren } from "preact";
import type { ProfileDetails } from "../../shared/profiles.ts";
import { Checkbox, NameField } from "../../components/kit/controls.tsx";
import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { editOrNew, FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
import { browserTimeZone } from "../schedules/format.ts";
import { AgentFields } from "./AgentFields.tsx";
import { AlertRulesFields } from "./AlertFields.tsx";
import { createProfile, updateProfile } from "./api.ts";
import { BackupFields } from "./BackupFields.tsx";
import { type PolicyDraft, type ProfileDraft, profileDraft, profileInputOf } from "./draft.ts";
import { TagsField } from "./TagsField.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** The profile to edit; none for a new one. */
  profile?: ProfileDetails;
  /** `affectedVms`: assigned VMs re-synced by an edit; null for a new profile. */
  onSaved: (name: string, affectedVms: number | null) => void;
  onCancel: () => void;
}

/** One part of the policy (its alert rules, its backups, its agent rules) under its legend. */
function PolicyGroup({ legend, children }: { legend: string; children: ComponentChildren }) {
  return (
    <fieldset class="policy-group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

export function ProfileForm({ profile, onSaved, onCancel }: Props) {
  const draft = useDraft<ProfileDraft>(profileDraft(profile ?? null, browserTimeZone()));
  const first = useFocusFirst();
  const d = draft.value;
  const set = draft.set;
  const setPolicy = (change: Partial<PolicyDraft>) =>
    set({ policy: { ...draft.value.policy, ...change } });
  const p = d.policy;
  const prefix = profile ? `profile-${profile.id}` : "profile-new";
  const field = draftFields(draft, prefix);
  const submit = useSubmit(async () => {
    const input = profileInputOf(draft.value);
    if (profile) {
      const { profile: saved, syncResult } = await updateProfile(profile.id, input);
      onSaved(saved.name, syncResult.affectedVms);
    } else {
      onSaved((await createProfile(input)).name, null);
    }
  });

  return (
    <FormPanel
      {...editOrNew(
        profile,
        { edit: t("Edit profile"), new: t("New profile") },
        t("Create profile"),
      )}
      class="settings-form profile-form"
      submit={submit}
      onCancel={onCancel}
      inCard
    >
      <div class="form-row">
        <NameField id={`${prefix}-name`} inputRef={first} {...draft.text("name")} />
        {field.text("description", { label: t("Description"), placeholder: t("optional") })}
      </div>
      <TagsField id={`${prefix}-tags`} value={p.tags} set={(tags) => setPolicy({ tags })} />
      <PolicyGroup legend={t("Alert rules")}>
        <AlertRulesFields
          prefix={`${prefix}-alert`}
          rules={p.alerts}
          set={(alerts) => setPolicy({ alerts })}
        />
      </PolicyGroup>
      <PolicyGroup legend={t("Backups")}>
        <BackupFields
          prefix={`${prefix}-backup`}
          draft={p.backup}
          set={(backup) => setPolicy({ backup })}
          allowNone
        />
      </PolicyGroup>
      <PolicyGroup legend={t("Guest agent")}>
        <Checkbox
          label={t("Limit what the guest agent may do")}
          checked={p.agentOn}
          onChecked={(agentOn) => setPolicy({ agentOn })}
        />
        {p.agentOn && (
          <AgentFields
            prefix={`${prefix}-agent`}
            draft={p.agent}
            set={(c) => setPolicy({ agent: { ...p.agent, ...c } })}
          />
        )}
      </PolicyGroup>
    </FormPanel>
  );
}
