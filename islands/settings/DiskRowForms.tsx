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
    <form class="row-form" onSubmit={submit}>
      <label for={`resize-${disk.target}`}>
        New size of {disk.target} (GiB, now {formatBytes(disk.sizeBytes)})
      </label>
      <input
        id={`resize-${disk.target}`}
        type="number"
        min={min}
        step={1}
        required
        value={size.value}
        onInput={(e) => size.value = e.currentTarget.value}
      />
      <button type="submit" class="button button-primary" disabled={action.busy.value}>
        Grow
      </button>
      <button type="button" class="button" onClick={close}>Cancel</button>
    </form>
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
    <form class="row-form" onSubmit={submit}>
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
      <button type="submit" class="button button-primary" disabled={action.busy.value}>
        Insert
      </button>
      <button type="button" class="button" onClick={close}>Cancel</button>
      {error.value && <span class="form-error" role="alert">{error.value}</span>}
    </form>
  );
}
