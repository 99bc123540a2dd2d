// Wizard step 5: the summary, the host's verdict, start/autostart/template choices and Create.

import type { FieldIssue } from "../../shared/vms.ts";
import { CreateProgress } from "./CreateProgress.tsx";
import { type StepId, STEPS } from "./draft.ts";
import { Summary } from "./Summary.tsx";
import type { StepProps } from "./step.ts";
import { t } from "../../shared/i18n/t.ts";
import { Button } from "../../components/kit/Button.tsx";
import { Checkbox, TextField } from "../../components/kit/controls.tsx";
import { heldDraft } from "../../components/kit/use_form.ts";
import type { CreateState } from "./use_create.ts";
import type { ServerCheck } from "./use_server_check.ts";
import { WizardStep } from "./WizardStep.tsx";

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
  const fields = heldDraft(draft, set);
  const busy = create.phase === "working" || (create.phase === "done" && !create.warnings.length);
  return (
    <WizardStep legend={t("Review")} disabled={disabled}>
      <Summary draft={draft} options={props.options} />

      <section class="verdict" aria-live="polite" aria-labelledby="wiz-verdict-title">
        <h2 id="wiz-verdict-title">{t("Host check")}</h2>
        {server.status === "checking" && <p class="muted">{t("Checking with the host…")}</p>}
        {server.status === "failed" && (
          <p class="field-error" role="alert">
            {t("Could not check: {{reason}}", { reason: server.message })}
          </p>
        )}
        {server.status === "done" && errors.length === 0 && (
          <p class="verdict-ok">{t("The host accepts this configuration.")}</p>
        )}
        {props.options.kvmReason && draft.virtType !== "kvm" && (
          <p class="field-warning" data-testid="wiz-emulation">
            {t("This VM will run in software emulation (slower): {{reason}}", {
              reason: props.options.kvmReason,
            })}
          </p>
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
        <Checkbox label={t("Start after creation")} {...fields.flag("start")} />
        <Checkbox label={t("Autostart (start with the host)")} {...fields.flag("autostart")} />
        <Checkbox
          label={t("Save as template…")}
          checked={props.saveTemplate}
          onChecked={(save) => props.onTemplateChange(save, props.templateName)}
        />
        {props.saveTemplate && (
          <TextField
            id="wiz-template-name"
            class="indent"
            label={t("Template name")}
            hint={t("Empty: the VM's name. The template keeps everything but the name.")}
            placeholder={draft.name || t("Template name")}
            value={props.templateName}
            onValue={(name) => props.onTemplateChange(true, name)}
          />
        )}
      </fieldset>

      <div class="wizard-create">
        <Button
          kind="primary"
          disabled={busy || errors.length > 0}
          busy={create.phase === "working"}
          onClick={props.onCreate}
        >
          {t("Create VM")}
        </Button>
        {errors.length > 0 && (
          <span class="muted">{t("Fix the problems above to create the VM.")}</span>
        )}
      </div>
      <CreateProgress state={create} />
    </WizardStep>
  );
}
