// "Edit" on a bridge's or bond's row: a bridge's ports (none leaves a bridge of its own), or a
// bond's members, mode and link check, prefilled from the interfaces file as staged (the state's
// `defined`) and staged on submit; the API's refusal stands under the field it names.

import type {
  BondMode,
  DefinedInterface,
  HostInterface,
  HostNetworkState,
  PlannedInterface,
} from "../../shared/host_network.ts";
import { BOND_MODES } from "../../shared/host_network.ts";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { CheckboxChoices } from "../../components/kit/CheckboxChoices.tsx";
import { Notice } from "../../components/kit/Notice.tsx";
import { useDraft } from "../../components/kit/use_form.ts";
import { stageBondChange, stageBridgePorts } from "./api.ts";
import { bondable } from "./BondForm.tsx";
import { useFieldSubmit } from "./field_submit.ts";
import { BondModeFields } from "./BondModeFields.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** The bridge or bond, as the file defines it. */
  target: DefinedInterface;
  interfaces: HostInterface[];
  /** Bonds and VLANs staged a moment ago: a bridge may take them as ports too. */
  planned: PlannedInterface[];
  onStaged: (state: HostNetworkState) => void;
  onCancel: () => void;
  disabled: boolean;
}

/** A bridge's possible ports: a NIC, bond or VLAN that is no other device's port. */
const portable = (bridge: string) => (i: HostInterface) =>
  ["nic", "veth", "bond", "vlan"].includes(i.kind) && i.name !== bridge &&
  (!i.master || i.master === bridge);

/** Its ports or members now first, then the others it may take, each once. */
const choices = (now: string[], others: string[]) =>
  [...new Set([...now, ...others])].map((n) => [n, n] as const);

export function EditForm(props: Props) {
  return props.target.kind === "bridge" ? <BridgeEdit {...props} /> : <BondEdit {...props} />;
}

function BridgeEdit({ target, interfaces, planned, onStaged, onCancel, disabled }: Props) {
  const draft = useDraft({ ports: target.ports });
  const form = useFieldSubmit(["ports"], async () => {
    onStaged(await stageBridgePorts(target.name, draft.value.ports));
  });
  const offered = choices(target.ports, [
    ...interfaces.filter(portable(target.name)).map((i) => i.name),
    ...planned.filter((p) => p.kind !== "bridge").map((p) => p.name),
  ]);
  return (
    <FormPanel
      label={t("Edit {{name}}", { name: target.name })}
      class="form-panel hostnet-bridge-form"
      submit={form.submit}
      submitLabel={t("Stage change")}
      disabled={disabled}
      onCancel={onCancel}
    >
      <CheckboxChoices
        legend={t("Ports")}
        options={offered}
        chosen={draft.value.ports}
        onChosen={(ports) => {
          form.clear();
          draft.set({ ports });
        }}
      >
        <p class="muted">
          {t(
            "With no port the bridge is a switch of its own: VMs on it reach each other and the host only.",
          )}
        </p>
      </CheckboxChoices>
      <Notice tone="error" kind="note">{form.errors("ports")[0] ?? null}</Notice>
    </FormPanel>
  );
}

function BondEdit({ target, interfaces, onStaged, onCancel, disabled }: Props) {
  const draft = useDraft({
    members: target.ports,
    mode: (BOND_MODES as readonly string[]).includes(target.mode ?? "")
      ? target.mode as BondMode
      : "balance-rr" as BondMode,
    miimon: String(target.miimon ?? 100),
  });
  const d = draft.value;
  const form = useFieldSubmit(["members", "mode", "miimon"], async () => {
    onStaged(
      await stageBondChange({
        name: target.name,
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
  const offered = choices(target.ports, interfaces.filter(bondable).map((i) => i.name));
  return (
    <FormPanel
      label={t("Edit {{name}}", { name: target.name })}
      class="form-panel hostnet-bridge-form"
      submit={form.submit}
      submitLabel={t("Stage change")}
      disabled={disabled}
      onCancel={onCancel}
    >
      <div class="form-row">
        <BondModeFields
          idPrefix="hostnet-edit"
          mode={d.mode}
          miimon={d.miimon}
          errors={form.errors}
          set={set}
        />
      </div>
      <CheckboxChoices
        legend={t("Members")}
        options={offered}
        chosen={d.members}
        onChosen={(members) => set({ members })}
      >
        <p class="muted">{t("A NIC joining the bond must have no addresses of its own.")}</p>
      </CheckboxChoices>
      <Notice tone="error" kind="note">{form.errors("members")[0] ?? null}</Notice>
    </FormPanel>
  );
}
