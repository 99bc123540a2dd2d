// A host network form's submit: the API names the field its refusal is about (`{"field":
// "members"}`), and the form shows the words under that field; a refusal about no field of the
// form is shown under the whole form, as every form here does.

import { useSignal } from "@preact/signals";
import { ApiRequestError } from "../../components/client/api.ts";
import { type Submit, useSubmit } from "../../components/kit/use_form.ts";

export interface FieldSubmit {
  submit: Submit;
  /** The refusal's words when it is about `field`, for the field's `errors`. */
  errors(field: string): string[];
  /** Forgets the refusal (the admin changed something). */
  clear(): void;
}

/** `save` on submit; a refusal naming one of `fields` goes under that field. */
export function useFieldSubmit(fields: readonly string[], save: () => Promise<void>): FieldSubmit {
  const refused = useSignal<{ field: string; message: string } | null>(null);
  const submit = useSubmit(async () => {
    refused.value = null;
    try {
      await save();
    } catch (err) {
      const field = err instanceof ApiRequestError ? err.body.field : undefined;
      if (typeof field === "string" && fields.includes(field)) {
        refused.value = { field, message: (err as Error).message };
        return;
      }
      throw err;
    }
  });
  return {
    submit,
    errors: (field) => refused.value?.field === field ? [refused.value.message] : [],
    clear: () => refused.value = null,
  };
}
