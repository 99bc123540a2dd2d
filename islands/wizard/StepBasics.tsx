// Wizard step 1: the VM's name and description, and the template to start from.

import type { VmTemplate } from "../../shared/templates.ts";
import { Field } from "../../components/kit/Field.tsx";
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
      <legend>Basics</legend>
      <Field
        id="wiz-template"
        label="Start from template"
        hint={templates.length === 0
          ? (
            <>
              No templates yet — <a href="/templates">create one</a>{" "}
              or save this VM as one on the last step.
            </>
          )
          : "Fills in the other steps; you can still change everything."}
      >
        {(a) => (
          <select
            {...a}
            value={templateId}
            onChange={(e) => onTemplate(e.currentTarget.value)}
          >
            <option value="">No template</option>
            {templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        )}
      </Field>
      <Field
        id="wiz-name"
        label="Name"
        hint="Letters, digits, - and _; up to 64 characters, not starting with a digit."
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
        label="Description (optional)"
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
