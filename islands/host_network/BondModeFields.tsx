// A bond's mode and link check (miimon), as the bond form and the edit form ask them; each field
// shows the refusal that names it.

import type { BondMode } from "../../shared/host_network.ts";
import { BOND_MODES } from "../../shared/host_network.ts";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** The fields' ids are `${idPrefix}-mode` and `${idPrefix}-miimon`. */
  idPrefix: string;
  mode: BondMode;
  /** As typed: the API refuses what is no whole number in its own words. */
  miimon: string;
  errors(field: "mode" | "miimon"): string[];
  set(change: { mode?: BondMode; miimon?: string }): void;
}

export function BondModeFields({ idPrefix, mode, miimon, errors, set }: Props) {
  return (
    <>
      <SelectField
        id={`${idPrefix}-mode`}
        label={t("Mode")}
        hint={t("active-backup needs nothing of the switch; 802.3ad (LACP) needs it configured.")}
        options={BOND_MODES.map((m) => [m, m] as const)}
        errors={errors("mode")}
        value={mode}
        onValue={(v) => set({ mode: v as BondMode })}
      />
      <TextField
        id={`${idPrefix}-miimon`}
        label={t("Link check every (ms)")}
        hint={t("0 to 10000; 0 turns the check off.")}
        type="number"
        min={0}
        max={10000}
        inputMode="numeric"
        errors={errors("miimon")}
        value={miimon}
        onValue={(v) => set({ miimon: v })}
      />
    </>
  );
}
