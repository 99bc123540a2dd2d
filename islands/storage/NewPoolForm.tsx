// The "New pool" form: a type select that shows only the fields that pool type needs.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { PoolCreateRequest, PoolInfo, PoolType } from "../../shared/storage.ts";
import { POOL_TYPES } from "../../shared/storage.ts";
import { errorMessage } from "../client/api.ts";
import { Field } from "../wizard/Field.tsx";
import { createPool } from "./api.ts";

interface Props {
  onCreated: (pool: PoolInfo) => void;
  onCancel: () => void;
}

type Input = "path" | "sourceHost" | "sourcePath" | "sourceDevices" | "sourceName";

interface TypeForm {
  label: string;
  /** The inputs this type uses, in order, with their labels and hints. */
  inputs: { key: Input; label: string; hint: string; required: boolean }[];
  /** What "build" does for this type; absent when it has nothing to build. */
  build?: { label: string; default: boolean };
}

const TARGET_HINT = "Inside one of the server's allowed storage roots (--storage-root).";

const TYPES: Record<PoolType, TypeForm> = {
  dir: {
    label: "Directory (dir)",
    inputs: [{ key: "path", label: "Folder", hint: TARGET_HINT, required: true }],
    build: { label: "Create the folder if it is missing", default: true },
  },
  fs: {
    label: "Local file system (fs)",
    inputs: [
      { key: "sourceDevices", label: "Block device", hint: "e.g. /dev/sdb1", required: true },
      { key: "path", label: "Mount point", hint: TARGET_HINT, required: true },
    ],
    build: { label: "Format the device first (mkfs) — erases it", default: false },
  },
  netfs: {
    label: "NFS share (netfs)",
    inputs: [
      { key: "sourceHost", label: "NFS server", hint: "Host name or address", required: true },
      { key: "sourcePath", label: "Export", hint: "e.g. /export/vms", required: true },
      { key: "path", label: "Mount point", hint: TARGET_HINT, required: true },
    ],
    build: { label: "Create the mount point if it is missing", default: false },
  },
  logical: {
    label: "LVM volume group (logical)",
    inputs: [
      { key: "sourceName", label: "Volume group", hint: "e.g. vg_vms", required: true },
      {
        key: "sourceDevices",
        label: "Physical volumes",
        hint: "Only to create the group: devices separated by spaces, e.g. /dev/sdb /dev/sdc",
        required: false,
      },
    ],
    build: { label: "Create the volume group (vgcreate) — erases the devices", default: false },
  },
  iscsi: {
    label: "iSCSI target (iscsi)",
    inputs: [
      { key: "sourceHost", label: "iSCSI server", hint: "Host name or address", required: true },
      {
        key: "sourceDevices",
        label: "Target IQN",
        hint: "e.g. iqn.2024-01.com.example:storage",
        required: true,
      },
    ],
  },
};

const EMPTY: Record<Input, string> = {
  path: "",
  sourceHost: "",
  sourcePath: "",
  sourceDevices: "",
  sourceName: "",
};

/** The request for what the form shows: only the chosen type's fields are sent. */
export function poolRequest(
  name: string,
  type: PoolType,
  values: Record<Input, string>,
  flags: { build: boolean; start: boolean; autostart: boolean },
): PoolCreateRequest {
  const req: PoolCreateRequest = { name: name.trim(), type };
  for (const { key } of TYPES[type].inputs) {
    const value = values[key].trim();
    if (!value) continue;
    if (key === "sourceDevices") req.sourceDevices = value.split(/[\s,]+/).filter(Boolean);
    else req[key] = value;
  }
  if (TYPES[type].build) req.build = flags.build;
  req.start = flags.start;
  req.autostart = flags.autostart;
  return req;
}

export function NewPoolForm({ onCreated, onCancel }: Props) {
  const name = useSignal("");
  const type = useSignal<PoolType>("dir");
  const values = useSignal(EMPTY);
  const build = useSignal(TYPES.dir.build!.default);
  const start = useSignal(true);
  const autostart = useSignal(false);
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);
  const first = useRef<HTMLInputElement>(null);

  // Focused as the form appears (not after a paint), so typing that starts at once stays in

  // the field it started in.

  useLayoutEffect(() => first.current?.focus(), []);

  const form = TYPES[type.value];
  const save = async (e: Event) => {
    e.preventDefault();
    saving.value = true;
    failure.value = null;
    try {
      const flags = { build: build.value, start: start.value, autostart: autostart.value };
      onCreated(await createPool(poolRequest(name.value, type.value, values.value, flags)));
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  return (
    <form class="create-form" onSubmit={save} aria-label="New pool">
      <h2>New storage pool</h2>
      <div class="field-row">
        <Field id="pool-name" label="Name">
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
        <Field id="pool-type" label="Type">
          {(a) => (
            <select
              {...a}
              value={type.value}
              onChange={(e) => {
                type.value = e.currentTarget.value as PoolType;
                build.value = TYPES[type.value].build?.default ?? false;
              }}
            >
              {POOL_TYPES.map((t) => <option key={t} value={t}>{TYPES[t].label}</option>)}
            </select>
          )}
        </Field>
      </div>
      <div class="field-row">
        {form.inputs.map((input) => (
          <Field
            key={`${type.value}-${input.key}`}
            id={`pool-${input.key}`}
            label={input.label}
            hint={input.hint}
          >
            {(a) => (
              <input
                {...a}
                type="text"
                required={input.required}
                value={values.value[input.key]}
                onInput={(e) =>
                  values.value = { ...values.value, [input.key]: e.currentTarget.value }}
              />
            )}
          </Field>
        ))}
      </div>
      {form.build && (
        <label class="checkbox">
          <input
            type="checkbox"
            checked={build.value}
            onChange={(e) => build.value = e.currentTarget.checked}
          />
          {form.build.label}
        </label>
      )}
      <label class="checkbox">
        <input
          type="checkbox"
          checked={start.value}
          onChange={(e) => start.value = e.currentTarget.checked}
        />
        Start the pool now
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={autostart.value}
          onChange={(e) => autostart.value = e.currentTarget.checked}
        />
        Start the pool when the host boots (autostart)
      </label>
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
        <button
          type="submit"
          class="button button-primary"
          disabled={saving.value || name.value.trim() === ""}
          aria-busy={saving.value}
        >
          Create pool
        </button>
      </div>
    </form>
  );
}
