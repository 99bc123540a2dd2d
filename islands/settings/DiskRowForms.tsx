// The inline forms under a disk row: grow a disk, put an ISO into a CD-ROM.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Disk, Vm } from "../../shared/vms.ts";
import { formatBytes } from "../../components/format.ts";
import { changeCdrom, resizeDisk } from "./api.ts";
import { deviceLine } from "./changes.ts";
import type { Action } from "./Outcome.tsx";
import { useOptions } from "./options.ts";
import { isRunning } from "./panel.ts";
import { InlineField } from "../../components/kit/controls.tsx";
import { RowForm } from "../../components/kit/RowForm.tsx";

const GIB = 1024 ** 3;

interface RowProps {
  vm: Vm;
  disk: Disk;
  /** The panel's action: its note stays visible after the row closes. */
  action: Action;
  close(): void;
  refresh(): Promise<void>;
}

export function ResizeRow({ vm, disk, action, close, refresh }: RowProps) {
  // Disks only grow: the smallest offer is the next whole GiB above today's size.
  const min = Math.floor((disk.sizeBytes ?? 0) / GIB) + 1;
  const size = useSignal(String(min));
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const r = await resizeDisk(vm.id, disk.target, Number(size.value));
      close();
      await refresh();
      return deviceLine(`Disk ${disk.target} resized`, r, isRunning(vm));
    });
  };
  return (
    <RowForm onSubmit={submit} submitLabel="Grow" busy={action.busy.value} onCancel={close}>
      <InlineField
        id={`resize-${disk.target}`}
        label={`New size of ${disk.target} (GiB, now ${formatBytes(disk.sizeBytes)})`}
        type="number"
        min={min}
        step={1}
        required
        value={size.value}
        onValue={(v) => size.value = v}
      />
    </RowForm>
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
      return deviceLine(`ISO inserted into ${disk.target}`, r, isRunning(vm));
    });
  };
  return (
    <RowForm
      onSubmit={submit}
      submitLabel="Insert"
      busy={action.busy.value}
      onCancel={close}
      after={error.value && <span class="form-error" role="alert">{error.value}</span>}
    >
      <label for={`iso-${disk.target}`}>ISO for {disk.target}</label>
      <select
        id={`iso-${disk.target}`}
        required
        value={iso.value}
        onChange={(e) => iso.value = e.currentTarget.value}
      >
        <option value="">
          {options.value
            ? (isos.length ? "Choose an ISO…" : "No ISO volumes in the pools")
            : "Loading…"}
        </option>
        {isos.map((v) => <option key={v.path} value={v.path}>{v.pool} / {v.name}</option>)}
      </select>
    </RowForm>
  );
}
