// The "New pool" form: a type select that shows only the fields that pool type needs.

import { useSignal } from "@preact/signals";
import type { PoolCreateRequest, PoolInfo, PoolType } from "../../shared/storage.ts";
import { POOL_TYPES } from "../../shared/storage.ts";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { useDraft, useSubmit } from "../../components/kit/use_form.ts";
import { NewObjectForm } from "./NewObjectForm.tsx";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { createPool } from "./api.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

interface Props {
  onCreated: (pool: PoolInfo) => void;
  onCancel: () => void;
}

type Input = "path" | "sourceHost" | "sourcePath" | "sourceDevices" | "sourceName";

// The words are keys (tKey), translated where they are shown.
interface TypeForm {
  label: string;
  /** The inputs this type uses, in order, with their labels and hints. */
  inputs: { key: Input; label: string; hint: string; required: boolean }[];
  /** What "build" does for this type; absent when it has nothing to build. */
  build?: { label: string; default: boolean };
}

const TARGET_HINT = tKey("Inside one of the server's allowed storage roots (--storage-root).");

const TYPES: Record<PoolType, TypeForm> = {
  dir: {
    label: tKey("Directory (dir)"),
    inputs: [{ key: "path", label: tKey("Folder"), hint: TARGET_HINT, required: true }],
    build: { label: tKey("Create the folder if it is missing"), default: true },
  },
  fs: {
    label: tKey("Local file system (fs)"),
    inputs: [
      {
        key: "sourceDevices",
        label: tKey("Block device"),
        hint: tKey("e.g. /dev/sdb1"),
        required: true,
      },
      { key: "path", label: tKey("Mount point"), hint: TARGET_HINT, required: true },
    ],
    build: { label: tKey("Format the device first (mkfs) — erases it"), default: false },
  },
  netfs: {
    label: tKey("NFS share (netfs)"),
    inputs: [
      {
        key: "sourceHost",
        label: tKey("NFS server"),
        hint: tKey("Host name or address"),
        required: true,
      },
      { key: "sourcePath", label: tKey("Export"), hint: tKey("e.g. /export/vms"), required: true },
      { key: "path", label: tKey("Mount point"), hint: TARGET_HINT, required: true },
    ],
    build: { label: tKey("Create the mount point if it is missing"), default: false },
  },
  logical: {
    label: tKey("LVM volume group (logical)"),
    inputs: [
      {
        key: "sourceName",
        label: tKey("Volume group"),
        hint: tKey("e.g. vg_vms"),
        required: true,
      },
      {
        key: "sourceDevices",
        label: tKey("Physical volumes"),
        hint: tKey(
          "Only to create the group: devices separated by spaces, e.g. /dev/sdb /dev/sdc",
        ),
        required: false,
      },
    ],
    build: {
      label: tKey("Create the volume group (vgcreate) — erases the devices"),
      default: false,
    },
  },
  iscsi: {
    label: tKey("iSCSI target (iscsi)"),
    inputs: [
      {
        key: "sourceHost",
        label: tKey("iSCSI server"),
        hint: tKey("Host name or address"),
        required: true,
      },
      {
        key: "sourceDevices",
        label: tKey("Target IQN"),
        hint: tKey("e.g. iqn.2024-01.com.example:storage"),
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
  const submit = useSubmit(async () =>
    onCreated(await createPool(poolRequest(name.value, type.value, values.value, flags.value)))
  );
  const form = TYPES[type.value];

  return (
    <NewObjectForm
      label={t("New pool")}
      title={t("New storage pool")}
      submit={submit}
      submitLabel={t("Create pool")}
      onCancel={onCancel}
      name={{ id: "pool-name", ...bindSignal(name) }}
      besideName={
        <SelectField
          id="pool-type"
          label={t("Type")}
          options={POOL_TYPES.map((p) => [p, t(TYPES[p].label)] as const)}
          value={type.value}
          onValue={(v) => {
            type.value = v as PoolType;
            flags.set({ build: TYPES[type.value].build?.default ?? false });
          }}
        />
      }
    >
      <div class="field-row">
        {form.inputs.map((input) => (
          <TextField
            key={`${type.value}-${input.key}`}
            id={`pool-${input.key}`}
            label={t(input.label)}
            hint={t(input.hint)}
            required={input.required}
            value={values.value[input.key]}
            onValue={(v) => values.value = { ...values.value, [input.key]: v }}
          />
        ))}
      </div>
      {form.build && <Checkbox label={t(form.build.label)} {...flags.flag("build")} />}
      <Checkbox label={t("Start the pool now")} {...flags.flag("start")} />
      <Checkbox
        label={t("Start the pool when the host boots (autostart)")}
        {...flags.flag("autostart")}
      />
    </NewObjectForm>
  );
}
