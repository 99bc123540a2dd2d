// The "New …" form of a libvirt object (a pool, a volume, a network), the same on the three
// pages: the browser checks `required` first, the Name field leads the top row (required, focused
// when the form opens) with the fields beside it, and Create waits for a name that is not blank.

import type { ComponentChildren } from "preact";
import { TextField } from "../../components/kit/controls.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { type Submit, useFocusFirst } from "../../components/kit/use_form.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  label: string;
  title?: string;
  /** 3 inside a card (the pool page's volumes). */
  heading?: 2 | 3;
  submit: Submit;
  submitLabel: string;
  onCancel: () => void;
  /** The Name field: its id, its hint if any, its value and change callback (a draft's text). */
  name: { id: string; hint?: string; value: string; onValue: (value: string) => void };
  /** The fields on the Name's row (a mode, a format, a type). */
  besideName: ComponentChildren;
  /** The fields under that row. */
  children?: ComponentChildren;
}

export function NewObjectForm({ name, besideName, children, ...panel }: Props) {
  const first = useFocusFirst();
  return (
    <FormPanel
      {...panel}
      class="create-form"
      disabled={name.value.trim() === ""}
      browserValidates
    >
      <div class="field-row">
        <TextField
          id={name.id}
          label={t("Name")}
          hint={name.hint}
          required
          inputRef={first}
          value={name.value}
          onValue={name.onValue}
        />
        {besideName}
      </div>
      {children}
    </FormPanel>
  );
}
