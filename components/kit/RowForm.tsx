// A one-line form opened under a table row (grow a disk, clone a volume, insert an ISO): its
// fields, then the submit button (busy while the request runs) and Cancel, which closes it.

import type { ComponentChildren } from "preact";
import { Button } from "./Button.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  onSubmit: (e: Event) => void;
  submitLabel: ComponentChildren;
  busy: boolean;
  onCancel: () => void;
  /** Fields before the buttons; `after` comes after them (a load error). */
  children: ComponentChildren;
  after?: ComponentChildren;
}

export function RowForm({ onSubmit, submitLabel, busy, onCancel, children, after }: Props) {
  return (
    <form class="row-form" onSubmit={onSubmit}>
      {children}
      <Button type="submit" kind="primary" disabled={busy} busy={busy}>{submitLabel}</Button>
      <Button onClick={onCancel}>{t("Cancel")}</Button>
      {after}
    </form>
  );
}
