// Create or edit a notification target: its kind, then that kind's fields, and the secret
// (write-only: shown empty, "leave empty to keep" once one is saved).

import { t } from "../../shared/i18n/t.ts";
import { type NotifyTarget, SMTP_SECURITY, TARGET_KINDS } from "../../shared/notify.ts";
import { NameField } from "../../components/kit/controls.tsx";
import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { SavedItemForm } from "../../components/kit/SavedItemForm.tsx";
import { useDraft, useFocusFirst } from "../../components/kit/use_form.ts";
import { wordOptions } from "../../components/kit/word_options.ts";
import { targetCalls } from "./api.ts";
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
  const field = draftFields(draft, p);
  const kept = target?.secretSet && target.kind === d.kind;
  return (
    <SavedItemForm
      editing={target}
      words={{ edit: t("Edit notification target"), new: t("New notification target") }}
      createLabel={t("Create target")}
      class="form-panel notify-target-form"
      input={() => targetInput(draft.value)}
      create={targetCalls.create}
      update={targetCalls.update}
      onSaved={onSaved}
      onCancel={onCancel}
    >
      <div class="field-row">
        <NameField id={`${p}-name`} inputRef={first} {...draft.text("name")} />
        {field.select("kind", {
          label: t("Kind"),
          options: wordOptions(TARGET_KINDS, TARGET_LABELS),
        })}
      </div>
      {d.kind === "email" && (
        <>
          <div class="field-row">
            {field.text("host", {
              label: t("SMTP server"),
              // deno-lint-ignore translate/untranslated-text -- a sample host name, not words
              placeholder: "smtp.example.com",
            })}
            {field.text("port", { label: t("Port"), type: "number", min: 1, max: 65535 })}
            {field.select("security", {
              label: t("Security"),
              options: wordOptions(SMTP_SECURITY, SECURITY_LABELS),
            })}
          </div>
          <div class="field-row">
            {field.text("user", { label: t("User (empty: no sign-in)"), autocomplete: "off" })}
            {field.text("from", { label: t("From") })}
            {field.text("to", {
              label: t("To"),
              hint: t("One or more addresses, separated by commas"),
            })}
          </div>
        </>
      )}
      {d.kind !== "email" && (
        <div class="field-row">
          {field.text("url", {
            label: d.kind === "webhook" ? t("URL") : t("Server URL"),
            // deno-lint-ignore translate/untranslated-text -- sample URLs, not words
            placeholder: d.kind === "ntfy" ? "https://ntfy.sh" : "https://…",
          })}
          {d.kind === "ntfy" && field.text("topic", { label: t("Topic") })}
          {d.kind === "webhook" && (
            field.select("method", {
              label: t("Method"),
              options: [["POST", "POST"], ["PUT", "PUT"]],
            })
          )}
        </div>
      )}
      {d.kind === "webhook" && (
        <>
          {field.area("headers", {
            label: t("Headers"),
            hint: t("One per line: Name: value"),
            rows: 2,
          })}
          {field.area("bodyTemplate", {
            id: "body",
            label: t("Body template"),
            hint: t(
              "Empty: the event as JSON. Placeholders: {{list}}",
              { list: "{{kind}} {{severity}} {{host}} {{title}} {{text}} {{at}}" },
            ),
            rows: 3,
            spellcheck: false,
          })}
          {field.text("contentType", { id: "content-type", label: t("Content type") })}
        </>
      )}
      {field.text("secret", {
        label: t(SECRET_LABELS[d.kind]),
        type: "password",
        autocomplete: "new-password",
        hint: kept ? t("Saved; it is never shown. Leave empty to keep it.") : undefined,
      })}
    </SavedItemForm>
  );
}
