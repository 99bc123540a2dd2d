// The Autostart checkbox of a libvirt object's row (pool, network): only admins change it, and a
// transient object cannot autostart (the title says so); autostartColumn is its table column.

import type { Column } from "./table/mod.ts";

interface Props {
  name: string;
  /** "pool", "network": for the transient object's title. */
  noun: string;
  checked: boolean;
  persistent: boolean;
  disabled: boolean;
  onChange: (on: boolean) => void;
}

export function AutostartBox({ name, noun, checked, persistent, disabled, onChange }: Props) {
  return (
    <input
      type="checkbox"
      checked={checked}
      disabled={disabled || !persistent}
      aria-label={`Autostart ${name}`}
      title={persistent ? undefined : `A transient ${noun} cannot autostart`}
      onChange={(e) => onChange(e.currentTarget.checked)}
    />
  );
}

interface Autostarts {
  name: string;
  autostart: boolean;
  persistent: boolean;
}

/** The Autostart column of a pool or network table. */
export function autostartColumn<T extends Autostarts>(
  noun: string,
  disabled: (row: T) => boolean,
  onChange: (row: T, on: boolean) => void,
): Column<T> {
  return {
    id: "autostart",
    header: "Autostart",
    cell: (row) => (
      <AutostartBox
        name={row.name}
        noun={noun}
        checked={row.autostart}
        persistent={row.persistent}
        disabled={disabled(row)}
        onChange={(on) => onChange(row, on)}
      />
    ),
  };
}
