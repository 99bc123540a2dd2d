// What binds a wizard step's controls to the draft: a control's value and change under the
// draft's key and its errors under the validator's field name, which is the same name unless
// told ("kernelPath" is checked as "directKernel.kernelPath").

import { type Draft as FormDraft, heldDraft } from "../../components/kit/use_form.ts";
import type { Draft } from "./draft.ts";
import type { StepProps } from "./step.ts";

/** A draft key whose value is text (or a choice of texts): what a TextField or select edits. */
type TextKey = Parameters<FormDraft<Draft>["text"]>[0];

export interface StepFields extends FormDraft<Draft> {
  /** The value, change and errors of a text field or select. */
  field(key: TextKey, issue?: string): {
    value: string;
    onValue: (value: string) => void;
    errors: string[];
  };
  /** The same for a path or a command line, which no spell checker knows. */
  path(key: TextKey, issue?: string): ReturnType<StepFields["field"]> & { spellcheck: false };
}

export function stepFields(
  { draft, set, issues }: Pick<StepProps, "draft" | "set" | "issues">,
): StepFields {
  const fields = heldDraft(draft, set);
  const field: StepFields["field"] = (key, issue = key) => ({
    ...fields.text(key),
    errors: issues.errors(issue),
  });
  return { ...fields, field, path: (key, issue) => ({ ...field(key, issue), spellcheck: false }) };
}
