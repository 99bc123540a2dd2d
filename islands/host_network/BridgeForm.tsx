// "Create bridge over NIC": the NIC (one the server offers a bridge over) and the new bridge's
// name, staged on submit; the API's refusal is shown under the fields, in its words.

import type {
  HostInterface,
  HostNetworkState,
  PlannedInterface,
} from "../../shared/host_network.ts";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { useDraft } from "../../components/kit/use_form.ts";
import { stageBridge } from "./api.ts";
import { useFieldSubmit } from "./field_submit.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  interfaces: HostInterface[];
  /** Bonds and VLANs staged a moment ago: a bridge may be made over them too. */
  planned: PlannedInterface[];
  /** The NIC chosen first (the row's Bridge button, or ?nic=NAME from the Networks page). */
  nic: string;
  bridge: string;
  onStaged: (state: HostNetworkState) => void;
  onCancel: () => void;
  disabled: boolean;
}

export function BridgeForm(
  { interfaces, planned, nic, bridge, onStaged, onCancel, disabled }: Props,
) {
  const draft = useDraft({ nic, bridge });
  const form = useFieldSubmit(
    ["nic", "bridge"],
    async () => onStaged(await stageBridge(draft.value.nic, draft.value.bridge.trim())),
  );
  const offered = [
    ...interfaces.filter((i) => i.bridgeable),
    ...planned.filter((p) => p.kind !== "bridge"),
  ];
  // A NIC named in the address that cannot take a bridge stays listed, so the refusal says why.
  const options = [
    ...(offered.some((i) => i.name === draft.value.nic) || draft.value.nic === ""
      ? []
      : [[draft.value.nic, draft.value.nic] as const]),
    ...offered.map((i) => [i.name, i.name] as const),
  ];
  return (
    <FormPanel
      label={t("Create bridge over NIC")}
      class="form-panel hostnet-bridge-form"
      submit={form.submit}
      submitLabel={t("Stage bridge")}
      disabled={disabled || draft.value.nic === ""}
      onCancel={onCancel}
    >
      <div class="form-row">
        <SelectField
          id="hostnet-nic"
          label={t("NIC")}
          hint={offered.length === 0
            ? t("No interface here can take a bridge: each is a bridge, a port or a loopback.")
            : t("Its addresses move to the bridge; VMs on the bridge join its LAN.")}
          options={options}
          errors={form.errors("nic")}
          {...draft.text("nic")}
        />
        <TextField
          id="hostnet-bridge"
          label={t("Bridge name")}
          maxLength={15}
          spellcheck={false}
          errors={form.errors("bridge")}
          {...draft.text("bridge")}
        />
      </div>
    </FormPanel>
  );
}
