// A short input inside its label, for a toolbar above a list: the search that filters it, or a
// word its batch action takes (a snapshot's name). No hint and no errors: see controls.tsx for those.

import type { ComponentChildren } from "preact";

interface Props {
  label: ComponentChildren;
  value: string;
  onValue: (value: string) => void;
  type?: "search" | "text";
  placeholder?: string;
  disabled?: boolean;
  /** The query parameter it stands for, where the list keeps its filter in the URL. */
  name?: string;
  /** The label's classes (needs-admin …). */
  class?: string;
}

export function ToolbarInput(
  { label, value, onValue, type = "search", class: cls, ...rest }: Props,
) {
  return (
    <label class={cls}>
      {label}
      <input
        {...rest}
        type={type as "search"}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </label>
  );
}
