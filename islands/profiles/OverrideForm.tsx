// Add a local override to a VM: a tag, an alert rule, agent permissions or a backup policy, with
// the profile form's own editors. A local setting replaces the profile's of the same key.

import type { SettingKind } from "../../shared/profiles.ts";
import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
import { wordOptions } from "../../components/kit/word_options.ts";
import { browserTimeZone } from "../schedules/format.ts";
import { AgentFields } from "./AgentFields.tsx";
import { AlertFields } from "./AlertFields.tsx";
import { addOverride } from "./api.ts";
import { BackupFields } from "./BackupFields.tsx";
import { type OverrideDraft, overrideDraft, settingOf } from "./draft.ts";
import { KIND_LABELS } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  vmId: string;
  onSaved: (key: string) => void;
  onCancel: () => void;
}

const KINDS: SettingKind[] = ["tag", "alert", "agent", "backup"];

export function OverrideForm({ vmId, onSaved, onCancel }: Props) {
  const draft = useDraft<OverrideDraft>(overrideDraft(browserTimeZone()));
  const first = useFocusFirst<HTMLSelectElement>();
  const submit = useSubmit(async () =>
    onSaved((await addOverride(vmId, settingOf(draft.value))).key)
  );
  const d = draft.value;
  const set = draft.set;
  const prefix = "override";
  const field = draftFields(draft, prefix);
  const kindOptions = wordOptions(KINDS, KIND_LABELS);

  return (
    <FormPanel
      label={t("Add local override")}
      class="settings-form"
      submit={submit}
      submitLabel={t("Add override")}
      onCancel={onCancel}
      inCard
    >
      <div class="form-row">
        {field.select("kind", { label: t("Kind"), selectRef: first, options: kindOptions })}
        {d.kind === "tag" && field.text("tag", { label: t("Tag") })}
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
        {t(
          "A local alert rule, agent permissions or backup policy replaces the profile's (an alert rule: the profile's rule of the same name).",
        )}
      </p>
    </FormPanel>
  );
}
