// Labelled controls built on Field: a text or number input, a select, a text area and a
// checkbox, each taking its value and a callback with the new value, so a form says only what
// differs (label, hint, errors, warnings, limits); NameField, the Name field most forms start
// with; and InlineField, a label and input of a one-line form.

import type { ComponentChildren, Ref } from "preact";
import { Field, type Labelled } from "./Field.tsx";
import { t } from "../../shared/i18n/t.ts";

/** The input attributes forms here set; the rest keep the browser's defaults. */
interface InputAttrs {
  type?: "text" | "number" | "password" | "search" | "url" | "datetime-local" | "date" | "time";
  maxLength?: number;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  placeholder?: string;
  disabled?: boolean;
  required?: boolean;
  readOnly?: boolean;
  autocomplete?: string;
  /** What a password manager knows the input by ("username"). */
  name?: string;
  list?: string;
  pattern?: string;
  inputMode?: "numeric" | "decimal" | "text";
  spellcheck?: boolean;
  onBlur?: () => void;
}

interface TextFieldProps extends Labelled, InputAttrs {
  value: string | number;
  onValue: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  inputClass?: string;
}

export function TextField(
  { id, label, hint, errors, warnings, describedBy, class: cls, ...input }: TextFieldProps,
) {
  const { value, onValue, inputRef, inputClass, type = "text", ...rest } = input;
  return (
    <Field {...{ id, label, hint, errors, warnings, describedBy }} class={cls}>
      {(control) => (
        <input
          {...rest}
          {...control}
          class={inputClass}
          ref={inputRef}
          type={type as "text"}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** "Name", up to the 64 characters the API takes for the name of a rule, job, token, host … */
export function NameField(props: Omit<TextFieldProps, "label" | "maxLength">) {
  return <TextField label={t("Name")} maxLength={64} {...props} />;
}

/** A select's choices; one marked `disabled` stays listed but cannot be chosen. */
export type Options = readonly (
  readonly [value: string, label: ComponentChildren, disabled?: boolean]
)[];

interface SelectFieldProps extends Labelled {
  value: string;
  onValue: (value: string) => void;
  options: Options;
  disabled?: boolean;
  required?: boolean;
  selectRef?: Ref<HTMLSelectElement>;
}

export function SelectField(
  { id, label, hint, errors, warnings, describedBy, class: cls, ...select }: SelectFieldProps,
) {
  const { value, onValue, options, selectRef, ...rest } = select;
  return (
    <Field {...{ id, label, hint, errors, warnings, describedBy }} class={cls}>
      {(control) => (
        <select
          {...rest}
          {...control}
          ref={selectRef}
          value={value}
          onChange={(e) => onValue(e.currentTarget.value)}
        >
          {options.map(([v, text, off]) => <option key={v} value={v} disabled={off}>{text}
          </option>)}
        </select>
      )}
    </Field>
  );
}

interface TextAreaFieldProps extends Labelled {
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  maxLength?: number;
  placeholder?: string;
  disabled?: boolean;
  spellcheck?: boolean;
  inputClass?: string;
}

export function TextAreaField(
  { id, label, hint, errors, warnings, describedBy, class: cls, ...area }: TextAreaFieldProps,
) {
  const { value, onValue, inputClass, ...rest } = area;
  return (
    <Field {...{ id, label, hint, errors, warnings, describedBy }} class={cls}>
      {(control) => (
        <textarea
          {...rest}
          {...control}
          class={inputClass}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

interface CheckboxProps {
  label: ComponentChildren;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  disabled?: boolean;
  class?: string;
  id?: string;
}

/** A checkbox inside its label (the whole line is the click target). */
export function Checkbox({ label, checked, onChecked, class: cls, ...rest }: CheckboxProps) {
  return (
    <label class={cls ? `checkbox ${cls}` : "checkbox"}>
      <input
        {...rest}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChecked(e.currentTarget.checked)}
      />
      {label}
    </label>
  );
}

interface RadioGroupProps {
  legend: ComponentChildren;
  /** The radios' shared name. */
  name: string;
  value: string;
  onValue: (value: string) => void;
  options: Options;
  class?: string;
}

/** A choice of one among a few, each radio inside its label, under a legend. */
export function RadioGroup(
  { legend, name, value, onValue, options, class: cls = "choice" }: RadioGroupProps,
) {
  return (
    <fieldset class={cls}>
      <legend>{legend}</legend>
      {options.map(([v, text]) => (
        <label class="checkbox" key={v}>
          <input type="radio" name={name} checked={value === v} onChange={() => onValue(v)} />
          {text}
        </label>
      ))}
    </fieldset>
  );
}

interface InlineFieldProps extends InputAttrs {
  id: string;
  label: ComponentChildren;
  value: string | number;
  onValue: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}

/** A label and its input side by side, for a one-line form (.row-form): no hint, no errors. */
export function InlineField(
  { id, label, value, onValue, inputRef, type = "text", ...rest }: InlineFieldProps,
) {
  return (
    <>
      <label for={id}>{label}</label>
      <input
        {...rest}
        id={id}
        ref={inputRef}
        type={type as "text"}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </>
  );
}
