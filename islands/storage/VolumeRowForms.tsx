// The inline forms under a volume row: grow it, or clone it under a new name.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { VolumeInfo } from "../../shared/storage.ts";
import { formatBytes } from "../../components/format.ts";
import type { Action } from "../settings/Outcome.tsx";
import { cloneVolume, resizeVolume } from "./api.ts";
import { InlineField } from "../../components/kit/controls.tsx";
import { RowForm } from "../../components/kit/RowForm.tsx";
import { useFocusFirst } from "../../components/kit/use_form.ts";

const GIB = 1024 ** 3;

interface RowProps {
  volume: VolumeInfo;
  /** The table's action: its note stays visible after the row closes. */
  action: Action;
  close(): void;
  reload(): Promise<void>;
}

export function ResizeVolumeRow({ volume, action, close, reload }: RowProps) {
  // Volumes only grow: the smallest offer is the next whole GiB above today's size.
  const min = Math.floor(volume.capacityBytes / GIB) + 1;
  const size = useSignal(String(min));
  const input = useFocusFirst();
  const id = `resize-${volume.name}`;
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const v = await resizeVolume(volume.pool, volume.name, Number(size.value));
      close();
      await reload();
      return `Volume ${v.name} resized to ${formatBytes(v.capacityBytes)}.`;
    });
  };
  return (
    <RowForm onSubmit={submit} submitLabel="Grow" busy={action.busy.value} onCancel={close}>
      <InlineField
        id={id}
        label={`New size of ${volume.name} (GiB, now ${formatBytes(volume.capacityBytes)})`}
        inputRef={input}
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

export function CloneVolumeRow({ volume, action, close, reload }: RowProps) {
  const name = useSignal(cloneName(volume.name));
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => input.current?.select(), []);
  const id = `clone-${volume.name}`;
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const v = await cloneVolume(volume.pool, volume.name, name.value.trim());
      close();
      await reload();
      return `Volume ${volume.name} cloned as ${v.name}.`;
    });
  };
  return (
    <RowForm onSubmit={submit} submitLabel="Clone" busy={action.busy.value} onCancel={close}>
      <InlineField
        id={id}
        label={`Name of the copy of ${volume.name}`}
        inputRef={input}
        required
        value={name.value}
        onValue={(v) => name.value = v}
      />
    </RowForm>
  );
}

/** "disk.qcow2" → "disk-clone.qcow2": the copy keeps the extension. */
export function cloneName(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(0, dot)}-clone${name.slice(dot)}` : `${name}-clone`;
}
