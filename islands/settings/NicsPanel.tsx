// The VM's network interfaces with Remove, and "Add NIC" on a libvirt network.

import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import type { NetworkInterface } from "../../shared/vms.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { attachNic, detachNic } from "./api.ts";
import { deviceLine } from "./changes.ts";
import { OutcomeNote, useAction } from "./Outcome.tsx";
import { useOptions } from "./options.ts";
import { isRunning, type PanelProps } from "./panel.ts";
import { nicAddresses, useGuestAddresses } from "./nic_addresses.ts";
import { IpCell } from "../vms/IpCell.tsx";
import { TableScroll } from "../../components/kit/TableScroll.tsx";

// The models lib/vms/devices.ts accepts; virtio needs guest drivers, e1000e works everywhere.
const MODELS = ["virtio", "e1000e", "e1000", "rtl8139"];

export function NicsPanel({ vm, ready, refresh }: PanelProps) {
  const action = useAction();
  const { options, error, load } = useOptions();
  const network = useSignal("");
  const model = useSignal("virtio");
  const removing = useSignal<NetworkInterface | null>(null);
  const removeDialog = useRef<HTMLDialogElement>(null);
  const running = isRunning(vm);
  const guestAddresses = useGuestAddresses(vm.id, running);
  const busy = !ready || action.busy.value;
  const networks = options.value?.networks ?? [];
  const chosen = network.value || networks[0]?.name || "";

  const remove = (nic: NetworkInterface) =>
    action.run(async () => {
      const r = await detachNic(vm.id, nic.mac);
      await refresh();
      return deviceLine(`Network interface ${nic.mac} removed`, r, running);
    });
  const add = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const r = await attachNic(vm.id, { network: chosen, model: model.value });
      await refresh();
      return deviceLine(`Network interface on ${chosen} added`, r, running);
    });
  };

  return (
    <section class="card" aria-labelledby="nics-title">
      <h2 id="nics-title">Network interfaces</h2>
      {vm.networkInterfaces.length === 0
        ? <p class="muted">No network interfaces.</p>
        : (
          <TableScroll label="Network interfaces">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">MAC</th>
                  <th scope="col">Network</th>
                  <th scope="col">Type</th>
                  <th scope="col">Model</th>
                  <th scope="col">IP address</th>
                  <th scope="col" class="row-actions needs-admin">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {vm.networkInterfaces.map((n) => (
                  <tr key={n.mac}>
                    <td>
                      <code>{n.mac}</code>
                    </td>
                    <td>{n.network}</td>
                    <td>{n.type}</td>
                    <td>{n.model ?? "—"}</td>
                    <td>
                      <IpCell addresses={nicAddresses(n, guestAddresses)} />
                    </td>
                    <td class="row-actions needs-admin">
                      <button
                        type="button"
                        class="button button-small"
                        aria-label={`Remove ${n.mac}`}
                        disabled={busy}
                        onClick={() => {
                          removing.value = n;
                          removeDialog.current?.showModal();
                        }}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      <OutcomeNote outcome={action.outcome.value} />
      <details
        class="add-form needs-admin"
        onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && load()}
      >
        <summary>Add network interface</summary>
        <form class="settings-form" onSubmit={add}>
          <div class="form-row">
            <div class="form-field">
              <label for="nic-network">Network</label>
              <select
                id="nic-network"
                required
                value={chosen}
                onChange={(e) => network.value = e.currentTarget.value}
              >
                {!options.value && <option value="">Loading…</option>}
                {options.value && networks.length === 0 && <option value="">No networks</option>}
                {networks.map((n) => (
                  <option key={n.name} value={n.name}>
                    {n.name}
                    {n.active ? "" : " (inactive)"}
                  </option>
                ))}
              </select>
            </div>
            <div class="form-field">
              <label for="nic-model">Model</label>
              <select
                id="nic-model"
                value={model.value}
                onChange={(e) => model.value = e.currentTarget.value}
              >
                {MODELS.map((m) => <option key={m} value={m}>{m}</option>)}
              </select>
            </div>
          </div>
          {error.value && <p class="form-error" role="alert">{error.value}</p>}
          <div class="form-buttons">
            <button
              type="submit"
              class="button button-primary"
              disabled={busy || !chosen}
              aria-busy={action.busy.value}
            >
              Add network interface
            </button>
          </div>
        </form>
      </details>
      <ConfirmDialog
        dialogRef={removeDialog}
        title="Remove network interface"
        confirmLabel="Remove"
        onConfirm={() => removing.value && remove(removing.value)}
      >
        <p>
          Remove the interface <code>{removing.value?.mac}</code> ({removing.value?.network}) from
          {" "}
          {vm.name}?
        </p>
      </ConfirmDialog>
    </section>
  );
}
