// One step of the create-VM wizard as the page draws it: a fieldset named by its legend, every
// control in it disabled until the island has hydrated.

import type { ComponentChildren } from "preact";

interface Props {
  legend: ComponentChildren;
  disabled: boolean;
  children: ComponentChildren;
}

export function WizardStep({ legend, disabled, children }: Props) {
  return (
    <fieldset class="wizard-step" disabled={disabled}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
