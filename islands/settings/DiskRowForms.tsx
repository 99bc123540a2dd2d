// The inline forms under a disk row: grow a disk, put an ISO into a CD-ROM.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Disk, Vm } from "../../shared/vms.ts";
import { changeCdrom, resizeDisk } from "./api.ts";
import { deviceLine } from "./changes.ts";
import { useOptions } from "./options.ts";
import { isRunning } from "./panel.ts";
import { GrowRow } from "../storage/GrowRow.tsx";
import { type RowHost, rowRequest } from "../storage/row_request.ts";
import { RowForm } from "../../components/kit/RowForm.tsx";
import { t } from "../../shared/i18n/t.ts";

/** The panel's action (its note stays visible after the row closes), the VM and its disk. */
interface RowProps extends RowHost {
  vm: Vm;
  disk: Disk;
}

export function ResizeRow(props: RowProps) {
  const { vm, disk } = props;
  return (
    <GrowRow
      name={disk.target}
      bytes={disk.sizeBytes}
      host={props}
      grow={(gib) => resizeDisk(vm.id, disk.target, gib)}
      said={(r) =>
        deviceLine(t("Disk {{target}} resized", { target: disk.target }), r, isRunning(vm))}
    />
  );
}

export function InsertIsoRow(props: RowProps) {
  const { vm, disk, action, close } = props;
  const { options, error, load } = useOptions();
  const iso = useSignal("");
  useEffect(load, []);
  const isos = options.value?.isos ?? [];
  const submit = (e: Event) => {
    e.preventDefault();
    rowRequest(
      props,
      () => changeCdrom(vm.id, disk.target, iso.value),
      (r) =>
        deviceLine(t("ISO inserted into {{target}}", { target: disk.target }), r, isRunning(vm)),
    );
  };
  return (
    <RowForm
      onSubmit={submit}
      submitLabel={t("Insert")}
      busy={action.busy.value}
      onCancel={close}
      after={error.value && <span class="form-error" role="alert">{error.value}</span>}
    >
      <label for={`iso-${disk.target}`}>
        {t("ISO for {{target}}", { target: disk.target })}
      </label>
      <select
        id={`iso-${disk.target}`}
        required
        value={iso.value}
        onChange={(e) => iso.value = e.currentTarget.value}
      >
        <option value="">
          {options.value
            ? (isos.length ? t("Choose an ISO…") : t("No ISO volumes in the pools"))
            : t("Loading…")}
        </option>
        {isos.map((v) => <option key={v.path} value={v.path}>{v.pool} / {v.name}</option>)}
      </select>
    </RowForm>
  );
}
