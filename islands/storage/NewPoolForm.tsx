// The "New pool" form: a type select that shows only the fields that pool type needs.

import { useSignal } from "@preact/signals";
import type { PoolCreateRequest, PoolInfo, PoolType } from "../../shared/storage.ts";
import { POOL_TYPES } from "../../shared/storage.ts";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
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
  const flags = useDraft({ build: TYPES.dir.build!.default, start: true, autostart: false });
  const first = useFocusFirst();
  const submit = useSubmit(async () =>
    onCreated(await createPool(poolRequest(name.value, type.value, values.value, flags.value)))
  );
  const form = TYPES[type.value];

  return (
    <FormPanel
      label="New pool"
      title="New storage pool"
      class="create-form"
      submit={submit}
      submitLabel="Create pool"
      disabled={name.value.trim() === ""}
      onCancel={onCancel}
      browserValidates
    >
      <div class="field-row">
        <TextField
          id="pool-name"
          label="Name"
          required
          inputRef={first}
          value={name.value}
          onValue={(v) => name.value = v}
        />
        <SelectField
          id="pool-type"
          label="Type"
          options={POOL_TYPES.map((t) => [t, TYPES[t].label] as const)}
          value={type.value}
          onValue={(v) => {
            type.value = v as PoolType;
            flags.set({ build: TYPES[type.value].build?.default ?? false });
          }}
        />
      </div>
      <div class="field-row">
        {form.inputs.map((input) => (
          <TextField
            key={`${type.value}-${input.key}`}
            id={`pool-${input.key}`}
            label={input.label}
            hint={input.hint}
            required={input.required}
            value={values.value[input.key]}
            onValue={(v) => values.value = { ...values.value, [input.key]: v }}
          />
        ))}
      </div>
      {form.build && <Checkbox label={form.build.label} {...flags.flag("build")} />}
      <Checkbox label="Start the pool now" {...flags.flag("start")} />
      <Checkbox
        label="Start the pool when the host boots (autostart)"
        {...flags.flag("autostart")}
      />
    </FormPanel>
  );
}
