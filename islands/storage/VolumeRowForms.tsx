// The inline forms under a volume row: grow it, clone it under a new name, or convert it (a
// foreign disk) into a new qcow2 or raw volume.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import { VOLUME_FORMATS, type VolumeInfo } from "../../shared/storage.ts";
import { formatBytes } from "../../shared/format.ts";
import { cloneVolume, convertVolume, resizeVolume } from "./api.ts";
import { GrowRow } from "./GrowRow.tsx";
import { type RowHost, rowRequest } from "./row_request.ts";
import { InlineField } from "../../components/kit/controls.tsx";
import { RowForm } from "../../components/kit/RowForm.tsx";
import { t } from "../../shared/i18n/t.ts";

/** The table's action (its note stays visible after the row closes) and the row's volume. */
interface RowProps extends RowHost {
  volume: VolumeInfo;
}

export function ResizeVolumeRow(props: RowProps) {
  const { volume } = props;
  return (
    <GrowRow
      name={volume.name}
      bytes={volume.capacityBytes}
      host={props}
      focus
      grow={(gib) => resizeVolume(volume.pool, volume.name, gib)}
      said={(v) =>
        t("Volume {{name}} resized to {{size}}.", {
          name: v.name,
          size: formatBytes(v.capacityBytes),
        })}
    />
  );
}

export function CloneVolumeRow(props: RowProps) {
  const { volume, action, close } = props;
  const name = useSignal(cloneName(volume.name));
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => input.current?.select(), []);
  const id = `clone-${volume.name}`;
  const submit = (e: Event) => {
    e.preventDefault();
    rowRequest(
      props,
      () => cloneVolume(volume.pool, volume.name, name.value.trim()),
      (v) => t("Volume {{name}} cloned as {{copy}}.", { name: volume.name, copy: v.name }),
    );
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

/**
 * Convert a foreign disk (vmdk, vhdx, vhd, vdi …) into a new qcow2 or raw volume: its name and
 * format.
 */
export function ConvertVolumeRow(props: RowProps) {
  const { volume, action, close } = props;
  const format = useSignal<"qcow2" | "raw">("qcow2");
  const name = useSignal(convertedName(volume.name, "qcow2"));
  const id = `convert-${volume.name}`;
  const submit = (e: Event) => {
    e.preventDefault();
    rowRequest(
      props,
      () => convertVolume(volume.pool, volume.name, name.value.trim(), format.value),
      (v) =>
        t("{{name}} converted into {{copy}} ({{format}}).", {
          name: volume.name,
          copy: v.name,
          format: v.format ?? format.value,
        }),
    );
  };
  return (
    <RowForm onSubmit={submit} submitLabel={t("Convert")} busy={action.busy.value} onCancel={close}>
      <label class="inline-field" for={`${id}-format`}>
        {t("Format")}
        <select
          id={`${id}-format`}
          value={format.value}
          onChange={(e) => {
            format.value = e.currentTarget.value as "qcow2" | "raw";
            name.value = convertedName(volume.name, format.value);
          }}
        >
          {VOLUME_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </label>
      <InlineField
        id={id}
        label={t("Name of the converted copy of {{name}}", { name: volume.name })}
        required
        value={name.value}
        onValue={(v) =>
          name.value = v}
      />
    </RowForm>
  );
}

/** "win.vmdk" → "win.qcow2": the copy is named for its new format ("-converted" if the same). */
export function convertedName(name: string, format: string): string {
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const named = `${stem}.${format}`;
  return named === name ? `${stem}-converted.${format}` : named;
}

/** "disk.qcow2" → "disk-clone.qcow2": the copy keeps the extension. */
export function cloneName(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(0, dot)}-clone${name.slice(dot)}` : `${name}-clone`;
}
