// One labelled form control with its hint, its errors (role="alert") and its warnings; the
// control gets aria-invalid and aria-describedby naming them. Its owner clears the errors on change.

import type { ComponentChildren, JSX } from "preact";

/** What the control inside a Field spreads onto itself, so the label and messages attach. */
export interface ControlProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
}

/** What a field says around its control; the controls built on Field (controls.tsx) take it too. */
export interface Labelled {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  errors?: string[];
  /** Shown under the field without marking it invalid (the wizard's "more than the host has"). */
  warnings?: string[];
  /** The id of a note outside the field that also describes it (one note above two fields). */
  describedBy?: string;
  /** The wrapper's classes; a control built on Field takes `inputClass` for its own. */
  class?: string;
}

interface Props extends Labelled {
  children: (control: ControlProps) => JSX.Element;
}

export function Field(
  { id, label, hint, errors = [], warnings = [], describedBy, class: extra, children }: Props,
) {
  const described = [
    hint ? `${id}-hint` : "",
    errors.length ? `${id}-error` : "",
    warnings.length ? `${id}-warning` : "",
    describedBy ?? "",
  ].filter(Boolean).join(" ");
  const classes = ["field", errors.length ? "field-invalid" : "", extra ?? ""].filter(Boolean);
  return (
    <div class={classes.join(" ")}>
      <label for={id}>{label}</label>
      {children({
        id,
        "aria-invalid": errors.length > 0,
        "aria-describedby": described || undefined,
      })}
      {hint && <p class="field-hint" id={`${id}-hint`}>{hint}</p>}
      {errors.length > 0 && (
        <div class="field-error" id={`${id}-error`} role="alert">
          {errors.map((m) => <p key={m}>{m}</p>)}
        </div>
      )}
      {warnings.length > 0 && (
        <div class="field-warning" id={`${id}-warning`}>
          {warnings.map((m) => <p key={m}>{m}</p>)}
        </div>
      )}
    </div>
  );
}

/** Errors and warnings of a field, by validator field name ("memoryMb", "cloudInit.user"). */
export interface Issues {
  errors(field: string): string[];
  warnings(field: string): string[];
}
