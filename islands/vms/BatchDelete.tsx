// The batch bar's Delete: one dialog listing, per selected VM, its disks with their checkboxes
// (islands/vm/DeleteVolumes.tsx), then one DELETE per VM with exactly the ticked paths.

import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import { Button } from "../../components/kit/Button.tsx";
import { Dialog } from "../../components/kit/Dialog.tsx";
import type { BatchItem } from "../../shared/vms.ts";
import { type DeletePlan, ownVolumes } from "../../shared/vm_delete.ts";
import {
  ApiRequestError,
  deleteVm,
  errorMessage,
  getDeletePlan,
} from "../../components/client/api.ts";
import { deleteSummary, DeleteVolumes } from "../vm/DeleteVolumes.tsx";
import { ProtectedNotice } from "../vm/ProtectedNotice.tsx";
import { t } from "../../shared/i18n/t.ts";
import { rowKey, type VmRow } from "./rows.ts";

/** One VM's part of the dialog: its disks once read, or why they could not be. */
type Entry = { plan: DeletePlan; chosen: string[] } | { error: string } | null;

interface Props {
  selected: VmRow[];
  disabled: boolean;
  onStart: () => void;
  onDone: (results: BatchItem[]) => void;
}

export function BatchDelete({ selected, disabled, onStart, onDone }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const entries = useSignal<Record<string, Entry>>({});
  const busy = useSignal(false);
  /** The VMs the dialog was opened for (the selection may change behind it). */
  const targets = useSignal<VmRow[]>([]);

  const set = (key: string, entry: Entry) => entries.value = { ...entries.value, [key]: entry };

  const open = () => {
    targets.value = selected;
    entries.value = Object.fromEntries(selected.map((vm) => [rowKey(vm), null]));
    dialog.current?.showModal();
    for (const vm of selected) {
      getDeletePlan(vm.id, vm.host).then(
        (plan) => set(rowKey(vm), { plan, chosen: ownVolumes(plan) }),
        (err) => set(rowKey(vm), { error: errorMessage(err) }),
      );
    }
  };

  const run = async () => {
    dialog.current?.close();
    busy.value = true;
    onStart();
    const results: BatchItem[] = [];
    for (const vm of targets.value) {
      const entry = entries.value[rowKey(vm)];
      const volumes = entry && "plan" in entry ? entry.chosen : [];
      try {
        await deleteVm(vm.id, volumes, vm.host);
        results.push({ id: vm.id, name: vm.name, ok: true });
      } catch (err) {
        const code = err instanceof ApiRequestError ? err.code : "ERROR";
        results.push({
          id: vm.id,
          name: vm.name,
          ok: false,
          error: { code, message: errorMessage(err) },
        });
      }
    }
    busy.value = false;
    onDone(results);
  };

  const count = targets.value.length;
  return (
    <>
      <Button
        small
        kind="danger"
        class="needs-admin"
        disabled={disabled || busy.value}
        busy={busy.value}
        onClick={open}
      >
        {t("Delete")}…
      </Button>
      <Dialog
        dialogRef={dialog}
        title={count === 1 ? t("Delete a VM") : t("Delete VMs")}
        class="dialog-wide"
      >
        <p>
          {t(
            "Delete {{count}} VMs? Their definitions are removed from libvirt; this cannot be undone.",
            {
              count,
            },
          )}
        </p>
        {targets.value.map((vm) => {
          const key = rowKey(vm);
          const entry = entries.value[key];
          return (
            <section key={key} class="batch-delete-vm" data-vm-name={vm.name}>
              <h3>{vm.name}</h3>
              {entry && "plan" in entry && entry.plan.protected && (
                <ProtectedNotice vmId={vm.id} name={vm.name} host={vm.host} />
              )}
              {vm.state !== "stopped" && (
                <p class="notice notice-warning">
                  {t("{{name}} is not shut off: it is refused until stopped.", { name: vm.name })}
                </p>
              )}
              {!entry
                ? <p class="muted" aria-busy="true">{t("Loading disks…")}</p>
                : "error" in entry
                ? <p class="notice notice-error" role="alert">{entry.error}</p>
                : (
                  <>
                    <p class="batch-delete-summary">{deleteSummary(entry.chosen)}</p>
                    <DeleteVolumes
                      plan={entry.plan}
                      chosen={entry.chosen}
                      onChosen={(chosen) => set(key, { plan: entry.plan, chosen })}
                    />
                  </>
                )}
            </section>
          );
        })}
        <div class="dialog-buttons">
          <button type="button" class="button" onClick={() => dialog.current?.close()}>
            {t("Cancel")}
          </button>
          <button type="button" class="button button-danger" onClick={run}>
            {t("Delete {{count}} VMs", { count })}
          </button>
        </div>
      </Dialog>
    </>
  );
}
