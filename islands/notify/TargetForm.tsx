// Create or edit a notification target: its kind, then that kind's fields, and the secret
// (write-only: shown empty, "leave empty to keep" once one is saved).

import { t } from "../../shared/i18n/t.ts";
import { type NotifyTarget, SMTP_SECURITY, TARGET_KINDS } from "../../shared/notify.ts";
import {
  NameField,
  SelectField,
  TextAreaField,
  TextField,
} from "../../components/kit/controls.tsx";
import { SavedItemForm } from "../../components/kit/SavedItemForm.tsx";
import { useDraft, useFocusFirst } from "../../components/kit/use_form.ts";
import { wordOptions } from "../../components/kit/word_options.ts";
import { createTarget, updateTarget } from "./api.ts";
import {
  NEW_TARGET,
  SECRET_LABELS,
  SECURITY_LABELS,
  TARGET_LABELS,
  type TargetDraft,
  targetDraft,
  targetInput,
} from "./forms.ts";

interface Props {
  target?: NotifyTarget;
  onSaved: (target: NotifyTarget) => void;
  onCancel: () => void;
}

export function TargetForm({ target, onSaved, onCancel }: Props) {
  const draft = useDraft<TargetDraft>(target ? targetDraft(target) : NEW_TARGET);
  const first = useFocusFirst();
  const d = draft.value;
  const p = target ? `target-${target.id}` : "target-new";
  const kept = target?.secretSet && target.kind === d.kind;
  return (
    <SavedItemForm
      editing={target}
      words={{ edit: t("Edit notification target"), new: t("New notification target") }}
      createLabel={t("Create target")}
      class="form-panel notify-target-form"
      input={() => targetInput(draft.value)}
      create={createTarget}
      update={updateTarget}
      onSaved={onSaved}
      onCancel={onCancel}
    >
      <div class="field-row">
        <NameField id={`${p}-name`} inputRef={first} {...draft.text("name")} />
        <SelectField
          id={`${p}-kind`}
          label={t("Kind")}
          options={wordOptions(TARGET_KINDS, TARGET_LABELS)}
          {...draft.text("kind")}
        />
      </div>
      {d.kind === "email" && (
        <>
          <div class="field-row">
            <TextField
              id={`${p}-host`}
              label={t("SMTP server")}
              // deno-lint-ignore translate/untranslated-text -- a sample host name, not words
              placeholder="smtp.example.com"
              {...draft.text("host")}
            />
            <TextField
              id={`${p}-port`}
              label={t("Port")}
              type="number"
              min={1}
              max={65535}
              {...draft.text("port")}
            />
            <SelectField
              id={`${p}-security`}
              label={t("Security")}
              options={wordOptions(SMTP_SECURITY, SECURITY_LABELS)}
              {...draft.text("security")}
            />
          </div>
          <div class="field-row">
            <TextField
              id={`${p}-user`}
              label={t("User (empty: no sign-in)")}
              autocomplete="off"
              {...draft.text("user")}
            />
            <TextField id={`${p}-from`} label={t("From")} {...draft.text("from")} />
            <TextField
              id={`${p}-to`}
              label={t("To")}
              hint={t("One or more addresses, separated by commas")}
              {...draft.text("to")}
            />
          </div>
        </>
      )}
      {d.kind !== "email" && (
        <div class="field-row">
          <TextField
            id={`${p}-url`}
            label={d.kind === "webhook" ? t("URL") : t("Server URL")}
            // deno-lint-ignore translate/untranslated-text -- sample URLs, not words
            placeholder={d.kind === "ntfy" ? "https://ntfy.sh" : "https://…"}
            {...draft.text("url")}
          />
          {d.kind === "ntfy" && (
            <TextField id={`${p}-topic`} label={t("Topic")} {...draft.text("topic")} />
          )}
          {d.kind === "webhook" && (
            <SelectField
              id={`${p}-method`}
              label={t("Method")}
              options={[["POST", "POST"], ["PUT", "PUT"]]}
              {...draft.text("method")}
            />
          )}
        </div>
      )}
      {d.kind === "webhook" && (
        <>
          <TextAreaField
            id={`${p}-headers`}
            label={t("Headers")}
            hint={t("One per line: Name: value")}
            rows={2}
            {...draft.text("headers")}
          />
          <TextAreaField
            id={`${p}-body`}
            label={t("Body template")}
            hint={t(
              "Empty: the event as JSON. Placeholders: {{list}}",
              { list: "{{kind}} {{severity}} {{host}} {{title}} {{text}} {{at}}" },
            )}
            rows={3}
            spellcheck={false}
            {...draft.text("bodyTemplate")}
          />
          <TextField
            id={`${p}-content-type`}
            label={t("Content type")}
            {...draft.text("contentType")}
          />
        </>
      )}
      <TextField
        id={`${p}-secret`}
        label={t(SECRET_LABELS[d.kind])}
        type="password"
        autocomplete="new-password"
        hint={kept ? t("Saved; it is never shown. Leave empty to keep it.") : undefined}
        {...draft.text("secret")}
      />
    </SavedItemForm>
  );
}
