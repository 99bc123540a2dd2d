// Wizard step 3: vCPUs, memory, and the disk (pool with its free space, size, format, bus).

import { formatBytes, formatMb } from "../../components/format.ts";
import { gbText } from "../../shared/vm_config.ts";
import { DISK_BUSES, DISK_FORMATS, type DiskBus, type DiskFormat } from "../../shared/vms.ts";
import { Field } from "../../components/kit/Field.tsx";
import type { StepProps } from "./step.ts";
import { t } from "../../shared/i18n/t.ts";

export function StepResources({ draft, set, options, issues, disabled }: StepProps) {
  const pool = options.pools.find((p) => p.name === draft.storagePool);
  const importing = draft.media === "import";
  return (
    <fieldset class="wizard-step" disabled={disabled}>
      <legend>{t("Resources")}</legend>
      <div class="field-row">
        <Field
          id="wiz-cpus"
          label={t("vCPUs")}
          hint={t("The host has {{cpus}}.", { cpus: options.hostCpus })}
          errors={issues.errors("cpuCount")}
          warnings={issues.warnings("cpuCount")}
        >
          {(a) => (
            <input
              {...a}
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              value={draft.cpuCount}
              onInput={(e) => set({ cpuCount: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field
          id="wiz-memory"
          label={t("Memory")}
          hint={t(
            "E.g. 2 GiB or 512 MiB; a bare number is MiB. At most {{max}} (90% of the host's {{host}}).",
            {
              max: gbText(options.maxMemoryMb / 1024, "down"),
              host: formatMb(options.hostMemoryMb),
            },
          )}
          errors={issues.errors("memoryMb")}
          warnings={issues.warnings("memoryMb")}
        >
          {(a) => (
            <input
              {...a}
              type="text"
              class="size-input"
              autocomplete="off"
              spellcheck={false}
              value={draft.memoryMb}
              onInput={(e) => set({ memoryMb: e.currentTarget.value })}
            />
          )}
        </Field>
      </div>

      <fieldset class="subfieldset">
        <legend>{t("Disk")}</legend>
        {importing && !(draft.cloudInit && options.cloudInitAvailable)
          ? (
            <p class="field-hint">
              {t("The imported image stays where it is; no storage pool is used.")}
            </p>
          )
          : (
            <Field
              id="wiz-pool"
              label={t("Storage pool")}
              hint={!pool
                ? undefined
                : importing
                ? t("{{free}} free of {{size}} — holds the cloud-init seed only", {
                  free: formatBytes(pool.availableBytes),
                  size: formatBytes(pool.capacityBytes),
                })
                : t("{{free}} free of {{size}}", {
                  free: formatBytes(pool.availableBytes),
                  size: formatBytes(pool.capacityBytes),
                })}
              errors={issues.errors("storagePool")}
            >
              {(a) => (
                <select
                  {...a}
                  value={draft.storagePool}
                  onChange={(e) => set({ storagePool: e.currentTarget.value })}
                >
                  {!pool && (
                    <option value={draft.storagePool}>
                      {t("{{name}} (not found)", { name: draft.storagePool })}
                    </option>
                  )}
                  {options.pools.map((p) => (
                    <option key={p.name} value={p.name} disabled={!p.active}>
                      {p.active
                        ? t("{{name}} ({{free}} free)", {
                          name: p.name,
                          free: formatBytes(p.availableBytes),
                        })
                        : t("{{name}} (inactive)", { name: p.name })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        {importing
          ? (
            <p class="field-hint">
              {t("The imported image keeps its own size; the format below must be the image's.")}
            </p>
          )
          : (
            <Field
              id="wiz-disk-size"
              label={t("Disk size")}
              hint={t("E.g. 20 GiB or 1 TiB; a bare number is GiB.")}
              errors={issues.errors("diskSizeGb")}
            >
              {(a) => (
                <input
                  {...a}
                  type="text"
                  class="size-input"
                  autocomplete="off"
                  spellcheck={false}
                  value={draft.diskSizeGb}
                  onInput={(e) => set({ diskSizeGb: e.currentTarget.value })}
                />
              )}
            </Field>
          )}
        <div class="field-row">
          <Field
            id="wiz-format"
            label={importing ? t("Image format") : t("Format")}
            hint={importing
              ? undefined
              : t("qcow2 is thin and supports snapshots; raw is fastest.")}
            errors={issues.errors("diskFormat")}
          >
            {(a) => (
              <select
                {...a}
                value={draft.diskFormat}
                onChange={(e) => set({ diskFormat: e.currentTarget.value as DiskFormat })}
              >
                {DISK_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
              </select>
            )}
          </Field>
          <Field
            id="wiz-bus"
            label={t("Bus")}
            hint={t("virtio is fastest; Windows needs its drivers, sata works everywhere.")}
            errors={issues.errors("diskBus")}
          >
            {(a) => (
              <select
                {...a}
                value={draft.diskBus}
                onChange={(e) => set({ diskBus: e.currentTarget.value as DiskBus })}
              >
                {DISK_BUSES.map((b) => <option key={b} value={b}>{b}</option>)}
              </select>
            )}
          </Field>
        </div>
      </fieldset>
    </fieldset>
  );
}
