// The "New volume" form of the pool page: name, format and size.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { VolumeFormat, VolumeInfo } from "../../shared/storage.ts";
import { VOLUME_FORMATS } from "../../shared/storage.ts";
import { errorMessage } from "../client/api.ts";
import { Field } from "../wizard/Field.tsx";
import { createVolume } from "./api.ts";

interface Props {
  pool: string;
  onCreated: (volume: VolumeInfo) => void;
  onCancel: () => void;
}

export function CreateVolumeForm({ pool, onCreated, onCancel }: Props) {
  const name = useSignal("");
  const format = useSignal<VolumeFormat>("qcow2");
  const sizeGb = useSignal("10");
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);
  const first = useRef<HTMLInputElement>(null);

  // Focused as the form appears (not after a paint), so typing that starts at once stays in

  // the field it started in.

  useLayoutEffect(() => first.current?.focus(), []);

  const save = async (e: Event) => {
    e.preventDefault();
    saving.value = true;
    failure.value = null;
    try {
      onCreated(
        await createVolume(pool, {
          name: name.value.trim(),
          format: format.value,
          sizeGb: Number(sizeGb.value),
        }),
      );
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  return (
    <form class="create-form" onSubmit={save} aria-label="New volume">
      <h3>New volume</h3>
      <div class="field-row">
        <Field
          id="volume-name"
          label="Name"
          hint="Letters, digits and . _ + -, e.g. data.qcow2"
        >
          {(a) => (
            <input
              {...a}
              ref={first}
              type="text"
              required
              value={name.value}
              onInput={(e) => name.value = e.currentTarget.value}
            />
          )}
        </Field>
        <Field id="volume-format" label="Format">
          {(a) => (
            <select
              {...a}
              value={format.value}
              onChange={(e) => format.value = e.currentTarget.value as VolumeFormat}
            >
              {VOLUME_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          )}
        </Field>
        <Field id="volume-size" label="Size (GiB)">
          {(a) => (
            <input
              {...a}
              type="number"
              min={1}
              step={1}
              required
              value={sizeGb.value}
              onInput={(e) => sizeGb.value = e.currentTarget.value}
            />
          )}
        </Field>
      </div>
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
        <button
          type="submit"
          class="button button-primary"
          disabled={saving.value || name.value.trim() === ""}
          aria-busy={saving.value}
        >
          Create volume
        </button>
      </div>
    </form>
  );
}
