// A wizard checkbox with its field's errors, and why it is off when the host cannot do it.

import type { ComponentChildren } from "preact";

export function Check(
  { label, checked, off, reason, errors, onChange }: {
    label: ComponentChildren;
    checked: boolean;
    off?: boolean;
    reason?: string | null;
    errors: string[];
    onChange: (on: boolean) => void;
  },
) {
  return (
    <div class={errors.length ? "field field-invalid" : "field"}>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={checked}
          disabled={off}
          aria-invalid={errors.length > 0}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        {label}
      </label>
      {off && reason && <p class="field-hint">{reason}</p>}
      {errors.length > 0 && (
        <div class="field-error" role="alert">{errors.map((m) => <p key={m}>{m}</p>)}</div>
      )}
    </div>
  );
}
