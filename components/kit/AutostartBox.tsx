// The Autostart checkbox of a libvirt object's row (pool, network): only admins change it, and a
// transient object cannot autostart (the title says so).

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
