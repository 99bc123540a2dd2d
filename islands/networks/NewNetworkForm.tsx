// The "New network" form: a subnet and optional DHCP range for NAT, routed and isolated
// networks; a host bridge's name for bridge networks.

import { useSignal } from "@preact/signals";
import type { NetworkCreateRequest, NetworkInfo, NetworkMode } from "../../shared/networks.ts";
import { NETWORK_MODES } from "../../shared/networks.ts";
import { formatIpv4, parseCidr } from "../../shared/ipv4.ts";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
import { createNetwork } from "./api.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

interface Props {
  onCreated: (network: NetworkInfo) => void;
  onCancel: () => void;
}

/** Keys (tKey), translated where they are shown. */
export const MODE_LABELS: Record<NetworkMode, string> = {
  nat: tKey("NAT — guests reach out through the host's address"),
  route: tKey("Routed — guests are reachable by their own addresses"),
  isolated: tKey("Isolated — guests and the host only"),
  bridge: tKey("Bridge — guests join an existing host bridge"),
};

/** The DHCP range offered for a subnet: every host address after the host's own (.1). */
export function suggestedRange(cidr: string): { start: string; end: string } | null {
  const subnet = parseCidr(cidr.trim());
  if (!subnet || subnet.last - subnet.first < 1) return null;
  return { start: formatIpv4(subnet.first + 1), end: formatIpv4(subnet.last) };
}

export function networkRequest(
  f: {
    name: string;
    mode: NetworkMode;
    subnet: string;
    dhcp: boolean;
    start: string;
    end: string;
    bridge: string;
    startNow: boolean;
    autostart: boolean;
  },
): NetworkCreateRequest {
  const base = { name: f.name.trim(), mode: f.mode, start: f.startNow, autostart: f.autostart };
  if (f.mode === "bridge") return { ...base, bridge: f.bridge.trim() };
  return {
    ...base,
    subnet: f.subnet.trim(),
    dhcp: f.dhcp ? { start: f.start.trim(), end: f.end.trim() } : null,
  };
}

export function NewNetworkForm({ onCreated, onCancel }: Props) {
  const draft = useDraft({
    name: "",
    mode: "nat" as NetworkMode,
    subnet: "",
    dhcp: true,
    start: "",
    end: "",
    bridge: "",
    startNow: true,
    autostart: false,
  });
  // Once the range is typed in, a subnet change no longer overwrites it.
  const rangeEdited = useSignal(false);
  const first = useFocusFirst();
  const submit = useSubmit(async () => onCreated(await createNetwork(networkRequest(draft.value))));
  const f = draft.value;
  const rangeText = (key: "start" | "end") => ({
    value: f[key],
    onValue: (value: string) => {
      draft.set({ [key]: value });
      rangeEdited.value = true;
    },
  });

  return (
    <FormPanel
      label={t("New network")}
      class="create-form"
      submit={submit}
      submitLabel={t("Create network")}
      disabled={f.name.trim() === ""}
      onCancel={onCancel}
      browserValidates
    >
      <div class="field-row">
        <TextField
          id="net-name"
          label={t("Name")}
          required
          inputRef={first}
          {...draft.text("name")}
        />
        <SelectField
          id="net-mode"
          label={t("Mode")}
          options={NETWORK_MODES.map((m) => [m, t(MODE_LABELS[m])] as const)}
          {...draft.text("mode")}
        />
      </div>
      {f.mode === "bridge"
        ? (
          <div class="field-row">
            <TextField
              id="net-bridge"
              label={t("Host bridge")}
              hint={t("An existing Linux bridge on the host, e.g. {{example}}", { example: "br0" })}
              // deno-lint-ignore translate/untranslated-text -- a sample bridge name, not words
              placeholder="br0"
              required
              {...draft.text("bridge")}
            />
          </div>
        )
        : (
          <>
            <div class="field-row">
              <TextField
                id="net-subnet"
                label={t("Subnet")}
                hint={t("IPv4 in CIDR form; the host takes the first address")}
                placeholder="192.168.100.0/24"
                required
                value={f.subnet}
                onValue={(subnet) => {
                  const range = rangeEdited.value ? null : suggestedRange(subnet);
                  draft.set(range ? { subnet, ...range } : { subnet });
                }}
              />
            </div>
            <Checkbox label={t("Hand out addresses with DHCP")} {...draft.flag("dhcp")} />
            {f.dhcp && (
              <div class="field-row">
                <TextField
                  id="net-dhcp-start"
                  label={t("DHCP start")}
                  required
                  {...rangeText("start")}
                />
                <TextField id="net-dhcp-end" label={t("DHCP end")} required {...rangeText("end")} />
              </div>
            )}
          </>
        )}
      <Checkbox label={t("Start the network now")} {...draft.flag("startNow")} />
      <Checkbox
        label={t("Start the network when the host boots (autostart)")}
        {...draft.flag("autostart")}
      />
    </FormPanel>
  );
}
