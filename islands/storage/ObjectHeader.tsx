// The header of a pool's or network's tabs: its name, whether it is active, and (for admins) a
// toolbar of its actions, each disabled while one runs and the running one busy.

import type { ComponentChildren } from "preact";
import { Button } from "../../components/kit/Button.tsx";
import { ActiveBadge } from "./ActiveBadge.tsx";

interface Props {
  name: string;
  /** Null until the object is read: no badge and no toolbar yet. */
  active: boolean | null;
  /** The toolbar's name: "Pool actions". */
  label: string;
  children: ComponentChildren;
}

export function ObjectHeader({ name, active, label, children }: Props) {
  return (
    <div class="vm-header">
      <h1>{name}</h1>
      {active !== null && <ActiveBadge active={active} />}
      {active !== null && (
        <div class="actions needs-admin" role="toolbar" aria-label={label}>{children}</div>
      )}
    </div>
  );
}

/** Makes the toolbar's button for an action ("start", "stop" …) and its label. */
export function actionButtons<A extends string>(
  busy: boolean,
  pending: string | null,
  onAction: (what: A) => void,
) {
  return (what: A, label: string) => (
    <Button
      key={what}
      disabled={busy}
      busy={pending === what}
      onClick={() => onAction(what)}
    >
      {label}
    </Button>
  );
}
