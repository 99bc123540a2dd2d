// The host devices page's mediated devices: the instances (vGPUs) made so far, each removable
// while no VM holds it, and a form that makes one of a type a device offers, its free count
// beside it. Refusals show in the API's words under the form or the table.

import { useSignal } from "@preact/signals";
import type { HostDeviceInventory, MdevInstance } from "../../shared/host_devices.ts";
import { hostMdevPath, hostMdevsPath } from "../../shared/api_paths.ts";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionsColumn, RowButton } from "../../components/kit/row_actions.tsx";
import { SelectField } from "../../components/kit/controls.tsx";
import { FormButtons } from "../../components/kit/FormButtons.tsx";
import { OutcomeNote, useAction } from "../../components/kit/use_action.tsx";
import { request } from "../../components/client/api.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  inventory: HostDeviceInventory;
  /** Reads the inventory again after a change. */
  reload: () => Promise<void>;
  hydrated: boolean;
}

export function MdevSection({ inventory, reload, hydrated }: Props) {
  const action = useAction();
  const parents = inventory.devices.filter((d) => d.mdevTypes.length > 0);
  const parentName = useSignal("");
  const typeId = useSignal("");
  const parent = parents.find((d) => d.name === parentName.value) ?? parents[0];
  const type = parent?.mdevTypes.find((m) => m.id === typeId.value) ?? parent?.mdevTypes[0];

  const create = (e: Event) => {
    e.preventDefault();
    if (!parent || !type) return;
    action.run(async () => {
      const made = await request<MdevInstance>("POST", hostMdevsPath(parent.name), {
        type: type.id,
      });
      await reload();
      return t("Mediated device {{uuid}} ({{type}}) made on {{device}}", {
        uuid: made.uuid,
        type: made.type,
        device: parent.address,
      });
    });
  };
  const remove = (m: MdevInstance) =>
    action.run(async () => {
      await request("DELETE", hostMdevPath(m.name));
      await reload();
      return t("Mediated device {{uuid}} removed", { uuid: m.uuid });
    });

  const parentAddress = (name: string | null) =>
    inventory.devices.find((d) => d.name === name)?.address ?? name ?? "—";
  const columns: Column<MdevInstance>[] = [
    { id: "uuid", header: "UUID", cell: (m) => m.uuid, sortValue: (m) => m.uuid },
    { id: "type", header: t("Type"), cell: (m) => m.type, sortValue: (m) => m.type },
    {
      id: "parent",
      header: t("Device"),
      cell: (m) => parentAddress(m.parent),
      sortValue: (m) => parentAddress(m.parent),
    },
    {
      id: "state",
      header: t("State"),
      cell: (m) => m.active ? t("Started") : t("Defined, not started"),
    },
    actionsColumn(
      (m) => (
        <RowButton
          action={t("Remove")}
          name={m.uuid}
          disabled={!hydrated || action.busy.value}
          onClick={() => remove(m)}
        />
      ),
      "needs-admin",
    ),
  ];

  return (
    <section class="mdev-section" aria-labelledby="mdevs-title">
      <h2 id="mdevs-title">{t("Mediated devices")}</h2>
      <p class="muted">
        {t(
          "Instances of a device's mediated types (vGPU profiles), each given to one VM on its Hardware tab. libvirt keeps them across host reboots (mdevctl).",
        )}
      </p>
      <DataTable
        label={t("Mediated devices")}
        rows={inventory.mdevs}
        rowKey={(m) => m.name}
        columns={columns}
        empty={t("No mediated devices.")}
      />
      <OutcomeNote outcome={action.outcome.value} />
      {parents.length === 0
        ? <p class="muted">{t("No device of this host offers mediated devices.")}</p>
        : (
          <form
            class="settings-form needs-admin"
            aria-label={t("New mediated device")}
            onSubmit={create}
          >
            <h3>{t("New mediated device")}</h3>
            <SelectField
              id="mdev-parent"
              label={t("Device")}
              options={parents.map((
                d,
              ) => [d.name, `${d.address} ${d.product.name ?? d.product.id}`])}
              value={parent?.name ?? ""}
              onValue={(v) => {
                parentName.value = v;
                typeId.value = "";
              }}
            />
            <SelectField
              id="mdev-type"
              label={t("Type")}
              options={(parent?.mdevTypes ?? []).map((m) => [
                m.id,
                t("{{name}} ({{id}}), {{free}} free", {
                  name: m.name ?? m.id,
                  id: m.id,
                  free: m.available,
                }),
              ])}
              value={type?.id ?? ""}
              onValue={(v) => typeId.value = v}
            />
            <FormButtons
              submit={t("Make")}
              busy={action.busy.value}
              disabled={!hydrated || !type}
            />
          </form>
        )}
    </section>
  );
}
