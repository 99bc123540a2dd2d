// "Add disk": a new volume in a storage pool, or an existing volume picked from a pool or
// given by path; on a chosen bus.

import { useSignal } from "@preact/signals";
import { DISK_BUSES, DISK_FORMATS, type DiskBus, type DiskFormat } from "../../shared/vms.ts";
import { attachDisk, type DiskAttach } from "./api.ts";
import { deviceLine } from "./changes.ts";
import { RadioGroup, SelectField, TextField } from "../../components/kit/controls.tsx";
import { SaveButtons, useAction } from "../../components/kit/use_action.tsx";
import { useOptions } from "./options.ts";
import { isRunning, type PanelProps } from "./panel.ts";
import { VolumePicker } from "./VolumePicker.tsx";
import { AddDeviceForm } from "./DeviceList.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";
import { parseSize, type SizeRules } from "../../shared/units.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";

const SOURCES = [
  ["new", tKey("New volume in a storage pool")],
  ["existing", tKey("Existing volume")],
] as const;
const FORMATS = DISK_FORMATS.map((f) => [f, f] as const);

/** A new disk's size in GiB, to the MiB (0.5, 512 MiB), at least 1 MiB; a bare number is GiB. */
const NEW_DISK_SIZE: SizeRules = {
  unit: "GiB",
  step: "MiB",
  label: tKey("Size"),
  empty: tKey("Enter the disk size, e.g. {{example}}"),
  example: tKey("10 GiB or 512 MiB"),
  min: 1 / 1024,
};
const BUSES = DISK_BUSES.map((b) => [b, b] as const);

export function AddDiskForm({ vm, ready, refresh }: PanelProps) {
  const { options, error, load } = useOptions();
  const action = useAction();
  const source = useSignal<"new" | "existing">("new");
  const bus = useSignal<DiskBus>("virtio");
  const format = useSignal<DiskFormat>("qcow2");
  const pool = useSignal("");
  const name = useSignal(`${vm.name}-disk${vm.disks.length + 1}`);
  const size = useSignal("10 GiB");
  const sizeError = useSignal<string | null>(null);
  const path = useSignal("");
  const pools = (options.value?.pools ?? []).filter((p) => p.active);
  const poolChoices = options.value
    ? pools.map((p) => [p.name, p.name] as const)
    : [["", t("Loading…")] as const];

  const submit = (e: Event) => {
    e.preventDefault();
    const gib = source.value === "new" ? parseSize(size.value, NEW_DISK_SIZE) : null;
    sizeError.value = gib && !gib.ok ? gib.message : null;
    if (gib && !gib.ok) return;
    const body: DiskAttach = source.value === "new"
      ? {
        bus: bus.value,
        newVolume: {
          pool: pool.value || pools[0]?.name || "default",
          name: name.value.trim(),
          sizeGb: gib!.ok ? gib!.value : 0,
          format: format.value,
        },
      }
      : { bus: bus.value, volumePath: path.value.trim(), format: format.value };
    action.run(async () => {
      const r = await attachDisk(vm.id, body);
      await refresh();
      const what = r.target
        ? t("Disk {{target}} attached", { target: r.target })
        : t("Disk attached");
      return deviceLine(what, r, isRunning(vm));
    });
  };

  return (
    <AddDeviceForm title={t("Add disk")} onSubmit={submit} onOpen={load}>
      <RadioGroup
        legend={t("Source")}
        name="disk-source"
        value={source.value}
        onValue={(v) => source.value = v as "new" | "existing"}
        options={SOURCES.map(([v, label]) => [v, t(label)] as const)}
      />
      {source.value === "new"
        ? (
          <div class="form-row">
            <SelectField
              id="disk-pool"
              label={t("Pool")}
              value={pool.value || pools[0]?.name}
              onValue={(v) => pool.value = v}
              options={poolChoices}
            />
            <TextField
              id="disk-name"
              label={t("Volume name")}
              required
              {...bindSignal(name)}
            />
            <TextField
              id="disk-size"
              label={t("Size")}
              hint={t("E.g. 10 GiB or 512 MiB; a bare number is GiB.")}
              required
              inputClass="size-input"
              autocomplete="off"
              spellcheck={false}
              errors={sizeError.value ? [sizeError.value] : []}
              value={size.value}
              onValue={(v) => {
                size.value = v;
                sizeError.value = null;
              }}
            />
          </div>
        )
        : (
          <>
            <VolumePicker
              pools={pools}
              path={path}
              onPick={(vol) => {
                path.value = vol.path;
                if (DISK_FORMATS.includes(vol.format as DiskFormat)) {
                  format.value = vol.format as DiskFormat;
                }
              }}
            />
            <TextField
              id="disk-path"
              label={t("Volume path")}
              hint={t("It must be a volume of a storage pool.")}
              required
              // deno-lint-ignore translate/untranslated-text -- a sample path, not words
              placeholder="/var/lib/libvirt/images/data.qcow2"
              {...bindSignal(path)}
            />
          </>
        )}
      <div class="form-row">
        <SelectField
          id="disk-format"
          label={t("Format")}
          value={format.value}
          onValue={(v) => format.value = v as DiskFormat}
          options={FORMATS}
        />
        <SelectField
          id="disk-bus"
          label={t("Bus")}
          value={bus.value}
          onValue={(v) => bus.value = v as DiskBus}
          options={BUSES}
        />
      </div>
      {bus.value === "sata" && isRunning(vm) && (
        <p class="form-hint">
          {t("SATA disks cannot be hot-plugged: it appears at the next boot.")}
        </p>
      )}
      {error.value && <p class="form-error" role="alert">{error.value}</p>}
      <SaveButtons action={action} label={t("Attach disk")} disabled={!ready} />
    </AddDeviceForm>
  );
}
