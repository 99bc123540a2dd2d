// The VM's host devices (PCI and USB passthrough) with Remove, and "Pass through a host device"
// from the host's inventory; a device the host needs is listed but cannot be chosen.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import {
  assignablePeers,
  type HostDevice,
  type HostDeviceInventory,
  type VmHostDevice,
} from "../../shared/host_devices.ts";
import { Card } from "../../components/kit/Card.tsx";
import { Checkbox, type Options, SelectField } from "../../components/kit/controls.tsx";
import { FormButtons } from "../../components/kit/FormButtons.tsx";
import { actionList } from "../../components/kit/action_list.tsx";
import type { Column } from "../../components/kit/table/mod.ts";
import { useConfirm } from "../../components/kit/use_confirm.ts";
import { useReload } from "../../components/kit/use_reload.ts";
import { attachHostDevice, detachHostDevice, listHostDevices, listVmHostDevices } from "./api.ts";
import { deviceLine } from "./changes.ts";
import { OutcomeNote, useAction } from "./Outcome.tsx";
import { isRunning, type PanelProps } from "./panel.ts";
import { deviceName, hostUseText } from "../HostDevices.tsx";
import { t } from "../../shared/i18n/t.ts";
import { RemoveDeviceDialog } from "./RemoveDeviceDialog.tsx";
import { AddDeviceForm, DeviceTable } from "./DeviceList.tsx";

/** How a held device reads: the host's name for it where the host has it. */
function heldName(h: VmHostDevice, inventory: HostDeviceInventory | null): string {
  const m = inventory?.mdevs.find((m) => m.name === h.device);
  if (m) return t("Mediated device ({{type}})", { type: m.type });
  const d = inventory?.devices.find((d) => d.name === h.device);
  return d ? deviceName(d) : t("Not on this host now");
}

function optionLabel(d: HostDevice): string {
  const base = `${d.address} ${deviceName(d)}`;
  return d.hostUse ? `${base} — ${hostUseText(d.hostUse)}` : base;
}

export function HostDevicesPanel({ vm, ready }: PanelProps) {
  const action = useAction();
  const held = useSignal<VmHostDevice[] | null>(null);
  const inventory = useSignal<HostDeviceInventory | null>(null);
  const chosen = useSignal("");
  const wholeGroup = useSignal(false);
  const removing = useConfirm<VmHostDevice>();
  const running = isRunning(vm);
  const busy = !ready || action.busy.value;

  const { reload, loadError } = useReload(async () => {
    const [mine, all] = await Promise.all([listVmHostDevices(vm.id), listHostDevices()]);
    held.value = mine;
    inventory.value = all;
  });
  useEffect(() => {
    reload();
  }, [vm.id]);

  const heldNames = new Set(held.value?.map((h) => h.device));
  const free = inventory.value?.devices.filter((d) => !heldNames.has(d.name)) ?? [];
  const selectable = free.filter((d) => !d.hostUse);
  const pick = chosen.value || selectable[0]?.name ||
    inventory.value?.mdevs.find((m) => !heldNames.has(m.name))?.name || "";
  const freeMdevs = inventory.value?.mdevs.filter((m) => !heldNames.has(m.name)) ?? [];
  const options: Options = !inventory.value
    ? [["", t("Loading…")]]
    : free.length + freeMdevs.length === 0
    ? [["", t("No PCI or USB devices.")]]
    : [
      ...free.map((d) => [d.name, optionLabel(d), d.hostUse !== null] as const),
      ...freeMdevs.map((m) =>
        [
          m.name,
          t("Mediated device {{uuid}} ({{type}})", { uuid: m.uuid, type: m.type }),
          false,
        ] as const
      ),
    ];
  const picked = free.find((d) => d.name === pick);
  const peers = picked && inventory.value ? assignablePeers(picked, inventory.value.devices) : [];

  const add = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const group = wholeGroup.value && peers.length > 0;
      const r = await attachHostDevice(vm.id, {
        device: pick,
        ...(group ? { wholeGroup: true } : {}),
      });
      await reload();
      const line = deviceLine(
        group
          ? (r.multifunction
            ? t("Host devices {{devices}} passed through, as one multifunction device", {
              devices: r.attached.join(", "),
            })
            : t("Host devices {{devices}} passed through", { devices: r.attached.join(", ") }))
          : t("Host device {{address}} passed through", { address: picked?.address ?? pick }),
        r,
        running,
      );
      return r.groupPeers.length && !group
        ? `${line}. ${
          t("Its IOMMU group also holds {{peers}}: they must be free of host drivers too.", {
            peers: r.groupPeers.join(", "),
          })
        }`
        : line;
    });
  };
  const remove = (h: VmHostDevice) =>
    action.run(async () => {
      const r = await detachHostDevice(vm.id, h.device!);
      await reload();
      return deviceLine(
        t("Host device {{address}} taken back", { address: h.address ?? h.usbId ?? "" }),
        r,
        running,
      );
    });

  const columns: Column<VmHostDevice>[] = [
    { id: "bus", header: t("Bus"), cell: (h) => h.kind.toUpperCase() },
    { id: "address", header: t("Address"), cell: (h) => h.address ?? h.usbId ?? "—" },
    { id: "device", header: t("Device"), cell: (h) => heldName(h, inventory.value) },
    actionList({
      name: (h) => h.address ?? h.usbId ?? "",
      busy,
      class: "needs-admin",
    }, [{ action: t("Remove"), run: removing.ask, when: (h) => h.device !== null }]),
  ];

  const doomed = removing.subject.value;
  return (
    <Card id="hostdevs" title={t("Host devices")}>
      <DeviceTable
        loadError={loadError.value}
        label={t("Host devices")}
        rows={held.value}
        empty={t("No host devices passed through.")}
        rowKey={(h) => `${h.kind}:${h.address ?? h.usbId}`}
        columns={columns}
      />
      <OutcomeNote outcome={action.outcome.value} />
      <AddDeviceForm title={t("Pass through a host device")} onSubmit={add}>
        <SelectField
          id="hostdev-device"
          label={t("Device")}
          required
          options={options}
          value={pick}
          onValue={(v) => chosen.value = v}
        />
        {peers.length > 0 && (
          <Checkbox
            label={t("With the rest of its IOMMU group: {{peers}}", {
              peers: peers.map((p) => p.address).join(", "),
            })}
            checked={wholeGroup.value}
            onChecked={(on) => wholeGroup.value = on}
          />
        )}
        {inventory.value && !inventory.value.iommu.enabled && (
          <p class="muted">
            {t(
              "The host's IOMMU is off: a PCI device can be added but the VM will not start with it.",
            )}
          </p>
        )}
        <FormButtons
          submit={t("Pass through")}
          busy={action.busy.value}
          disabled={!ready || !pick || Boolean(picked?.hostUse)}
        />
      </AddDeviceForm>
      <RemoveDeviceDialog
        confirm={removing}
        title={t("Take back host device")}
        onConfirm={remove}
      >
        {t("Take {{address}} back from {{vm}}?", {
          address: doomed?.address ?? doomed?.usbId ?? "",
          vm: vm.name,
        })}
      </RemoveDeviceDialog>
    </Card>
  );
}
