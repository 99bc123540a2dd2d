// The inline forms under a volume row: grow it, or clone it under a new name.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { VolumeInfo } from "../../shared/storage.ts";
import { formatBytes } from "../../components/format.ts";
import type { Action } from "../settings/Outcome.tsx";
import { cloneVolume, resizeVolume } from "./api.ts";
import { GrowRow } from "./GrowRow.tsx";
import { InlineField } from "../../components/kit/controls.tsx";
import { RowForm } from "../../components/kit/RowForm.tsx";
import { t } from "../../shared/i18n/t.ts";

interface RowProps {
  volume: VolumeInfo;
  /** The table's action: its note stays visible after the row closes. */
  action: Action;
  close(): void;
  reload(): Promise<void>;
}

export function ResizeVolumeRow({ volume, action, close, reload }: RowProps) {
  return (
    <GrowRow
      id={`resize-${volume.name}`}
      name={volume.name}
      bytes={volume.capacityBytes}
      busy={action.busy.value}
      focus
      onCancel={close}
      onGrow={(gib) =>
        action.run(async () => {
          const v = await resizeVolume(volume.pool, volume.name, gib);
          close();
          await reload();
          return t("Volume {{name}} resized to {{size}}.", {
            name: v.name,
            size: formatBytes(v.capacityBytes),
          });
        })}
    />
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
      return t("Volume {{name}} cloned as {{copy}}.", { name: volume.name, copy: v.name });
    });
  };
  return (
    <RowForm onSubmit={submit} submitLabel={t("Clone")} busy={action.busy.value} onCancel={close}>
      <InlineField
        id={id}
        label={t("Name of the copy of {{name}}", { name: volume.name })}
        inputRef={input}
        required
        value={name.value}
        onValue={(v) =>
          name.value = v}
      />
    </RowForm>
  );
}

/** "disk.qcow2" → "disk-clone.qcow2": the copy keeps the extension. */
export function cloneName(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(0, dot)}-clone${name.slice(dot)}` : `${name}-clone`;
}
