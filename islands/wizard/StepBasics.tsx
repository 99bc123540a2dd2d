// Wizard step 1: the VM's name and description, and the template to start from.

import type { VmTemplate } from "../../shared/templates.ts";
import { SelectField, TextAreaField, TextField } from "../../components/kit/controls.tsx";
import { Trans } from "../../components/kit/Trans.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { StepProps } from "./step.ts";
import { stepFields } from "./step_fields.ts";
import { WizardStep } from "./WizardStep.tsx";

interface Props extends StepProps {
  templates: VmTemplate[];
  templateId: string;
  onTemplate: (id: string) => void;
}

export function StepBasics(
  { draft, set, issues, disabled, templates, templateId, onTemplate }: Props,
) {
  const fields = stepFields({ draft, set, issues });
  return (
    <WizardStep legend={t("Basics")} disabled={disabled}>
      <SelectField
        id="wiz-template"
        label={t("Start from template")}
        hint={templates.length === 0
          ? (
            <Trans
              text={t(
                "No templates yet — {{link}} or save this VM as one on the last step.",
                { link: "{{link}}" },
              )}
              parts={{ link: <a href="/templates">{t("create one")}</a> }}
            />
          )
          : t("Fills in the other steps; you can still change everything.")}
        value={templateId}
        onValue={onTemplate}
        options={[["", t("No template")], ...templates.map((tpl) => [tpl.id, tpl.name] as const)]}
      />
      <TextField
        id="wiz-name"
        label={t("Name")}
        hint={t("Letters, digits, - and _; up to 64 characters, not starting with a digit.")}
        name="name"
        autocomplete="off"
        spellcheck={false}
        maxLength={80}
        {...fields.field("name")}
      />
      <TextAreaField
        id="wiz-description"
        label={t("Description (optional)")}
        rows={2}
        {...fields.field("description")}
      />
    </WizardStep>
  );
}
