// A button in the kit's styles: default, primary (the one main action) or danger (outlined in
// tables, filled only in a confirmation), small in tables and toolbars, busy while its request
// runs (aria-busy draws the spinner).

import type { ButtonHTMLAttributes, ComponentChildren } from "preact";

export type ButtonKind = "default" | "primary" | "danger" | "warning";

type Native = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "class" | "type" | "size">;

interface Props extends Native {
  kind?: ButtonKind;
  small?: boolean;
  busy?: boolean;
  type?: "button" | "submit";
  /** Extra classes (needs-admin, needs-operator …). */
  class?: string;
  children: ComponentChildren;
}

export function buttonClass(kind: ButtonKind = "default", small = false, extra?: string): string {
  return [
    "button",
    kind === "default" ? "" : `button-${kind}`,
    small ? "button-small" : "",
    extra ?? "",
  ].filter(Boolean).join(" ");
}

export function Button(
  { kind, small, busy, type = "button", class: extra, children, ...rest }: Props,
) {
  return (
    <button
      {...rest}
      type={type}
      class={buttonClass(kind, small, extra)}
      aria-busy={busy || undefined}
    >
      {children}
    </button>
  );
}
