// The Autostart checkbox of a libvirt object's row (pool, network): only admins change it, and a
// transient object cannot autostart (the title says so); autostartColumn is its table column.

import type { Column } from "./table/mod.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

interface Props {
  name: string;
  /** What the object is, for the transient object's title. */
  noun: AutostartNoun;
  checked: boolean;
  persistent: boolean;
  disabled: boolean;
  onChange: (on: boolean) => void;
}

export type AutostartNoun = "pool" | "network";

// Whole sentences: the noun's gender changes the German around it.
const TRANSIENT: Record<AutostartNoun, string> = {
  pool: tKey("A transient pool cannot autostart"),
  network: tKey("A transient network cannot autostart"),
};

export function AutostartBox({ name, noun, checked, persistent, disabled, onChange }: Props) {
  return (
    <input
      type="checkbox"
      checked={checked}
      disabled={disabled || !persistent}
      aria-label={t("Autostart {{name}}", { name })}
      title={persistent ? undefined : t(TRANSIENT[noun])}
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
  noun: AutostartNoun,
  disabled: (row: T) => boolean,
  onChange: (row: T, on: boolean) => void,
): Column<T> {
  return {
    id: "autostart",
    header: t("Autostart"),
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
