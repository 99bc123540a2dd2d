// Wizard step 5: the summary, the host's verdict, start/autostart/template choices and Create.

import type { FieldIssue } from "../../shared/vms.ts";
import { CreateProgress } from "./CreateProgress.tsx";
import { type StepId, STEPS } from "./draft.ts";
import { Summary } from "./Summary.tsx";
import type { StepProps } from "./step.ts";
import { t } from "../../shared/i18n/t.ts";
import type { CreateState } from "./use_create.ts";
import type { ServerCheck } from "./use_server_check.ts";

interface Props extends StepProps {
  /** Every error of the whole config, client and host, with the step that shows it. */
  errors: (FieldIssue & { step: StepId })[];
  warnings: FieldIssue[];
  server: ServerCheck;
  saveTemplate: boolean;
  templateName: string;
  onTemplateChange: (save: boolean, name: string) => void;
  create: CreateState;
  onCreate: () => void;
  goTo: (step: StepId) => void;
}

const stepTitle = (id: StepId) => t(STEPS.find((s) => s.id === id)!.title);

export function StepReview(props: Props) {
  const { draft, set, disabled, errors, warnings, server, create } = props;
  const busy = create.phase === "working" || (create.phase === "done" && !create.warnings.length);
  return (
    <fieldset class="wizard-step" disabled={disabled}>
      <legend>{t("Review")}</legend>
      <Summary draft={draft} options={props.options} />

      <section class="verdict" aria-live="polite" aria-labelledby="wiz-verdict-title">
        <h3 id="wiz-verdict-title">{t("Host check")}</h3>
        {server.status === "checking" && <p class="muted">{t("Checking with the host…")}</p>}
        {server.status === "failed" && (
          <p class="field-error" role="alert">
            {t("Could not check: {{reason}}", { reason: server.message })}
          </p>
        )}
        {server.status === "done" && errors.length === 0 && (
          <p class="verdict-ok">{t("The host accepts this configuration.")}</p>
        )}
        {errors.length > 0 && (
          <ul class="issue-list" role="alert">
            {errors.map((e) => (
              <li key={`${e.field}:${e.message}`} class="field-error">
                {e.message} {e.step !== "review" && (
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => props.goTo(e.step)}
                  >
                    {t("Change in {{step}}", { step: stepTitle(e.step) })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {warnings.length > 0 && (
          <ul class="issue-list">
            {warnings.map((w) => (
              <li key={`${w.field}:${w.message}`} class="field-warning">{w.message}</li>
            ))}
          </ul>
        )}
      </section>

      <fieldset class="subfieldset" disabled={busy}>
        <legend>{t("After creation")}</legend>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={draft.start}
            onChange={(e) => set({ start: e.currentTarget.checked })}
          />
          {t("Start after creation")}
        </label>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={draft.autostart}
            onChange={(e) => set({ autostart: e.currentTarget.checked })}
          />
          {t("Autostart (start with the host)")}
        </label>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={props.saveTemplate}
            onChange={(e) => props.onTemplateChange(e.currentTarget.checked, props.templateName)}
          />
          {t("Save as template…")}
        </label>
        {props.saveTemplate && (
          <div class="field indent">
            <label for="wiz-template-name">{t("Template name")}</label>
            <input
              id="wiz-template-name"
              type="text"
              placeholder={draft.name || t("Template name")}
              value={props.templateName}
              onInput={(e) => props.onTemplateChange(true, e.currentTarget.value)}
            />
            <p class="field-hint">
              {t("Empty: the VM's name. The template keeps everything but the name.")}
            </p>
          </div>
        )}
      </fieldset>

      <div class="wizard-create">
        <button
          type="button"
          class="button button-primary"
          disabled={busy || errors.length > 0}
          aria-busy={create.phase === "working"}
          onClick={props.onCreate}
        >
          {t("Create VM")}
        </button>
        {errors.length > 0 && (
          <span class="muted">{t("Fix the problems above to create the VM.")}</span>
        )}
      </div>
      <CreateProgress state={create} />
    </fieldset>
  );
}
