// Wizard step 1: the VM's name and description, and the template to start from.

import type { VmTemplate } from "../../shared/templates.ts";
import { Field } from "../../components/kit/Field.tsx";
import { Trans } from "../../components/kit/Trans.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { StepProps } from "./step.ts";

interface Props extends StepProps {
  templates: VmTemplate[];
  templateId: string;
  onTemplate: (id: string) => void;
}

export function StepBasics(
  { draft, set, issues, disabled, templates, templateId, onTemplate }: Props,
) {
  return (
    <fieldset class="wizard-step" disabled={disabled}>
      <legend>{t("Basics")}</legend>
      <Field
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
      >
        {(a) => (
          <select
            {...a}
            value={templateId}
            onChange={(e) => onTemplate(e.currentTarget.value)}
          >
            <option value="">{t("No template")}</option>
            {templates.map((tpl) => <option key={tpl.id} value={tpl.id}>{tpl.name}</option>)}
          </select>
        )}
      </Field>
      <Field
        id="wiz-name"
        label={t("Name")}
        hint={t("Letters, digits, - and _; up to 64 characters, not starting with a digit.")}
        errors={issues.errors("name")}
      >
        {(a) => (
          <input
            {...a}
            type="text"
            name="name"
            autocomplete="off"
            spellcheck={false}
            maxLength={80}
            value={draft.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        id="wiz-description"
        label={t("Description (optional)")}
        errors={issues.errors("description")}
      >
        {(a) => (
          <textarea
            {...a}
            rows={2}
            value={draft.description}
            onInput={(e) => set({ description: e.currentTarget.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}
