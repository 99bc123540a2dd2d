// Which VMs an operator (or a token) may power and open: all of them, or the ones ticked. Shows
// names, keeps UUIDs.

import type { VmScope } from "./api.ts";
import type { VmName } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** Prefix of the inputs' names, unique on the page. */
  prefix: string;
  legend: string;
  vms: VmName[];
  value: VmScope;
  onChange: (scope: VmScope) => void;
}

export function VmScopeField({ prefix, legend, vms, value, onChange }: Props) {
  const some = value !== "*";
  const toggle = (id: string, on: boolean) => {
    const chosen = value === "*" ? [] : value;
    onChange(on ? [...chosen, id] : chosen.filter((v) => v !== id));
  };
  return (
    <fieldset class="choice access-scope">
      <legend>{legend}</legend>
      <label class="checkbox">
        <input
          type="radio"
          name={`${prefix}-scope`}
          checked={!some}
          onChange={() => onChange("*")}
        />
        {t("All VMs")}
      </label>
      <label class="checkbox">
        <input
          type="radio"
          name={`${prefix}-scope`}
          checked={some}
          onChange={() => onChange([])}
        />
        {t("Only these:")}
      </label>
      {some && vms.length === 0 && <span class="muted">{t("No VMs yet.")}</span>}
      {some && vms.map((v) => (
        <label key={v.id} class="checkbox">
          <input
            type="checkbox"
            checked={value.includes(v.id)}
            onChange={(e) => toggle(v.id, e.currentTarget.checked)}
          />
          {v.name}
        </label>
      ))}
    </fieldset>
  );
}
