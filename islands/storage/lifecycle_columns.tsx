// What the pools and the networks tables share, both being libvirt objects that are named,
// started and stopped: the name linking to the object's page, its state, its Start or Stop button.

import type { Column } from "../../components/kit/table/mod.ts";
import { RowButton } from "../../components/kit/row_actions.tsx";
import { ActiveBadge } from "./ActiveBadge.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Lifecycle {
  name: string;
  active: boolean;
}

/** The Name column: the name, clipped, linking to the object's own page. */
export function nameLinkColumn<T extends Lifecycle>(href: (name: string) => string): Column<T> {
  return {
    id: "name",
    header: t("Name"),
    class: "clip-name",
    cell: (row) => <a class="clip" href={href(row.name)} title={row.name}>{row.name}</a>,
  };
}

/** The State column: Active or Inactive. */
export function stateColumn<T extends Lifecycle>(): Column<T> {
  return { id: "state", header: t("State"), cell: (row) => <ActiveBadge active={row.active} /> };
}

interface StartStopProps {
  row: Lifecycle;
  disabled: boolean;
  /** Whether that action of the row is under way. */
  busy: (action: "start" | "stop") => boolean;
  onAction: (action: "start" | "stop") => void;
}

/** Stop for a running object, Start for a stopped one. */
export function StartStopButton({ row, disabled, busy, onAction }: StartStopProps) {
  const action = row.active ? "stop" : "start";
  return (
    <RowButton
      action={row.active ? t("Stop") : t("Start")}
      name={row.name}
      disabled={disabled}
      busy={busy(action)}
      onClick={() => onAction(action)}
    />
  );
}
