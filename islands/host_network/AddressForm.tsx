// "Addresses" of an interface: static (one address with its prefix a line, IPv4 or IPv6, and an
// optional gateway), DHCP, or none, staged on submit; the API's refusal is shown by its field. It
// opens with the interface's global addresses as the host has them now.

import type {
  AddressMethod,
  HostInterface,
  HostNetworkState,
  PlannedInterface,
} from "../../shared/host_network.ts";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import {
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "../../components/kit/controls.tsx";
import { useDraft } from "../../components/kit/use_form.ts";
import { stageAddress } from "./api.ts";
import { useFieldSubmit } from "./field_submit.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  interfaces: HostInterface[];
  planned: PlannedInterface[];
  /** The interface chosen first (its row's Addresses button). */
  name: string;
  onStaged: (state: HostNetworkState) => void;
  onCancel: () => void;
  disabled: boolean;
}

/** What takes addresses: an interface that is no port and no loopback. */
export const addressable = (i: HostInterface) => !i.master && i.name !== "lo";

const globalAddresses = (i: HostInterface | undefined) =>
  (i?.addresses ?? []).filter((a) => a.scope === "global").map((a) =>
    `${a.address}/${a.prefixLength}`
  );

export function AddressForm({ interfaces, planned, name, onStaged, onCancel, disabled }: Props) {
  const names = [
    ...interfaces.filter(addressable).map((i) => i.name),
    ...planned.map((p) => p.name),
  ];
  /** The form's start for interface `n`: its addresses as the host has them now. */
  const startFor = (n: string) => {
    const current = globalAddresses(interfaces.find((i) => i.name === n));
    return {
      name: n,
      method: (current.length > 0 ? "static" : "none") as AddressMethod,
      addresses: current.join("\n"),
      gateway: "",
    };
  };
  const draft = useDraft(startFor(name));
  const d = draft.value;
  const form = useFieldSubmit(["interface", "method", "addresses", "gateway"], async () => {
    const addresses = d.addresses.split(/[\s,]+/).filter((a) => a !== "");
    const gateway = d.gateway.trim();
    onStaged(
      await stageAddress({
        interface: d.name,
        method: d.method,
        ...(d.method === "static" ? { addresses, ...(gateway === "" ? {} : { gateway }) } : {}),
      }),
    );
  });
  const set = (change: Partial<typeof d>) => {
    form.clear();
    draft.set(change);
  };
  const options = names.includes(d.name) ? names : [d.name, ...names];
  return (
    <FormPanel
      label={t("Set addresses")}
      class="form-panel hostnet-bridge-form"
      submit={form.submit}
      submitLabel={t("Stage addresses")}
      disabled={disabled || d.name === ""}
      onCancel={onCancel}
    >
      <div class="form-row">
        <SelectField
          id="hostnet-address-interface"
          label={t("Interface")}
          options={options.map((n) => [n, n] as const)}
          errors={form.errors("interface")}
          value={d.name}
          onValue={(v) => set(startFor(v))}
        />
      </div>
      <RadioGroup
        legend={t("Addresses from")}
        name="hostnet-address-method"
        value={d.method}
        onValue={(v) => set({ method: v as AddressMethod })}
        options={[
          ["static", t("These addresses")],
          ["dhcp", t("DHCP (IPv4)")],
          ["none", t("None")],
        ]}
      />
      {d.method === "static" && (
        <div class="form-row">
          <TextAreaField
            id="hostnet-addresses"
            label={t("Addresses")}
            hint={t("One a line, with its prefix length: 192.0.2.10/24 or 2001:db8::10/64.")}
            rows={3}
            spellcheck={false}
            errors={form.errors("addresses")}
            value={d.addresses}
            onValue={(v) => set({ addresses: v })}
          />
          <TextField
            id="hostnet-gateway"
            label={t("Gateway (optional)")}
            spellcheck={false}
            errors={form.errors("gateway")}
            value={d.gateway}
            onValue={(v) => set({ gateway: v })}
          />
        </div>
      )}
    </FormPanel>
  );
}
