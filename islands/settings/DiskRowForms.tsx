// The inline forms under a disk row: grow a disk, put an ISO into a CD-ROM.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Disk, Vm } from "../../shared/vms.ts";
import { changeCdrom, resizeDisk } from "./api.ts";
import { deviceLine } from "./changes.ts";
import type { Action } from "./Outcome.tsx";
import { useOptions } from "./options.ts";
import { isRunning } from "./panel.ts";
import { GrowRow } from "../storage/GrowRow.tsx";
import { RowForm } from "../../components/kit/RowForm.tsx";
import { t } from "../../shared/i18n/t.ts";

interface RowProps {
  vm: Vm;
  disk: Disk;
  /** The panel's action: its note stays visible after the row closes. */
  action: Action;
  close(): void;
  refresh(): Promise<void>;
}

export function ResizeRow({ vm, disk, action, close, refresh }: RowProps) {
  return (
    <GrowRow
      id={`resize-${disk.target}`}
      name={disk.target}
      bytes={disk.sizeBytes}
      busy={action.busy.value}
      onCancel={close}
      onGrow={(gib) =>
        action.run(async () => {
          const r = await resizeDisk(vm.id, disk.target, gib);
          close();
          await refresh();
          return deviceLine(
            t("Disk {{target}} resized", { target: disk.target }),
            r,
            isRunning(vm),
          );
        })}
    />
  );
}

export function InsertIsoRow({ vm, disk, action, close, refresh }: RowProps) {
  const { options, error, load } = useOptions();
  const iso = useSignal("");
  useEffect(load, []);
  const isos = options.value?.isos ?? [];
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const r = await changeCdrom(vm.id, disk.target, iso.value);
      close();
      await refresh();
      return deviceLine(
        t("ISO inserted into {{target}}", { target: disk.target }),
        r,
        isRunning(vm),
      );
    });
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
