// "Add disk": a new volume in a storage pool, or an existing volume picked from a pool or
// given by path; on a chosen bus.

import { useSignal } from "@preact/signals";
import { DISK_BUSES, DISK_FORMATS, type DiskBus, type DiskFormat } from "../../shared/vms.ts";
import { attachDisk, type DiskAttach } from "./api.ts";
import { deviceLine } from "./changes.ts";
import { OutcomeNote, useAction } from "./Outcome.tsx";
import { useOptions } from "./options.ts";
import { isRunning, type PanelProps } from "./panel.ts";
import { VolumePicker } from "./VolumePicker.tsx";

export function AddDiskForm({ vm, ready, refresh }: PanelProps) {
  const { options, error, load } = useOptions();
  const action = useAction();
  const source = useSignal<"new" | "existing">("new");
  const bus = useSignal<DiskBus>("virtio");
  const format = useSignal<DiskFormat>("qcow2");
  const pool = useSignal("");
  const name = useSignal(`${vm.name}-disk${vm.disks.length + 1}`);
  const sizeGb = useSignal("10");
  const path = useSignal("");
  const pools = (options.value?.pools ?? []).filter((p) => p.active);

  const submit = (e: Event) => {
    e.preventDefault();
    const body: DiskAttach = source.value === "new"
      ? {
        bus: bus.value,
        newVolume: {
          pool: pool.value || pools[0]?.name || "default",
          name: name.value.trim(),
          sizeGb: Number(sizeGb.value),
          format: format.value,
        },
      }
      : { bus: bus.value, volumePath: path.value.trim(), format: format.value };
    action.run(async () => {
      const r = await attachDisk(vm.id, body);
      await refresh();
      return deviceLine(r.target ? `Disk ${r.target} attached` : "Disk attached", r, isRunning(vm));
    });
  };

  return (
    <details
      class="add-form needs-admin"
      onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && load()}
    >
      <summary>Add disk</summary>
      <form class="settings-form" onSubmit={submit}>
        <fieldset class="choice">
          <legend>Source</legend>
          <label class="checkbox">
            <input
              type="radio"
              name="disk-source"
              checked={source.value === "new"}
              onChange={() => source.value = "new"}
            />
            New volume in a storage pool
          </label>
          <label class="checkbox">
            <input
              type="radio"
              name="disk-source"
              checked={source.value === "existing"}
              onChange={() => source.value = "existing"}
            />
            Existing volume
          </label>
        </fieldset>
        {source.value === "new"
          ? (
            <div class="form-row">
              <div class="form-field">
                <label for="disk-pool">Pool</label>
                <select
                  id="disk-pool"
                  value={pool.value || pools[0]?.name}
                  onChange={(e) => pool.value = e.currentTarget.value}
                >
                  {!options.value && <option value="">Loading…</option>}
                  {pools.map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
                </select>
              </div>
              <div class="form-field">
                <label for="disk-name">Volume name</label>
                <input
                  id="disk-name"
                  type="text"
                  required
                  value={name.value}
                  onInput={(e) => name.value = e.currentTarget.value}
                />
              </div>
              <div class="form-field">
                <label for="disk-size">Size (GiB)</label>
                <input
                  id="disk-size"
                  type="number"
                  min={1}
                  required
                  value={sizeGb.value}
                  onInput={(e) => sizeGb.value = e.currentTarget.value}
                />
              </div>
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
              <div class="form-field">
                <label for="disk-path">Volume path</label>
                <input
                  id="disk-path"
                  type="text"
                  required
                  placeholder="/var/lib/libvirt/images/data.qcow2"
                  value={path.value}
                  onInput={(e) => path.value = e.currentTarget.value}
                />
                <p class="form-hint">It must be a volume of a storage pool.</p>
              </div>
            </>
          )}
        <div class="form-row">
          <div class="form-field">
            <label for="disk-format">Format</label>
            <select
              id="disk-format"
              value={format.value}
              onChange={(e) => format.value = e.currentTarget.value as DiskFormat}
            >
              {DISK_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </div>
          <div class="form-field">
            <label for="disk-bus">Bus</label>
            <select
              id="disk-bus"
              value={bus.value}
              onChange={(e) => bus.value = e.currentTarget.value as DiskBus}
            >
              {DISK_BUSES.map((b) => <option key={b} value={b}>{b}</option>)}
            </select>
          </div>
        </div>
        {bus.value === "sata" && isRunning(vm) && (
          <p class="form-hint">SATA disks cannot be hot-plugged: it appears at the next boot.</p>
        )}
        {error.value && <p class="form-error" role="alert">{error.value}</p>}
        <div class="form-buttons">
          <button
            type="submit"
            class="button button-primary"
            disabled={!ready || action.busy.value}
            aria-busy={action.busy.value}
          >
            Attach disk
          </button>
        </div>
        <OutcomeNote outcome={action.outcome.value} />
      </form>
    </details>
  );
}
