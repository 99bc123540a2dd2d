// A message about a page or card: info, success, warning or error. Errors are role=alert
// (read out at once), the rest role=status. Nothing is drawn when there is nothing to say.

import type { ComponentChildren } from "preact";

export type NoticeTone = "info" | "success" | "warning" | "error";

interface Props {
  tone?: NoticeTone;
  /** "note": the smaller outcome line under a form; "notice": a page's or card's message. */
  kind?: "notice" | "note";
  id?: string;
  children?: ComponentChildren;
}

export function Notice({ tone = "info", kind = "notice", id, children }: Props) {
  if (children == null || children === false || children === "") return null;
  return (
    <p class={`${kind} ${kind}-${tone}`} id={id} role={tone === "error" ? "alert" : "status"}>
      {children}
    </p>
  );
}

/** The usual one: an error message, or nothing when it is null. */
export function ErrorNotice({ message }: { message: ComponentChildren }) {
  return <Notice tone="error">{message}</Notice>;
}
