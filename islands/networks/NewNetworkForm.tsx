// The "New network" form: a subnet and optional DHCP range for NAT, routed and isolated
// networks; a host bridge's name for bridge networks (Linux or Open vSwitch, the server finds out
// which); a host interface for macvtap and SR-IOV networks; port groups with their VLANs.

import { useSignal } from "@preact/signals";
import type { NetworkCreateRequest, NetworkInfo, NetworkMode } from "../../shared/networks.ts";
import { MACVTAP_MODES, type MacvtapMode, NETWORK_MODES } from "../../shared/networks.ts";
import { vlanTagsOf } from "../../components/vlan_text.ts";
import { formatIpv4, parseCidr } from "../../shared/ipv4.ts";
import { Checkbox, SelectField, TextAreaField, TextField } from "../../components/kit/controls.tsx";
import { useDraft, useSubmit } from "../../components/kit/use_form.ts";
import { NewObjectForm } from "../storage/NewObjectForm.tsx";
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
  macvtap: tKey("Macvtap — guests sit right on a host interface"),
  sriov: tKey("SR-IOV — each guest gets a virtual function of the card"),
};

const MACVTAP_LABELS: Record<MacvtapMode, string> = {
  bridge: tKey("Bridge — guests also reach each other"),
  vepa: tKey("VEPA — guest traffic goes through the outside switch"),
  private: tKey("Private — guests never reach each other"),
  passthrough: tKey("Passthrough — one guest owns the interface (VLANs possible)"),
};

const HOST_SIDE: readonly NetworkMode[] = ["bridge", "macvtap", "sriov"];

/** "office 10" or "uplink 10 20 30", a line each: port groups with their VLAN tags. */
export function portgroupsOf(text: string): NetworkCreateRequest["portgroups"] {
  return text.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const [name, ...tags] = line.split(/[\s,]+/);
    const vlan = tags.length ? { tags: vlanTagsOf(tags.join(" ")) } : null;
    return { name, ...(vlan ? { vlan } : {}) };
  });
}

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
    hostInterface: string;
    macvtapMode: MacvtapMode;
    portgroups: string;
    startNow: boolean;
    autostart: boolean;
  },
): NetworkCreateRequest {
  const groups = portgroupsOf(f.portgroups);
  const base = {
    name: f.name.trim(),
    mode: f.mode,
    start: f.startNow,
    autostart: f.autostart,
    ...(groups?.length ? { portgroups: groups } : {}),
  };
  if (f.mode === "bridge") return { ...base, bridge: f.bridge.trim() };
  if (f.mode === "sriov") return { ...base, hostInterface: f.hostInterface.trim() };
  if (f.mode === "macvtap") {
    return { ...base, hostInterface: f.hostInterface.trim(), macvtapMode: f.macvtapMode };
  }
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
    hostInterface: "",
    macvtapMode: "bridge" as MacvtapMode,
    portgroups: "",
    startNow: true,
    autostart: false,
  });
  // Once the range is typed in, a subnet change no longer overwrites it.
  const rangeEdited = useSignal(false);
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
    <NewObjectForm
      label={t("New network")}
      submit={submit}
      submitLabel={t("Create network")}
      onCancel={onCancel}
      name={{ id: "net-name", ...draft.text("name") }}
      besideName={
        <SelectField
          id="net-mode"
          label={t("Mode")}
          options={NETWORK_MODES.map((m) => [m, t(MODE_LABELS[m])] as const)}
          {...draft.text("mode")}
        />
      }
    >
      {f.mode === "bridge" && (
        <div class="field-row">
          <TextField
            id="net-bridge"
            label={t("Host bridge")}
            hint={t("An existing Linux or Open vSwitch bridge on the host, e.g. {{example}}", {
              example: "br0",
            })}
            // deno-lint-ignore translate/untranslated-text -- a sample bridge name, not words
            placeholder="br0"
            required
            {...draft.text("bridge")}
          />
        </div>
      )}
      {(f.mode === "macvtap" || f.mode === "sriov") && (
        <div class="field-row">
          <TextField
            id="net-interface"
            label={f.mode === "sriov" ? t("Physical function") : t("Host interface")}
            hint={f.mode === "sriov"
              ? t("The SR-IOV card's interface on the host, e.g. {{example}}", {
                example: "enp3s0f0",
              })
              : t("The host interface guests sit on, e.g. {{example}}", { example: "eth0" })}
            // deno-lint-ignore translate/untranslated-text -- a sample interface name, not words
            placeholder="eth0"
            required
            {...draft.text("hostInterface")}
          />
          {f.mode === "macvtap" && (
            <SelectField
              id="net-macvtap-mode"
              label={t("Macvtap mode")}
              options={MACVTAP_MODES.map((m) => [m, t(MACVTAP_LABELS[m])] as const)}
              {...draft.text("macvtapMode")}
            />
          )}
        </div>
      )}
      {HOST_SIDE.includes(f.mode) ? null : (
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
      <TextAreaField
        id="net-portgroups"
        label={t("Port groups (optional)")}
        hint={t(
          "A line each: a name, then its VLAN tags, e.g. “office 10” or “uplink 10 20 30”. VLANs need an Open vSwitch bridge, SR-IOV or macvtap passthrough.",
        )}
        rows={2}
        {...draft.text("portgroups")}
      />
      <Checkbox label={t("Start the network now")} {...draft.flag("startNow")} />
      <Checkbox
        label={t("Start the network when the host boots (autostart)")}
        {...draft.flag("autostart")}
      />
    </NewObjectForm>
  );
}
