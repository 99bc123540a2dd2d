// "Create bond": its name, its members (the host's NICs that are no port yet), the bonding mode
// and the link monitoring interval, staged on submit; the API's refusal is shown by its field.

import type { BondMode, HostInterface, HostNetworkState } from "../../shared/host_network.ts";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { TextField } from "../../components/kit/controls.tsx";
import { CheckboxChoices } from "../../components/kit/CheckboxChoices.tsx";
import { Notice } from "../../components/kit/Notice.tsx";
import { useDraft } from "../../components/kit/use_form.ts";
import { stageBond } from "./api.ts";
import { useFieldSubmit } from "./field_submit.ts";
import { BondModeFields } from "./BondModeFields.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  interfaces: HostInterface[];
  /** The name offered first (bondN). */
  name: string;
  onStaged: (state: HostNetworkState) => void;
  onCancel: () => void;
  disabled: boolean;
}

/** What a bond takes as a member: a NIC (or a veth) that is no port of anything. */
export const bondable = (i: HostInterface) => (i.kind === "nic" || i.kind === "veth") && !i.master;

export function BondForm({ interfaces, name, onStaged, onCancel, disabled }: Props) {
  const draft = useDraft({
    name,
    members: [] as string[],
    mode: "active-backup" as BondMode,
    miimon: "100",
  });
  const d = draft.value;
  const form = useFieldSubmit(["name", "members", "mode", "miimon"], async () => {
    onStaged(
      await stageBond({
        name: d.name.trim(),
        members: d.members,
        mode: d.mode,
        // Sent as typed: the API refuses what is no whole number in its own words.
        miimon: d.miimon.trim() === "" ? Number.NaN : Number(d.miimon),
      }),
    );
  });
  const set = (change: Partial<typeof d>) => {
    form.clear();
    draft.set(change);
  };
  const offered = interfaces.filter(bondable);
  return (
    <FormPanel
      label={t("Create bond")}
      class="form-panel hostnet-bridge-form"
      submit={form.submit}
      submitLabel={t("Stage bond")}
      disabled={disabled}
      onCancel={onCancel}
    >
      <div class="form-row">
        <TextField
          id="hostnet-bond-name"
          label={t("Bond name")}
          maxLength={15}
          spellcheck={false}
          errors={form.errors("name")}
          value={d.name}
          onValue={(v) => set({ name: v })}
        />
        <BondModeFields
          idPrefix="hostnet-bond"
          mode={d.mode}
          miimon={d.miimon}
          errors={form.errors}
          set={set}
        />
      </div>
      <CheckboxChoices
        legend={t("Members")}
        options={offered.map((i) => [i.name, i.name] as const)}
        chosen={d.members}
        onChosen={(members) => set({ members })}
      >
        <p class="muted">
          {offered.length < 2
            ? t("A bond needs two NICs that are no port of a bridge or bond: this host has fewer.")
            : t("A member's addresses move to the bond; the members keep none.")}
        </p>
      </CheckboxChoices>
      <Notice tone="error" kind="note">{form.errors("members")[0] ?? null}</Notice>
    </FormPanel>
  );
}
