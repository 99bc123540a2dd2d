// The "Migrate" dialog: destination host, how (live, paused, offline) and whether to copy the
// disks; it closes once the migration has started.

import type { RefObject } from "preact";
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { MigrationJob } from "../../shared/migration.ts";
import type { VmState } from "../../shared/vms.ts";
import { errorMessage } from "../../components/client/api.ts";
import { currentHost } from "../../components/client/host.ts";
import { useAction } from "../settings/Outcome.tsx";
import { listHosts, startMigration } from "./api.ts";
import { ActionDialog } from "../../components/kit/ActionDialog.tsx";
import { migrationBody, type MigrationMode, MODE_LABELS, modesFor, targetsFrom } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";
import { Checkbox, SelectField } from "../../components/kit/controls.tsx";

interface Props {
  dialogRef: RefObject<HTMLDialogElement | null>;
  vmId: string;
  vmName: string;
  state: VmState;
  /** Whether the dialog is open: the hosts are read each time it opens. */
  open: boolean;
  onStarted: (job: MigrationJob) => void;
  onClose: () => void;
}

type Target = ReturnType<typeof targetsFrom>[number];

export function MigrateDialog(
  { dialogRef, vmId, vmName, state, open, onStarted, onClose }: Props,
) {
  const targets = useSignal<Target[] | null>(null);
  const hostsError = useSignal<string | null>(null);
  const to = useSignal("");
  const modes = modesFor(state);
  const mode = useSignal<MigrationMode>(modes[0]);
  const copyStorage = useSignal(false);
  const action = useAction();

  useEffect(() => {
    if (!open) return;
    mode.value = modes[0];
    action.outcome.value = null;
    listHosts().then((hosts) => {
      const list = targetsFrom(hosts, currentHost());
      targets.value = list;
      hostsError.value = null;
      if (!list.some((x) => x.id === to.value && x.usable)) {
        to.value = list.find((x) => x.usable)?.id ?? "";
      }
    }, (err) => hostsError.value = errorMessage(err));
  }, [open, state]);

  const migrate = async () => {
    const job = await startMigration(vmId, migrationBody(to.value, mode.value, copyStorage.value));
    onStarted(job);
    dialogRef.current?.close();
    return null;
  };

  const list = targets.value;
  return (
    <ActionDialog
      dialogRef={dialogRef}
      id="migrate"
      title={t("Migrate {{name}}", { name: vmName })}
      onClose={onClose}
      submitLabel={t("Migrate")}
      action={action}
      ready={!!to.value}
      run={migrate}
    >
      {hostsError.value && <p class="form-error" role="alert">{hostsError.value}</p>}
      <SelectField
        id="migrate-to"
        class="form-field"
        label={t("Destination host")}
        hint={list?.length === 0
          ? t("Add the host to move the VM to under Hosts first.")
          : undefined}
        required
        disabled={!list?.length}
        options={list === null
          ? [["", t("Loading hosts…")]]
          : list.length === 0
          ? [["", t("No other host")]]
          : list.map((x) => [x.id, x.label, !x.usable] as const)}
        value={to.value}
        onValue={(id) => to.value = id}
      />
      <fieldset class="form-field">
        <legend>{t("How")}</legend>
        {modes.map((m) => (
          <label key={m} class="checkbox">
            <input
              type="radio"
              name="migrate-mode"
              value={m}
              checked={mode.value === m}
              onChange={() => mode.value = m}
            />
            {t(MODE_LABELS[m])}
          </label>
        ))}
      </fieldset>
      {mode.value !== "offline" && (
        <Checkbox
          label={t(
            "Copy the disks too, for hosts without shared storage (the destination needs a storage pool at the same path)",
          )}
          checked={copyStorage.value}
          onChecked={(on) => copyStorage.value = on}
        />
      )}
    </ActionDialog>
  );
}
