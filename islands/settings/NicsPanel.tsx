// The VM's network interfaces with Remove, and "Add NIC" on a libvirt network.

import { useSignal } from "@preact/signals";
import type { NetworkInterface } from "../../shared/vms.ts";
import { Card } from "../../components/kit/Card.tsx";
import { type Options, SelectField, TextField } from "../../components/kit/controls.tsx";
import { SaveButtons } from "../../components/kit/use_action.tsx";
import { actionList } from "../../components/kit/action_list.tsx";
import type { Column } from "../../components/kit/table/mod.ts";
import { useConfirm } from "../../components/kit/use_confirm.ts";
import { attachNic, detachNic } from "./api.ts";
import { deviceLine } from "./changes.ts";
import { OutcomeNote, useAction } from "./Outcome.tsx";
import { useOptions } from "./options.ts";
import { isRunning, type PanelProps } from "./panel.ts";
import { nicAddresses, useGuestAddresses } from "./nic_addresses.ts";
import { IpCell } from "../vms/IpCell.tsx";
import { Trans } from "../../components/kit/Trans.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";
import { vlanTagsOf, vlanText } from "../../components/vlan_text.ts";
import { RemoveDeviceDialog } from "./RemoveDeviceDialog.tsx";
import { AddDeviceForm, DeviceTable } from "./DeviceList.tsx";
import { bindSignal } from "../../components/kit/bind_signal.ts";

// The models lib/vms/devices.ts accepts; virtio needs guest drivers, e1000e works everywhere.
const MODELS = ["virtio", "e1000e", "e1000", "rtl8139"];

/** libvirt's interface types in the page's language; any other stays as libvirt says it. */
const TYPES: Record<string, string> = { network: tKey("network"), bridge: tKey("bridge") };
const typeWord = (type: string) => Object.hasOwn(TYPES, type) ? t(TYPES[type]) : type;

/** A NIC's rate limits (into and out of the guest) and MTU, where it has them. */
function limitsText(n: NetworkInterface): string {
  const parts: string[] = [];
  const { inbound, outbound } = n.bandwidth ?? {};
  if (inbound) parts.push(t("in {{rate}} KiB/s", { rate: inbound.averageKBps }));
  if (outbound) parts.push(t("out {{rate}} KiB/s", { rate: outbound.averageKBps }));
  if (n.mtu) parts.push(t("MTU {{mtu}}", { mtu: n.mtu }));
  if (n.portgroup) parts.push(t("group {{name}}", { name: n.portgroup }));
  if (n.vlan) parts.push(vlanText(n.vlan));
  return parts.join(" · ") || "—";
}

export function NicsPanel({ vm, ready, refresh }: PanelProps) {
  // Removing a row answers under the table; adding, under the form's button (as "Add disk").
  const action = useAction();
  const adding = useAction();
  const { options, error, load } = useOptions();
  const network = useSignal("");
  const model = useSignal("virtio");
  const mtu = useSignal("");
  const inLimit = useSignal("");
  const outLimit = useSignal("");
  const portgroup = useSignal("");
  const vlanTags = useSignal("");
  const removing = useConfirm<NetworkInterface>();
  const running = isRunning(vm);
  const guestAddresses = useGuestAddresses(vm.id, running);
  const busy = !ready || action.busy.value || adding.busy.value;
  const networks = options.value?.networks ?? [];
  const chosen = network.value || networks[0]?.name || "";
  const chosenNet = networks.find((n) => n.name === chosen);
  const groups = chosenNet?.portgroupNames ?? [];
  const networkOptions: Options = !options.value
    ? [["", t("Loading…")]]
    : networks.length === 0
    ? [["", t("No networks")]]
    : networks.map((n) => [n.name, n.active ? n.name : t("{{name}} (inactive)", { name: n.name })]);

  const remove = (nic: NetworkInterface) =>
    action.run(async () => {
      const r = await detachNic(vm.id, nic.mac);
      await refresh();
      return deviceLine(
        t("Network interface {{mac}} removed", { mac: nic.mac }),
        r,
        running,
      );
    });
  const add = (e: Event) => {
    e.preventDefault();
    adding.run(async () => {
      // Empty fields are left out; anything else goes as typed, for the API to judge.
      const rate = (v: string) => v.trim() === "" ? undefined : { averageKBps: Number(v) };
      const inbound = rate(inLimit.value);
      const outbound = rate(outLimit.value);
      const r = await attachNic(vm.id, {
        network: chosen,
        model: model.value,
        ...(mtu.value.trim() ? { mtu: Number(mtu.value) } : {}),
        ...(inbound || outbound ? { bandwidth: { inbound, outbound } } : {}),
        ...(portgroup.value && groups.includes(portgroup.value)
          ? { portgroup: portgroup.value }
          : {}),
        ...(chosenNet?.carriesVlans && vlanTags.value.trim()
          ? { vlan: { tags: vlanTagsOf(vlanTags.value) } }
          : {}),
      });
      await refresh();
      return deviceLine(
        t("Network interface on {{network}} added", { network: chosen }),
        r,
        running,
      );
    });
  };

  const columns: Column<NetworkInterface>[] = [
    { id: "mac", header: "MAC", cell: (n) => <code>{n.mac}</code> },
    { id: "network", header: t("Network"), cell: (n) => n.network },
    { id: "type", header: t("Type"), cell: (n) => typeWord(n.type) },
    { id: "model", header: t("Model"), cell: (n) => n.model ?? "—" },
    { id: "limits", header: t("Limits"), cell: limitsText },
    {
      id: "ip",
      header: t("IP address"),
      cell: (n) => <IpCell addresses={nicAddresses(n, guestAddresses)} />,
    },
    actionList({ name: (n) => n.mac, busy, class: "needs-admin" }, [
      { action: t("Remove"), run: removing.ask },
    ]),
  ];

  const doomed = removing.subject.value;
  return (
    <Card id="nics" title={t("Network interfaces")}>
      <DeviceTable
        label={t("Network interfaces")}
        rows={vm.networkInterfaces}
        empty={t("No network interfaces.")}
        rowKey={(n) => n.mac}
        columns={columns}
      />
      <OutcomeNote outcome={action.outcome.value} />
      <AddDeviceForm title={t("Add network interface")} onSubmit={add} onOpen={load}>
        <div class="form-row">
          <SelectField
            id="nic-network"
            label={t("Network")}
            required
            options={networkOptions}
            value={chosen}
            onValue={(v) => network.value = v}
          />
          <SelectField
            id="nic-model"
            label={t("Model")}
            options={MODELS.map((m) => [m, m] as const)}
            {...bindSignal(model)}
          />
        </div>
        {(groups.length > 0 || chosenNet?.carriesVlans) && (
          <div class="form-row">
            {groups.length > 0 && (
              <SelectField
                id="nic-portgroup"
                label={t("Port group")}
                options={[
                  ["", t("The network's default")],
                  ...groups.map((g) => [g, g] as const),
                ]}
                {...bindSignal(portgroup)}
              />
            )}
            {chosenNet?.carriesVlans && (
              <TextField
                id="nic-vlan"
                label={t("VLAN tags")}
                hint={t("One tag for an access port, several for a trunk, e.g. 10, 20")}
                {...bindSignal(vlanTags)}
              />
            )}
          </div>
        )}
        <div class="form-row">
          {([
            ["nic-in", t("Limit in (KiB/s)"), inLimit, 1, undefined],
            ["nic-out", t("Limit out (KiB/s)"), outLimit, 1, undefined],
            ["nic-mtu", t("MTU"), mtu, 68, 65535],
          ] as const).map(([id, label, field, min, max]) => (
            <TextField
              key={id}
              id={id}
              label={label}
              type="number"
              min={min}
              max={max}
              {...bindSignal(field)}
            />
          ))}
        </div>
        {error.value && <p class="form-error" role="alert">{error.value}</p>}
        <SaveButtons
          action={adding}
          label={t("Add network interface")}
          disabled={!ready || !chosen || action.busy.value}
        />
      </AddDeviceForm>
      <RemoveDeviceDialog
        confirm={removing}
        title={t("Remove network interface")}
        onConfirm={remove}
      >
        <Trans
          text={t("Remove the interface {{mac}} ({{network}}) from {{vm}}?", {
            mac: "{{mac}}",
            network: doomed?.network,
            vm: vm.name,
          })}
          parts={{ mac: <code>{doomed?.mac}</code> }}
        />
      </RemoveDeviceDialog>
    </Card>
  );
}
